"""sar_forms.produce: the one owner of "assessment -> files", tested without LibreOffice."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from sar_forms.errors import ConversionError
from sar_forms.produce import FormProducer, Produced


class RecordingConverter:
    """A Converter that writes a one-page PDF and remembers what it was given."""

    def __init__(self) -> None:
        self.sources: list[bytes] = []
        self.fonts: list[str] = []

    def convert(self, source: Path, target: Path, *, pdfa: bool = False) -> Path:
        self.sources.append(source.read_bytes())
        writer = PdfWriter()
        writer.add_blank_page(595, 842)
        with target.open("wb") as fh:
            writer.write(fh)
        return target

    def check_font(self, family: str) -> None:
        self.fonts.append(family)

    def close(self) -> None:
        pass


def test_write_gives_both_files_with_their_sha256(sample, tmp_path):
    """This test ensures that write() makes the .docx and the PDF and reports each file's sha256."""
    conv = RecordingConverter()
    done = FormProducer(converter=conv).write(sample, docx=tmp_path / "f.docx", pdf=tmp_path / "f.pdf")
    assert isinstance(done, Produced)
    assert done.docx_sha256 == hashlib.sha256((tmp_path / "f.docx").read_bytes()).hexdigest()
    assert done.pdf_sha256 == hashlib.sha256((tmp_path / "f.pdf").read_bytes()).hexdigest()
    assert PdfReader(tmp_path / "f.pdf").root_object["/Lang"] == "th-TH"


def test_the_pdf_is_made_from_the_word_marked_copy_and_the_docx_is_not(sample, tmp_path):
    """This test ensures that the converter gets the copy with Thai word boundaries marked, while
    the .docx users receive carries no marks."""
    conv = RecordingConverter()
    producer = FormProducer(converter=conv)
    producer.write(sample, docx=tmp_path / "f.docx", pdf=tmp_path / "f.pdf")
    (tmp_path / "copy.docx").write_bytes(conv.sources[0])
    assert "\u200b" in zipfile.ZipFile(tmp_path / "copy.docx").read("word/document.xml").decode()
    assert "\u200b" not in zipfile.ZipFile(tmp_path / "f.docx").read("word/document.xml").decode()


def test_the_font_preflight_runs_once_per_producer(sample, tmp_path):
    """This test ensures that the Thai font check is asked of the converter once, not per form."""
    conv = RecordingConverter()
    producer = FormProducer(converter=conv)
    for i in range(3):
        producer.write(sample, pdf=tmp_path / f"{i}.pdf")
    assert conv.fonts == ["TH Sarabun New"]


def test_a_pdf_without_a_converter_is_a_clear_error(sample, tmp_path):
    """This test ensures that a producer made without a converter refuses PDFs, and writes nothing."""
    with pytest.raises(ConversionError, match="no converter"):
        FormProducer().write(sample, pdf=tmp_path / "f.pdf")
    assert not (tmp_path / "f.pdf").exists()
