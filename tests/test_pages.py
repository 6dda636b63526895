"""sar_forms.pages: reading where a PDF's lines fall, and keeping headings with what follows them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import sar_forms
from sar_forms.convert import LibreOfficeConverter
from sar_forms.errors import ConverterUnavailable
from sar_forms.pages import TableGeometry, keep_headings, read_layout, skeleton, stranded_headings
from sar_forms.render import FormRenderer, default_template

HEADINGS = ["ผลการดำเนินงาน", "2. ปัญหา อุปสรรค", "3. ข้อเสนอแนะเพื่อการพัฒนา"]


def _geometry(docx: bytes) -> TableGeometry:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return TableGeometry.of(z.read("word/document.xml"))


def test_table_geometry_is_read_from_the_documents_margins_and_grid(sample_docx):
    """This test ensures that the column rules are the left margin plus the table grid's widths, in points."""
    geometry = _geometry(sample_docx.read_bytes())
    assert geometry.column_rules[0] == 1701 / 20  # the official 3 cm left margin
    assert len(geometry.column_rules) == 5
    assert round(geometry.column_rules[-1] - geometry.column_rules[0]) == round((11906 - 1701 - 1134) / 20)
    assert geometry.body == (1418 / 20, (16838 - 1134) / 20)


def test_skeleton_ignores_the_order_of_stacked_marks():
    """This test ensures that two extractions of one Thai line compare equal whatever order marks come in."""
    assert skeleton("ครบทั้ง 4") == skeleton("ครบทัง้ 4") == "ครบทง4"
    assert skeleton("ก\u200bา\u2060ร") == "การ"


def test_a_missing_pdftotext_is_named(monkeypatch, tmp_path):
    """This test ensures that without poppler the error says what to install."""
    monkeypatch.setattr("sar_forms.pages.shutil.which", lambda name: None)
    with pytest.raises(ConverterUnavailable, match="poppler-utils"):
        read_layout(tmp_path / "x.pdf", TableGeometry((0.0, 1.0), (0.0, 1.0)))


@pytest.fixture(scope="module")
def converter(soffice):
    with LibreOfficeConverter(workers=1, timeout=120) as conv:
        yield conv


def test_a_heading_left_at_a_page_foot_goes_over_to_the_next_page(converter, sample_data, tmp_path):
    """This test ensures that when LibreOffice leaves a narrative heading as the last line of a
    page (it ignores keep-with-next in table cells), the PDF has it at the top of the next page,
    above its first item, as Word lays it out."""
    renderer = FormRenderer(default_template(), word_breaks=True)

    def convert(data: bytes) -> bytes:
        (tmp_path / "f.docx").write_bytes(data)
        converter.convert(tmp_path / "f.docx", tmp_path / "f.pdf")
        return (tmp_path / "f.pdf").read_bytes()

    # one-line steps added push everything below down by a line at a time, until a heading
    # falls on a page's last line
    for extra in range(40):
        data = dict(
            sample_data,
            narrative=dict(sample_data["narrative"], steps=sample_data["narrative"]["steps"] + ["ทดสอบ"] * extra),
        )
        docx = renderer.render(sar_forms.Assessment.model_validate(data))
        geometry = _geometry(docx)
        plain = read_layout(convert(docx), geometry)
        stranded = stranded_headings(plain, HEADINGS)
        if stranded:
            break
    else:
        pytest.fail("no number of added steps left a heading at a page's foot")
    ((index, _lines),) = stranded
    page = plain.page_of(HEADINGS[index], column=2)[0]

    kept = read_layout(keep_headings(docx, convert), geometry)
    assert stranded_headings(kept, HEADINGS) == []
    assert kept.page_of(HEADINGS[index], column=2) == [page + 1]
    assert kept.pages == plain.pages or kept.pages == plain.pages + 1
    for heading in HEADINGS:  # nothing else moved out of its column or vanished
        assert len(kept.page_of(heading, column=2)) == 1


def test_keep_headings_converts_once_when_nothing_is_stranded(sample_data, tmp_path, converter):
    """This test ensures that a form whose headings all stand with their items costs one conversion."""
    docx = FormRenderer(default_template(), word_breaks=True).render(sar_forms.Assessment.model_validate(sample_data))
    calls: list[bytes] = []

    def convert(data: bytes) -> bytes:
        calls.append(data)
        path = Path(tmp_path / "f.docx")
        path.write_bytes(data)
        converter.convert(path, tmp_path / "f.pdf")
        return (tmp_path / "f.pdf").read_bytes()

    keep_headings(docx, convert)
    assert calls == [docx]
