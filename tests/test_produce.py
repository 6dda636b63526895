"""sar_forms.forms.produce: the one owner of "assessment -> files"; with a recording converter, and with
LibreOffice for the merged conversions (one document for many forms, split again)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import signal
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest
from helpers import HEADINGS, INFO_FIELDS, document_information, geometry_of, one_page_pdf
from pdf_layout import read_layout, stranded_headings
from pypdf import PdfReader

import sar_forms
from sar_forms.errors import ConversionError
from sar_forms.forms.produce import FormProducer, Produced, document_date
from sar_forms.inputs.tables import Record
from sar_forms.pdf.convert import LibreOfficeConverter
from sar_forms.pdf.pagination import MAX_PUSHES
from sar_forms.pdf.recipe import Pushed
from sar_forms.run.batch import run_batch

ROOT = Path(__file__).resolve().parents[1]


class RecordingConverter:
    """A Converter that writes a one-page PDF and remembers what it was given."""

    concurrency, local_workers = 1, 0

    def __init__(self) -> None:
        self.sources: list[bytes] = []
        self.fonts: list[str] = []

    def convert(self, source: Path, target: Path, *, pdfa: bool = False, destinations: bool = False) -> Path:
        self.sources.append(source.read_bytes())
        return one_page_pdf(source, target, destinations=destinations)

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


# ----------------------------------------------------------------------------- merged conversions


@pytest.fixture(scope="module")
def converter(soffice):
    with LibreOfficeConverter(workers=1, timeout=120, retries=0) as conv:
        yield conv


def describe(pdf: bytes) -> dict:
    """What a reader gets of a PDF: per page its text and link targets; the document's
    information, page labels and language; whether every font is embedded."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    for n, page in enumerate(reader.pages, 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        links = [a.get_object()["/A"].get("/URI") for a in page.get("/Annots", []) if "/A" in a.get_object()]
        pages.append((text, links))
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    return {
        "pages": pages,
        "info": dict(reader.metadata or {}),
        "labels": reader.root_object.get("/PageLabels"),
        "lang": reader.root_object.get("/Lang"),
        "embedded": bool(rows) and all(row[-5] == "yes" for row in rows),
    }


def stranded_variant(sample_data: dict, converter: LibreOfficeConverter, tmp: Path) -> sar_forms.Assessment:
    """The sample with as many one-line steps added as leave a heading at a page's foot in
    LibreOffice (so the PDF recipe has to push it to the next page)."""
    producer = FormProducer(converter=converter)
    for extra in range(40):
        data = dict(
            sample_data,
            narrative=dict(sample_data["narrative"], steps=sample_data["narrative"]["steps"] + ["ทดสอบ"] * extra),
        )
        a = sar_forms.Assessment.model_validate(data)
        copy = producer.pdf_copy(a)
        (tmp / "f.docx").write_bytes(copy)
        converter.convert(tmp / "f.docx", tmp / "f.pdf")
        if stranded_headings(read_layout((tmp / "f.pdf").read_bytes(), geometry_of(copy)), HEADINGS):
            return a
    pytest.fail("no number of added steps left a heading at a page's foot")


def test_split_pdfs_equal_the_forms_single_conversions(sample, sample_data, converter, tmp_path):
    """This test ensures that a form's PDF cut from a merged conversion is what its own conversion
    gives: the same pages, text on each page, link targets, document information (title, author,
    dates), no page labels as there, th-TH, fonts embedded; also for a form longer than the
    sample, another office, and a form whose heading had to be pushed to the next page."""
    producer = FormProducer(converter=converter)
    other = sample.office.model_copy(update={"short_name": "สพม.ทดสอบ", "name": "สำนักงานเขตพื้นที่การศึกษาทดสอบ"})
    forms = [
        sample,
        sar_forms.load_assessment(ROOT / "samples" / "long-form-example.yaml"),
        sample.model_copy(update={"level": 2, "office": other}),
        stranded_variant(sample_data, converter, tmp_path),
    ]
    singles = [producer.pdf(a) for a in forms]
    merged = producer.pdfs_from_copies([producer.pdf_copy(a) for a in forms], [document_date(a) for a in forms])
    assert len(merged) == len(forms)
    for single, split in zip(singles, merged, strict=True):
        assert isinstance(split, bytes)
        want, got = describe(single), describe(split)
        assert got == want
        assert got["embedded"] and got["lang"] == "th-TH" and got["labels"] is None
        assert set(document_information(split)) == set(INFO_FIELDS)
    assert [len(describe(m)["pages"]) for m in merged if isinstance(m, bytes)] == [3, 4, 3, 4]


def test_single_and_pdfa_pdfs_carry_the_document_information(sample, converter):
    """This test ensures that a form's PDF, plain or PDF/A, shows its title, subject, keywords,
    author and dates in a viewer (pdfinfo) and to pypdf, as its .docx's core properties give them."""
    for pdfa in (False, True):
        info = document_information(FormProducer(converter=converter, pdfa=pdfa).pdf(sample))
        assert set(info) == set(INFO_FIELDS), pdfa
        assert info["Title"] == "มาตรฐานที่ 1 ตัวบ่งชี้ที่ 1.2 การพัฒนาสู่องค์กรแห่งการเรียนรู้"
        assert info["Author"] == sample.office.name and info["Keywords"] == "สพป.อด.2, 1.2, 2565"
        assert "2565" in info["Subject"] and info["CreationDate"].startswith("2022-09-30")


def test_merged_conversions_are_reproducible(sample, converter):
    """This test ensures that the same forms give the same split PDF bytes twice (dates from the
    data, the ID from the content), as a single conversion does."""
    producer = FormProducer(converter=converter)
    forms = [sample, sample.model_copy(update={"level": 1})]
    copies, whens = [producer.pdf_copy(a) for a in forms], [document_date(a) for a in forms]
    first = producer.pdfs_from_copies(copies, whens)
    assert producer.pdfs_from_copies(copies, whens) == first
    assert isinstance(first[0], bytes)
    assert PdfReader(io.BytesIO(first[0])).metadata["/CreationDate"].startswith("D:20220930000000")


class CrashingConverter:
    """The real LibreOffice converter, whose LibreOffice is killed (SIGKILL to soffice.bin) for
    as long as it converts a document holding ``poison``: a form that crashes LibreOffice.
    Records how many forms (sections) each conversion held."""

    concurrency, local_workers = 1, 0

    def __init__(self, real: LibreOfficeConverter, poison: str) -> None:
        self.real, self.poison = real, poison
        self.calls: list[int] = []

    def convert(self, source: Path, target: Path, *, pdfa: bool = False, destinations: bool = False) -> Path:
        xml = zipfile.ZipFile(source).read("word/document.xml").decode()
        self.calls.append(xml.count("<w:sectPr"))
        if self.poison not in xml:
            return self.real.convert(source, target, pdfa=pdfa, destinations=destinations)
        stop = threading.Event()

        def crash() -> None:
            while not stop.wait(0.02):
                for w in self.real.workers:
                    if getattr(w, "soffice_pid", None):
                        with contextlib.suppress(OSError):
                            os.kill(w.soffice_pid, signal.SIGKILL)

        killer = threading.Thread(target=crash)
        killer.start()
        try:
            return self.real.convert(source, target, pdfa=pdfa, destinations=destinations)
        finally:
            stop.set()
            killer.join()

    def check_font(self, family: str) -> None:
        self.real.check_font(family)

    def close(self) -> None:
        pass


def test_a_form_that_crashes_libreoffice_costs_only_itself(sample, converter):
    """This test ensures that when a merged conversion fails (LibreOffice crashes on one form),
    every other form of the chunk still gets its PDF, converted alone, and the bad form gets the error."""
    poison = "CRASHES-LIBREOFFICE"
    crashing = CrashingConverter(converter, poison)
    producer = FormProducer(converter=crashing)
    bad = sample.model_copy(update={"notes": [*sample.notes, poison]})
    forms = [sample, bad, sample.model_copy(update={"level": 1})]
    out = producer.pdfs_from_copies([producer.pdf_copy(a) for a in forms], [document_date(a) for a in forms])
    assert isinstance(out[0], bytes) and isinstance(out[2], bytes)
    assert isinstance(out[1], ConversionError)
    assert crashing.calls[0] == 3  # the chunk first, as one document; then each form alone
    assert crashing.calls[1:] == [1, 1, 1]
    assert describe(out[0]) == describe(producer.pdf(sample))
    assert len(PdfReader(io.BytesIO(out[2])).pages) == 3


def test_a_batch_converts_its_forms_in_merged_chunks(sample, converter, tmp_path):
    """This test ensures that run_batch converts several forms per LibreOffice load and writes
    each form's own PDF, equal to the form converted alone."""
    counting = CrashingConverter(converter, poison="\x00never")
    forms = [
        sample.model_copy(update={"level": n, "office": sample.office.model_copy(update={"short_name": f"สพป.{n}"})})
        for n in (5, 4, 3, 2, 1)
    ]
    records = [Record(id=f"r{i}", source="test", location=f"#{i}", assessment=a) for i, a in enumerate(forms)]
    report = run_batch(records, tmp_path, pdf=True, jobs=1, converter=counting, chunk=3)
    assert report.ok, [r.errors for r in report.results]
    assert sorted(counting.calls) == [2, 3]  # two chunks, converted side by side
    pdf = tmp_path / report.results[3].pdf
    assert describe(pdf.read_bytes()) == describe(FormProducer(converter=converter).pdf(forms[3]))


def test_forms_pushed_in_different_chunks_are_converted_again_together(sample, sample_data, converter, tmp_path):
    """This test ensures that a batch converts the forms whose heading had to be pushed once more,
    together, after their chunks (not one by one inside each chunk), and that each PDF is still
    the form's own conversion."""
    counting = CrashingConverter(converter, poison="\x00never")
    stranded = stranded_variant(sample_data, converter, tmp_path)
    forms = [
        (stranded if n % 2 else sample).model_copy(
            update={"office": sample.office.model_copy(update={"short_name": f"สพป.{n}"})}
        )
        for n in range(6)
    ]
    records = [Record(id=f"r{i}", source="test", location=f"#{i}", assessment=a) for i, a in enumerate(forms)]
    report = run_batch(records, tmp_path / "out", pdf=True, jobs=1, converter=counting, chunk=3)
    assert report.ok, [r.errors for r in report.results]
    # two chunks of three, with one and two forms pushed; then those three as one document
    # (each chunk converting its own again would make it [3, 3, 1, 2])
    assert counting.calls == [3, 3, 3]
    single = FormProducer(converter=converter)
    for i in (0, 1):
        pdf = (tmp_path / "out" / report.results[i].pdf).read_bytes()
        assert describe(pdf) == describe(single.pdf(forms[i]))


class NoMerging:
    """The real converter, refusing any document of more than one form (section)."""

    concurrency, local_workers = 1, 0

    def __init__(self, real: LibreOfficeConverter) -> None:
        self.real = real

    def convert(self, source: Path, target: Path, *, pdfa: bool = False, destinations: bool = False) -> Path:
        if zipfile.ZipFile(source).read("word/document.xml").count(b"<w:sectPr") > 1:
            raise ConversionError("this converter takes one form at a time", document=str(source))
        return self.real.convert(source, target, pdfa=pdfa, destinations=destinations)

    def check_font(self, family: str) -> None:
        self.real.check_font(family)

    def close(self) -> None:
        pass


def test_forms_pushed_whose_second_conversion_fails_are_converted_one_by_one(sample, sample_data, converter, tmp_path):
    """This test ensures that forms left pushed by a merged conversion still get their own PDFs
    when converting them together again fails: each alone, from the copy as rendered."""
    stranded = stranded_variant(sample_data, converter, tmp_path)
    producer = FormProducer(converter=converter)
    forms = [sample, stranded, stranded.model_copy(update={"level": 1})]
    first = producer.pdfs_from_copies(
        [producer.pdf_copy(a) for a in forms], [document_date(a) for a in forms], defer_pushed=True
    )
    assert isinstance(first[0], bytes)
    pushed = [item for item in first if isinstance(item, Pushed)]
    assert len(pushed) == 2 and all(item.pushes_left == MAX_PUSHES - 1 for item in pushed)
    again = FormProducer(converter=NoMerging(converter)).pdfs_from_pushed(pushed)
    for pdf, form in zip(again, forms[1:], strict=True):
        assert isinstance(pdf, bytes)
        assert describe(pdf) == describe(producer.pdf(form))
