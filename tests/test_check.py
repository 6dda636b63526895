"""sar_forms.domain.check: a reviewer's findings, one by one, and the `check` command's exit codes."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

import sar_forms
from sar_forms.cli import main
from sar_forms.domain.check import PAGE_CHARS, check_assessment, check_urls

TODAY = dt.date(2022, 11, 1)  # in fiscal year 2566


def findings(data: dict, today: dt.date = TODAY) -> list[tuple[str, str, str]]:
    return [
        (f.severity, f.field, f.message) for f in check_assessment(sar_forms.validate_assessment(data), today=today)
    ]


def test_the_reference_form_passes_clean(sample_data):
    """This test ensures that the reference form, as submitted, raises nothing."""
    assert findings(sample_data) == []


def test_high_level_without_any_evidence_is_an_error(sample_data):
    """This test ensures that level 4-5 with no evidence item is an error on evidence."""
    data = dict(sample_data, evidence={})
    assert ("error", "evidence", "level 5 is claimed with no evidence at all") in findings(data)


def test_high_level_without_any_link_is_a_warning(sample_data):
    """This test ensures that level 4-5 whose evidence carries no link is a warning."""
    data = dict(sample_data, evidence={"documents": [{"title": "แผน", "submitted": False}]})
    assert [f[:2] for f in findings(data)] == [("warning", "evidence")]


def test_a_low_level_needs_no_evidence(sample_data):
    """This test ensures that level 1-3 without evidence raises nothing on evidence."""
    assert findings(dict(sample_data, level=2, evidence={})) == []


def test_submitted_without_a_url_is_a_warning(sample_data):
    """This test ensures that a document marked submitted with no link is named by its index."""
    data = dict(sample_data)
    data["evidence"] = dict(data["evidence"], documents=[{"title": "แผน", "submitted": True}])
    assert ("warning", "evidence.documents[0]") in [f[:2] for f in findings(data)]


def test_an_empty_part_is_a_warning(sample_data):
    """This test ensures that an empty narrative part is named."""
    data = dict(sample_data, narrative=dict(sample_data["narrative"], problems=[]))
    assert [f[:2] for f in findings(data)] == [("warning", "narrative.problems")]


def test_a_url_that_is_not_http_is_an_error_on_its_field(sample_data):
    """This test ensures that a file: or mailto: link is an error naming the field (the schema
    would refuse the whole form at the first one)."""
    data = dict(sample_data)
    data["evidence"] = {"references": [{"label": "ไฟล์", "url": "file:///C:/plan.pdf"}]}
    (f,) = check_urls(data)
    assert (f.severity, f.field) == ("error", "evidence.references[0].url")


def test_points_and_level_that_disagree_are_an_error(sample_data, tmp_path, capsys):
    """This test ensures that the check command reports a level the points contradict as an error."""
    data = dict(sample_data, points=[{"done": True}] * 4)
    path = tmp_path / "f.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "error: level: level 5 contradicts the points" in capsys.readouterr().out


@pytest.mark.parametrize(("year", "words"), [(2567, "has not begun"), (2555, "more than 5 years before")])
def test_a_fiscal_year_in_the_future_or_far_past_is_a_warning(sample_data, year, words):
    """This test ensures that a fiscal year after the current one, or long before it, is questioned."""
    (f,) = [f for f in findings(dict(sample_data, fiscal_year=year)) if f[1] == "fiscal_year"]
    assert f[0] == "warning" and words in f[2]


def test_text_pasted_twice_is_a_warning(sample_data):
    """This test ensures that the same item twice, and an item that repeats itself, are found."""
    steps = list(sample_data["narrative"]["steps"])
    data = dict(
        sample_data, narrative=dict(sample_data["narrative"], steps=[*steps, steps[0], steps[1] + " " + steps[1]])
    )
    got = [f[:2] for f in findings(data)]
    assert ("warning", f"narrative.steps[{len(steps)}]") in got  # the same as steps[0]
    assert ("warning", f"narrative.steps[{len(steps) + 1}]") in got  # doubled within itself


def test_a_step_longer_than_a_page_is_a_warning(sample_data):
    """This test ensures that a narrative step longer than a page of the form is named."""
    data = dict(sample_data, narrative=dict(sample_data["narrative"], steps=["ก" * (PAGE_CHARS + 1)]))
    assert ("warning", "narrative.steps[0]") in [f[:2] for f in findings(data)]


def test_check_command_exit_codes_and_strict(sample_data, sample, tmp_path, capsys):
    """This test ensures that check exits 0 with warnings, 1 with errors, 1 with warnings under
    --strict, and reads a .docx form as well as data."""
    path = tmp_path / "f.yaml"
    path.write_text(yaml.safe_dump(dict(sample_data, fiscal_year=2599), allow_unicode=True), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert main(["check", str(path), "--strict"]) == 1
    form = sar_forms.render_docx(sample, tmp_path / "f.docx")
    assert main(["check", str(form)]) == 0
    # the reference form is clean but for its age, which depends on today's date
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith(f"{form}: 0 error(s),")


def test_text_naming_another_fiscal_year_or_round_is_found(sample_data):
    """This test ensures that a form carried into FY 2566 whose texts still name fiscal year 2565
    (the sample's three document titles) is warned of, field by field; a date's "พ.ศ. 2564"
    is no fiscal year; and that a round named in the text that is not the form's is found too."""
    later = dict(sample_data, fiscal_year=2566)
    found = [f for f in findings(later) if "2565" in f[2]]
    assert [f[1] for f in found] == [f"evidence.documents[{i}].title" for i in range(3)]
    assert all(f[0] == "warning" and "fiscal year 2565" in f[2] for f in found)
    narrative = dict(sample_data["narrative"], steps=["เริ่ม 1 ตุลาคม พ.ศ. 2564 สรุปผลรอบ 6 เดือน"])
    found = findings(dict(sample_data, round=12, narrative=narrative))
    assert [(f[1], "6-month" in f[2]) for f in found] == [("narrative.steps[0]", True)]


def test_misshapen_evidence_is_an_error_not_a_traceback(sample_data, tmp_path, capsys):
    """This test ensures that `check` of a file whose evidence is a list of numbers reports the
    schema's error by field (exit 1), not a traceback."""
    path = tmp_path / "f.yaml"
    path.write_text(yaml.safe_dump(dict(sample_data, evidence=[1]), allow_unicode=True), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "error: evidence:" in capsys.readouterr().out
