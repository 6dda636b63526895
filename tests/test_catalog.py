"""The catalogue data and the rubric builder."""

from __future__ import annotations

import pytest

import sar_forms
from sar_forms.domain.catalog import PointFact, level_from_points, points_rubric


def test_builder_reproduces_the_official_rubric_of_1_2():
    """This test ensures that the points-pattern builder gives, for 4 points, the reference form's words exactly."""
    assert points_rubric(4) == sar_forms.default_catalog().indicator("1.2").rubric


def test_rubric_of_1_2_is_the_reference_wording():
    """This test ensures that the shipped rubric of 1.2 is the reference form's text, word for word."""
    rubric = sar_forms.default_catalog().indicator("1.2").rubric
    flat = {k: v.replace("\n", " ") for k, v in rubric.items()}
    assert flat[5] == "1. มีการดำเนินการ ครบทั้ง 4 ประเด็น และ 2. มีความชัดเจน ครบทั้ง 4 ประเด็น"
    assert flat[2] == "1. มีการดำเนินการ ครบทั้ง 4 ประเด็น และ 2. มีความชัดเจน 1 ประเด็น"
    assert flat[1] == ("1. มีการดำเนินการไม่ครบทุกประเด็น หรือ 2. มีการดำเนินการครบทั้ง 4 ประเด็น และไม่ชัดเจนทุกประเด็น")


@pytest.mark.parametrize("n", [5, 6, 9])
def test_builder_for_other_counts(n):
    """This test ensures that the builder and the level rule agree for any number of points."""
    rubric = points_rubric(n)
    assert f"ครบทั้ง {n} ประเด็น" in rubric[5] and f"มีความชัดเจน {n - 1} ประเด็น" in rubric[4]
    assert f"มีความชัดเจน 1 - {n - 3} ประเด็น" in rubric[2]
    levels = [level_from_points(n, [PointFact(done=True, clear=i < k) for i in range(n)]) for k in range(n, -1, -1)]
    assert levels == [5, 4, 3] + [2] * (n - 3) + [1]


def test_builder_refuses_too_few_points():
    """This test ensures that a pattern that cannot reach every level is refused."""
    with pytest.raises(ValueError, match="at least 4"):
        points_rubric(3)


def test_only_confirmed_indicators_are_shipped():
    """This test ensures that the shipped catalogue holds no indicator whose title is unconfirmed, and only 1.2 has a rubric."""
    cat = sar_forms.default_catalog()
    assert sorted(cat.indicators) == ["1.1", "1.2", "2.1", "2.3", "3.1"]
    assert [c for c, i in cat.indicators.items() if i.rubric] == ["1.2"]
    assert cat.standard(3).title_for(2563).startswith("ผลการบริหาร")
    assert cat.standard(3).title_for(2565) == "สัมฤทธิผลการบริหารและการจัดการศึกษา"


def test_user_catalogue_extends_and_overrides(tmp_path, sample_data):
    """This test ensures that a user's catalogue file adds indicators and is used by assessments."""
    path = tmp_path / "mine.yaml"
    path.write_text(
        "standards:\n  - number: 1\n    title: การบริหารจัดการองค์การสู่ความเป็นเลิศ\n    indicators:\n"
        "      - code: '1.3'\n        title: ตัวบ่งชี้ทดลอง\n        points: 5\n"
        "        rubric: {pattern: points, points: 5}\n",
        encoding="utf-8",
    )
    cat = sar_forms.load_catalog(path)
    assert cat.indicator("1.2").points == 4 and cat.indicator("1.3").points == 5
    del sample_data["level"]
    sample_data["indicator"] = "1.3"
    sample_data["points"] = [{"done": True, "clear": True}] * 4 + [{"done": True}]
    a = sar_forms.validate_assessment(sample_data, catalog=cat)
    assert a.level == 4 and a.indicator.title == "ตัวบ่งชี้ทดลอง"


def test_bad_catalogue_names_file_and_field(tmp_path):
    """This test ensures that a broken catalogue file is reported with its path and field."""
    path = tmp_path / "bad.yaml"
    path.write_text(
        "standards:\n  - number: 1\n    title: x\n    indicators:\n      - code: '1.5'\n        rubric: {5: a}\n",
        encoding="utf-8",
    )
    with pytest.raises(sar_forms.CatalogError) as info:
        sar_forms.load_catalog(path)
    assert info.value.source == str(path)
    assert {f for f, _ in info.value.problems} >= {"indicators.1.5.title", "indicators.1.5.rubric"}


def test_a_catalogue_of_the_wrong_shape_is_a_catalog_error(tmp_path):
    """This test ensures that a catalogue whose standards are a number, or whose indicators are not
    a list, is refused naming the field, not a traceback."""
    from sar_forms.domain.catalog import load_catalog
    from sar_forms.errors import CatalogError

    for text in ("standards: 5\n", "standards:\n- number: 1\n  title: x\n  indicators: 3\n"):
        path = tmp_path / "c.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(CatalogError, match="standards"):
            load_catalog(path)
