"""sar_forms.pdf.fake: the converter without LibreOffice that users' tests and ours use."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

import sar_forms
from sar_forms.errors import ConversionError
from sar_forms.forms.produce import FormProducer, document_date
from sar_forms.pdf.convert import Converter
from sar_forms.pdf.postprocess import destinations


def test_the_fake_is_a_converter():
    """This test ensures that FakeConverter meets the Converter protocol, concurrency included."""
    fake = sar_forms.FakeConverter(concurrency=3)
    assert isinstance(fake, Converter) and fake.concurrency == 3 and fake.local_workers == 0
    with pytest.raises(ValueError):
        sar_forms.FakeConverter(concurrency=0)


def test_merged_forms_split_apart_as_libreoffice_s_do(sample):
    """This test ensures that a merged conversion through the fake gives each form its own PDF:
    a page per form (section), their bookmarks as named destinations, each form's own title."""
    other = sample.model_copy(update={"level": 2})
    fake = sar_forms.FakeConverter()
    producer = FormProducer(converter=fake)
    copies = [producer.pdf_copy(a) for a in (sample, other)]
    pdfs = producer.pdfs_from_copies(copies, [document_date(sample)] * 2)
    assert len(fake.converted) == 1  # one merged conversion, not one per form
    for pdf in pdfs:
        assert isinstance(pdf, bytes)
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1 and reader.metadata["/Title"].startswith("มาตรฐานที่ 1 ตัวบ่งชี้ที่ 1.2")
        assert destinations(pdf)[0] == {}  # the bookmarks used to split and keep headings are gone


def test_a_document_can_be_made_to_fail(sample, tmp_path):
    """This test ensures that ``fail`` refuses the documents it names, with a ConversionError."""
    fake = sar_forms.FakeConverter(lambda text: "no office 2 today" if "สพป.อด.2" in text else None)
    with pytest.raises(ConversionError, match="no office 2 today"):
        sar_forms.render_pdf(sample, tmp_path / "f.pdf", converter=fake)
    assert not (tmp_path / "f.pdf").exists()
