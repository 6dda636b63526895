"""sar_forms.pdf.pagination: reading where a PDF's lines fall, and keeping headings with what follows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import HEADINGS, geometry_of
from pdf_layout import read_layout, skeleton, stranded_headings

import sar_forms
from sar_forms.errors import SarFormsWarning
from sar_forms.forms.render import FormRenderer, default_template
from sar_forms.pdf.convert import LibreOfficeConverter
from sar_forms.pdf.pagination import KEEP_MARK, HeadingKeeper, keep_headings, paginate, settled
from sar_forms.pdf.postprocess import destinations


def test_table_geometry_is_read_from_the_documents_margins_and_grid(sample_docx):
    """This test ensures that the column rules are the left margin plus the table grid's widths, in points."""
    geometry = geometry_of(sample_docx.read_bytes())
    assert geometry.column_rules[0] == 1701 / 20  # the official 3 cm left margin
    assert len(geometry.column_rules) == 5
    assert round(geometry.column_rules[-1] - geometry.column_rules[0]) == round((11906 - 1701 - 1134) / 20)
    assert geometry.body == (1418 / 20, (16838 - 1134) / 20)


def test_skeleton_ignores_the_order_of_stacked_marks():
    """This test ensures that two extractions of one Thai line compare equal whatever order marks come in."""
    assert skeleton("ครบทั้ง 4") == skeleton("ครบทัง้ 4") == "ครบทง4"
    assert skeleton("ก\u200bา\u2060ร") == "การ"


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
        converter.convert(tmp_path / "f.docx", tmp_path / "f.pdf", destinations=True)
        return (tmp_path / "f.pdf").read_bytes()

    # one-line steps added push everything below down by a line at a time, until a heading
    # falls on a page's last line
    for extra in range(40):
        docx = renderer.render(steps_added(sample_data, extra))
        geometry = geometry_of(docx)
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
        converter.convert(path, tmp_path / "f.pdf", destinations=True)
        return (tmp_path / "f.pdf").read_bytes()

    pdf = keep_headings(docx, convert)
    assert calls == [HeadingKeeper(docx).docx]  # once, the copy with the headings' bookmarks
    assert not any(name.startswith(KEEP_MARK) for name in destinations(pdf)[0])  # taken out again


def steps_added(sample_data: dict, extra: int) -> sar_forms.Assessment:
    data = dict(
        sample_data,
        narrative=dict(sample_data["narrative"], steps=sample_data["narrative"]["steps"] + ["ทดสอบ"] * extra),
    )
    return sar_forms.Assessment.model_validate(data)


def test_the_bookmarks_find_the_headings_a_reader_sees_stranded(converter, sample_data, tmp_path):
    """This test ensures that the bookmarks' destinations tell a stranded heading exactly when the
    page as read (pdftotext's lines) shows one, and that they change nothing on the page: for
    every number of one-line steps added from 0 to 33 (three of which strand a heading)."""
    renderer = FormRenderer(default_template(), word_breaks=True)
    found = 0
    for extra in range(34):
        copy = renderer.render(steps_added(sample_data, extra))
        keeper = HeadingKeeper(copy)
        pdfs = []
        for name, data in (("plain", copy), ("marked", keeper.docx)):
            (tmp_path / f"{name}.docx").write_bytes(data)
            converter.convert(tmp_path / f"{name}.docx", tmp_path / f"{name}.pdf", destinations=True)
            pdfs.append((tmp_path / f"{name}.pdf").read_bytes())
        plain, marked = (read_layout(pdf, geometry_of(copy)) for pdf in pdfs)
        assert marked.lines == plain.lines, extra
        by_reader = stranded_headings(marked, keeper.texts)
        assert keeper.stranded(destinations(pdfs[1])[0]) == by_reader, extra
        found += bool(by_reader)
    assert found >= 2


def test_a_heading_of_several_lines_is_pushed_by_as_many(sample_data):
    """This test ensures that a stranded heading is pushed by the lines it fills at the page's foot,
    counted by its exact line height (the template's 18 pt) from where its first and last line stand."""
    copy = FormRenderer(default_template(), word_breaks=True).render(steps_added(sample_data, 0))
    keeper = HeadingKeeper(copy, tag="7")
    start, end, after = keeper.marks[1]
    assert keeper.pitches[1] == 18.0 and start == "SarKeep7H1s"
    one_line = {start: (1, 80.0), end: (1, 80.0), after: (2, 734.0)}
    assert keeper.stranded(one_line) == [(1, 1)]
    assert keeper.stranded({start: (1, 116.0), end: (1, 80.0), after: (2, 734.0)}) == [(1, 3)]
    assert keeper.stranded({start: (1, 98.0), end: (1, 80.0), after: (1, 62.0)}) == []  # with its line
    with pytest.warns(SarFormsWarning, match="named destinations"):
        assert keeper.stranded({}) == []  # a converter that does not export them: nothing to tell by


def stranding(keeper: HeadingKeeper, heading: int) -> dict[str, tuple[int, float | None]]:
    """Destinations that leave ``heading`` of ``keeper`` alone at the foot of page 1 (its end on
    page 0, the paragraph after it on page 1) and every other heading with its paragraph."""
    found: dict[str, tuple[int, float | None]] = {}
    for k, (start, end, after) in enumerate(keeper.marks):
        found |= {start: (0, 100.0), end: (0, 82.0), after: (1 if k == heading else 0, 700.0)}
    return found


def test_paginate_converts_again_only_what_was_pushed_and_stops_when_nothing_is(sample):
    """This test ensures that the one pagination loop converts every document first, then only
    those whose heading it pushed, until none is pushed, and no more than its pushes allow; and
    that with ``whole`` (a book) every document is converted again with the pushed ones."""
    copy = FormRenderer(default_template(), word_breaks=True).render(sample)
    keepers = [HeadingKeeper(copy, tag=str(k)) for k in range(3)]
    asked: list[list[int]] = []

    def convert(todo: list[int]):
        asked.append(list(todo))
        stranded = len(asked) <= 2  # the first two rounds leave form 1's first heading stranded
        found: dict[str, tuple[int, float | None]] = {}
        for i in todo:
            found |= stranding(keepers[i], 0) if (i == 1 and stranded) else stranding(keepers[i], -1)
        return len(asked), found

    rounds = list(paginate(keepers, convert))
    assert asked == [[0, 1, 2], [1], [1]]
    assert [(result, pushed) for result, _todo, pushed in rounds] == [(1, [1]), (2, [1]), (3, [])]
    assert keepers[1].pushes == 2 and keepers[0].pushes == 0

    asked.clear()
    keepers = [HeadingKeeper(copy, tag=str(k)) for k in range(3)]
    assert settled(paginate(keepers, convert, whole=True)) == 3
    assert asked == [[0, 1, 2]] * 3

    asked.clear()
    keepers = [HeadingKeeper(copy, tag=str(k)) for k in range(3)]
    rounds = list(paginate(keepers, convert, pushes=1))  # stranded still, but no push left
    assert asked == [[0, 1, 2], [1]] and rounds[-1][2] == []
