"""Validation of assessments: levels, points, catalogue look-ups and the errors users see."""

from __future__ import annotations

import pytest

import sar_forms
from sar_forms import InputError


def errors_of(data) -> InputError:
    with pytest.raises(InputError) as info:
        sar_forms.validate_assessment(data, source="form.yaml")
    return info.value


def test_sample_takes_titles_and_rubric_from_the_catalogue(sample):
    """This test ensures that an assessment naming indicator "1.2" gets its standard, rubric and notes."""
    assert sample.indicator.title == "การพัฒนาสู่องค์กรแห่งการเรียนรู้"
    assert sample.standard.number == 1 and sample.standard.definition.startswith("การบริหารจัดการองค์การ")
    assert sample.indicator.rubric[5].startswith("1. มีการดำเนินการ ครบทั้ง 4 ประเด็น")
    assert len(sample.notes) == 2 and sample.level == 5


@pytest.mark.parametrize(("clear", "level"), [(4, 5), (3, 4), (2, 3), (1, 2), (0, 1)])
def test_level_follows_from_points(sample_data, clear, level):
    """This test ensures that the level follows from the per-point facts by the rubric."""
    del sample_data["level"]
    sample_data["points"] = [{"done": True, "clear": i < clear} for i in range(4)]
    assert sar_forms.validate_assessment(sample_data).level == level


def test_a_point_not_done_is_level_one(sample_data):
    """This test ensures that a point not done makes level 1 whatever else is clear."""
    del sample_data["level"]
    sample_data["points"] = [{"done": True, "clear": True}] * 3 + [{"done": False}]
    assert sar_forms.validate_assessment(sample_data).level == 1


def test_level_contradicting_points_is_an_error(sample_data):
    """This test ensures that a level and per-point facts that disagree are refused, saying why."""
    sample_data["points"] = [{"done": True, "clear": True}] * 2 + [{"done": True}] * 2
    err = errors_of(sample_data)
    assert "level 5 contradicts the points: 4 of 4 done, 2 clear, which is level 3" in str(err)
    assert str(err).startswith("form.yaml: ")


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"level": 6}, "level", "less than or equal to 5"),
        ({"level": 0}, "level", "greater than or equal to 1"),
        ({"level": None}, "level", "give the chosen level"),  # a model-level check names its field
        ({"indicator": "9.9"}, "indicator", "unknown indicator '9.9'"),
        ({"fiscal_year": 2022}, "fiscal_year", "Christian-era year"),
        ({"fiscal_year": 65}, "fiscal_year", "not a fiscal year"),
        ({"office": {"name": " ", "short_name": "x", "kind": "สพป.", "province": "y"}}, "office.name", "at least 1"),
        ({"office": {"name": "x", "short_name": "x", "kind": "สพฐ.", "province": "y"}}, "office.kind", "สพป."),
        ({"narrative": {"steps": []}}, "narrative.steps", "at least 1 item"),
        (
            {"evidence": {"references": [{"label": "x", "url": "www.x.go.th"}]}},
            "evidence.references[0].url",
            "must start with http:// or https://",
        ),
        (
            {"evidence": {"documents": [{"title": "x", "url": "http://a b"}]}},
            "evidence.documents[0].url",
            "web address",
        ),
        ({"colour": "red"}, "colour", "Extra inputs are not permitted"),
        ({"points": [{"done": False, "clear": True}] * 4}, "points[0]", "cannot be clear"),
    ],
)
def test_bad_input_names_the_field(sample_data, change, field, words):
    """This test ensures that each kind of bad input gives one clear error naming its field."""
    sample_data.update(change)
    err = errors_of(sample_data)
    assert any(f == field and words in m for f, m in err.problems), err.problems
    assert err.source == "form.yaml"


def test_indicator_without_official_rubric_needs_one(sample_data):
    """This test ensures that an indicator whose rubric is not known is refused rather than invented."""
    sample_data["indicator"] = "2.1"
    assert "indicator 2.1 has no rubric" in str(errors_of(sample_data))
    sample_data["indicator"] = {"code": "2.1", "points": 6, "rubric": {"pattern": "points", "points": 6}}
    a = sar_forms.validate_assessment(sample_data)
    assert a.standard.number == 2 and a.indicator.title == "การบริหารงานด้านวิชาการ"
    assert "ครบทั้ง 6 ประเด็น" in a.indicator.rubric[5]


def test_custom_indicator_not_in_the_catalogue(sample_data):
    """This test ensures that a user may describe an indicator the catalogue lacks, in full."""
    rubric = {lv: f"ระดับ {lv}" for lv in range(1, 6)}
    sample_data["indicator"] = {"code": "1.3", "title": "ตัวบ่งชี้ของผู้ใช้", "rubric": rubric}
    a = sar_forms.validate_assessment(sample_data)
    assert a.indicator.rubric[3] == "ระดับ 3" and a.standard.number == 1


def test_yaml_codes_stay_strings(tmp_path):
    """This test ensures that an unquoted code such as 1.10 is not read as the number 1.1."""
    from sar_forms.inputs.sources import parse_yaml

    assert parse_yaml("indicator: 1.10\nlevel: 5\nok: yes", "x") == {"indicator": "1.10", "level": 5, "ok": True}


def test_malformed_yaml_names_file_and_line(tmp_path):
    """This test ensures that a YAML syntax error says which file and which line."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("office:\n  name: [unclosed\nlevel: 5\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.yaml: malformed YAML: line \d+, column \d+"):
        sar_forms.load_assessment(bad)


def test_json_input(tmp_path, sample_data):
    """This test ensures that the same data in JSON loads the same assessment."""
    import json

    path = tmp_path / "form.json"
    path.write_text(json.dumps(sample_data, ensure_ascii=False), encoding="utf-8")
    assert sar_forms.load_assessment(path) == sar_forms.validate_assessment(sample_data)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="malformed JSON: line 1"):
        sar_forms.load_assessment(path)


def test_a_control_character_in_a_url_is_refused_naming_the_field(sample_data):
    """This test ensures that a URL holding U+0001 is an InputError on its field, not a crash in the renderer."""
    sample_data["evidence"]["references"][2]["url"] = "https://example.org/\x01"
    with pytest.raises(InputError) as err:
        sar_forms.validate_assessment(sample_data)
    assert [f for f, _ in err.value.problems] == ["evidence.references[2].url"]
    assert "U+0001" in str(err.value)


def test_text_limits_name_the_field_and_leave_real_forms_alone(sample_data):
    """This test ensures that one field over 50,000 characters, or a form over 100,000, is refused
    with the field or the total named, while a 10,000-character step (a long real one) passes."""
    from sar_forms.domain.catalog import MAX_FIELD_CHARS
    from sar_forms.domain.models import MAX_FORM_CHARS

    sample_data["narrative"]["steps"][0] = "ก" * 10_000
    sar_forms.validate_assessment(sample_data)
    sample_data["narrative"]["steps"][0] = "ก" * (MAX_FIELD_CHARS + 1)
    with pytest.raises(InputError) as err:
        sar_forms.validate_assessment(sample_data)
    assert [f for f, _ in err.value.problems] == ["narrative.steps[0].text"]
    sample_data["narrative"]["steps"] = ["ข" * MAX_FIELD_CHARS] * (MAX_FORM_CHARS // MAX_FIELD_CHARS + 1)
    with pytest.raises(InputError, match=r"at most 100,000 fit a form"):
        sar_forms.validate_assessment(sample_data)


@pytest.mark.parametrize(("given", "want"), [(None, None), (6, 6), ("12", 12), ("รอบ ๑๒ เดือน", 12), ("", None)])
def test_the_round_is_6_or_12_months(sample_data, given, want):
    """This test ensures that the reporting round is optional and read as 6 or 12 however a workbook writes it."""
    assert sar_forms.validate_assessment({**sample_data, "round": given}).round == want


def test_another_round_is_refused_by_name(sample_data):
    """This test ensures that a round other than 6 or 12 months is an error naming the field."""
    err = errors_of({**sample_data, "round": 9})
    assert [field for field, _message in err.problems] == ["round"]


def test_thai_digits_are_read_in_every_number_field(sample_data):
    """This test ensures that the numbers Thai offices type in Thai digits (fiscal year, level,
    area, round) read as the numbers they are."""
    office = dict(sample_data["office"], area="เขต ๒")
    a = sar_forms.validate_assessment(dict(sample_data, fiscal_year="๒๕๖๖", level="๔", round="๑๒", office=office))
    assert (a.fiscal_year, a.level, a.office.area, a.round) == (2566, 4, 2, 12)


def test_badly_shaped_values_are_refused_not_taken(sample_data):
    """This test ensures that `level: true` is refused (it was level 1), and that a link whose
    port is no number (https://javascript:alert(1)) is refused at validation instead of crashing
    the render."""
    with pytest.raises(sar_forms.InputError, match="level.*not a number"):
        sar_forms.validate_assessment(dict(sample_data, level=True))
    evidence = {"references": [{"label": "x", "url": "https://javascript:alert(1)//x"}]}
    with pytest.raises(sar_forms.InputError, match="not a web address"):
        sar_forms.validate_assessment(dict(sample_data, evidence=evidence))
