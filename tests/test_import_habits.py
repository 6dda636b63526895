"""sar_forms.forms.importer on forms typed the way offices type them in Word, habit by habit and
in combination (tests/word_habits.py), none made by a template of ours."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import Any, get_args, get_type_hints

import pytest
from conftest import SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_importer import resaved_by_libreoffice
from word_habits import HIDDEN, Habits, typed_form

import sar_forms
from sar_forms.forms.import_report import to_yaml
from sar_forms.forms.importer import import_docx


def rich() -> sar_forms.Assessment:
    """The reference's data with what the habits must carry too: sub-items, items of two lines,
    a sub-item of two lines."""
    from sar_forms.inputs.sources import read_yaml

    data = read_yaml(SAMPLE)
    n = data["narrative"]
    n["steps"][0] = {"text": n["steps"][0], "items": ["ประชุมชี้แจงแนวทาง\nแก่ทุกกลุ่มงาน", "อบรมเชิงปฏิบัติการ"]}
    n["results"][1] = n["results"][1] + "\nบรรทัดที่สองของผลการดำเนินงาน"
    n["suggestions"][2] = {"text": n["suggestions"][2], "items": ["จัดทำคลังความรู้"]}
    return sar_forms.validate_assessment(data)


RICH = rich()


def assert_recovered(a: sar_forms.Assessment, path: Path) -> None:
    """Every item in its part, every document with its state and URL, every reference with its
    URL, the level, the office and the year; nothing left over, no hidden text."""
    data, report = import_docx(path)
    back = sar_forms.validate_assessment(data)
    assert report.unmapped == [], report.lines()
    assert back.level == a.level
    assert data["indicator"] == a.indicator.code  # the catalogue's, its rubric recognised
    assert back.narrative == a.narrative
    assert [(d.title, d.submitted, d.url) for d in back.evidence.documents] == [
        (d.title, d.submitted, d.url) for d in a.evidence.documents
    ]
    assert [(r.label, r.url) for r in back.evidence.references] == [(r.label, r.url) for r in a.evidence.references]
    assert back.office == a.office and back.fiscal_year == a.fiscal_year
    assert back.notes == a.notes
    assert HIDDEN not in to_yaml(data, report)


def _flips() -> list[Habits]:
    """Each habit away from the default on its own: every value of every habit."""
    out = []
    hints = get_type_hints(Habits)
    for f in dataclasses.fields(Habits):
        values = get_args(hints[f.name]) or (not f.default,)
        out += [Habits(**{f.name: v}) for v in values if v != f.default]
    return out


@pytest.mark.parametrize("habits", _flips(), ids=lambda h: ",".join(f"{k}={v}" for k, v in _changed(h).items()))
def test_each_habit_on_its_own_gives_back_the_data(habits, tmp_path):
    """This test ensures that each way of typing a form, alone, loses nothing and misplaces nothing."""
    assert_recovered(RICH, typed_form(RICH, tmp_path / "f.docx", habits))


def _changed(h: Habits) -> dict[str, Any]:
    return {k: v for k, v in dataclasses.asdict(h).items() if v != getattr(Habits(), k)}


def test_every_habit_at_once_gives_back_the_data(tmp_path):
    """This test ensures that a form with all the habits on together (Word's outline numbering
    through a list style, sub-levels, a ticked level, bullets, numbered references, HYPERLINK
    fields, split rows, no header row, a nested table, a text box, hidden text, no page header,
    Thai digits, the rubric numbered by Word) gives back the data."""
    habits = Habits(
        numbers="list_style", restart=False, headings="outline", mark="✔", bullets=True,
        references_numbered=True, urls="fields", narrative_rows=True, header_row=False,
        nested_table=True, text_box=True, hidden=True, page_header=False, thai_digits=True,
        rubric_numbered=True,
    )  # fmt: skip
    assert_recovered(RICH, typed_form(RICH, tmp_path / "f.docx", habits))


HABITS = st.builds(
    Habits,
    numbers=st.sampled_from(["typed", "direct", "style", "list_style"]),
    restart=st.booleans(),
    sub_levels=st.booleans(),
    tab_after_number=st.booleans(),
    soft_breaks=st.sampled_from(["none", "between", "part"]),
    headings=st.sampled_from(["numbered", "bold", "auto", "outline"]),
    mark=st.sampled_from(["☑", "✔", "✓", "X", "●", "shading"]),
    bullets=st.booleans(),
    references_numbered=st.booleans(),
    urls=st.sampled_from(["links", "fields", "plain"]),
    narrative_rows=st.booleans(),
    header_row=st.booleans(),
    nested_table=st.booleans(),
    text_box=st.booleans(),
    hidden=st.booleans(),
    page_header=st.booleans(),
    thai_digits=st.booleans(),
    rubric_numbered=st.booleans(),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(habits=HABITS)
def test_any_combination_of_habits_gives_back_the_data(habits):
    """This test ensures that any combination of the habits (120 drawn by Hypothesis, which
    shrinks a failure to the fewest habits) gives back every item, document and reference."""
    with tempfile.TemporaryDirectory() as tmp:
        assert_recovered(RICH, typed_form(RICH, Path(tmp) / "f.docx", habits))


@pytest.mark.parametrize(
    "habits",
    [Habits(numbers="direct", headings="outline", bullets=True, references_numbered=True), Habits(soft_breaks="part")],
    ids=["word-numbering", "one-paragraph-per-part"],
)
def test_a_typed_form_saved_by_libreoffice_still_gives_back_the_data(habits, soffice, tmp_path):
    """This test ensures that Word's numbering and soft breaks survive another program's save
    (LibreOffice writes numbering.xml and the lists its own way)."""
    path = typed_form(RICH, tmp_path / "in" / "f.docx", habits)
    assert_recovered(RICH, resaved_by_libreoffice(soffice, path, tmp_path))


def test_the_office_and_year_are_guessed_from_the_body_with_their_evidence(tmp_path):
    """This test ensures that a form without a page header gets its short name (the office the
    text names most), kind, province, area, full name and fiscal year from its body, each
    reported as guessed with what it came from, none empty."""
    data, report = import_docx(typed_form(RICH, tmp_path / "f.docx", Habits(page_header=False)))
    assert data["office"] == RICH.office.model_dump(mode="json") and data["fiscal_year"] == 2565
    guessed = dict(report.guessed)
    assert "the office named most often in the text" in guessed["office.short_name"]
    assert guessed["office.province"] == "อุดรธานี, from the office's short name"
    assert guessed["office.area"] == "2, from the office's short name"
    assert "'ปีงบประมาณ พ.ศ. 2565'" in guessed["fiscal_year"] and "3 time(s)" in guessed["fiscal_year"]
    assert all(value not in ("", None) for value in data["office"].values())
    text = to_yaml(data, report)
    assert '  short_name: "สพป.อด.2"  # guessed: the office named most often in the text' in text


def test_items_typed_one_after_another_in_one_line_are_split_at_their_numbers(tmp_path):
    """This test ensures that a part typed as one line ("1) ... 2) ... 3) ...") gives its items,
    split only at the numbers that follow the item's own, and that the split is reported."""
    a = sar_forms.validate_assessment(
        dict(
            RICH.model_dump(mode="json", exclude_defaults=True),
            narrative={"steps": ["วางแผนตามข้อ 5) ของระเบียบ", "ปฏิบัติ", "ประเมินผล"]},
        )
    )
    path = typed_form(a, tmp_path / "f.docx")
    doc = __import__("docx").Document(str(path))
    cell = doc.tables[0].rows[1].cells[2]
    items = [p for p in cell.paragraphs if p.text.startswith(("1)", "2)", "3)"))]
    items[0].runs[0].text = "1) วางแผนตามข้อ 5) ของระเบียบ 2) ปฏิบัติ 3) ประเมินผล"
    for p in items[1:3]:
        p._p.getparent().remove(p._p)
    doc.save(str(path))
    data, report = import_docx(path)
    assert data["narrative"]["steps"] == ["วางแผนตามข้อ 5) ของระเบียบ", "ปฏิบัติ", "ประเมินผล"]
    assert ("narrative.steps", "3 items typed one after another in one line, split at their numbers") in report.guessed


def test_a_heading_broken_with_a_soft_line_break_is_still_the_heading(tmp_path):
    """This test ensures that the process heading typed over two lines with Shift+Enter is read as
    the (default) heading, not as an item of its part."""
    path = typed_form(RICH, tmp_path / "f.docx", Habits(headings="bold"))
    doc = __import__("docx").Document(str(path))
    cell = doc.tables[0].rows[1].cells[2]
    heading = next(p for p in cell.paragraphs if p.text.startswith("กระบวนการ"))
    heading.runs[0].text = heading.runs[0].text.replace(" ของสำนักงานเขตพื้นที่การศึกษา", "")
    heading.add_run().add_break()
    heading.add_run("ของสำนักงานเขตพื้นที่การศึกษา")
    doc.save(str(path))
    assert_recovered(RICH, path)
