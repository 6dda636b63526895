"""sar_forms.messages: every message in Thai and English, chosen by the locale or --lang."""

from __future__ import annotations

import pickle
import string

import pytest
import yaml
from conftest import SAMPLE

import sar_forms
from sar_forms._messages_data import MESSAGES
from sar_forms.cli import main
from sar_forms.messages import Text, field_words, language, render, say, speaking


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    """This test ensures that each catalogue entry has a Thai and an English text, that the Thai
    one is Thai, and that both name the same placeholders (a Thai message never lacks a value)."""
    english, thai = MESSAGES[key]
    assert english.strip() and thai.strip()
    assert placeholders(english) == placeholders(thai), key
    if not key.startswith(("cli.progress", "pydantic.choices")):
        assert any("\u0e00" <= c <= "\u0e7f" for c in thai), key


def test_the_locale_chooses_thai_and_a_choice_overrides_it(monkeypatch):
    """This test ensures that LANG=th_TH.UTF-8 makes messages Thai, any other locale English, and
    that a face's choice (--lang) wins over the locale."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "th_TH.UTF-8")
    assert language() == "th" and render(say("check.no_evidence", level=5)) == "ระบุระดับ 5 แต่ไม่มีหลักฐานเลย"
    with speaking("en"):
        assert language() == "en"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert language() == "en" and say("check.no_evidence", level=5) == "level 5 is claimed with no evidence at all"


def test_a_message_is_english_text_that_renders_in_thai_and_survives_pickling():
    """This test ensures that a message is the English ``str`` code and logs see, renders in Thai
    with its parameters (messages inside messages too), and crosses to a worker process whole."""
    text = say("cli.book_failed", name="สพป.อด.2 2565", error=say("model.no_level"))
    assert isinstance(text, str) and text.startswith("book failed: สพป.อด.2 2565: give the chosen level")
    assert text.render("th").startswith("ทำเล่มรายงานไม่สำเร็จ: สพป.อด.2 2565: ให้ระบุระดับคุณภาพ")
    again = pickle.loads(pickle.dumps(text))
    assert isinstance(again, Text) and again == text and again.render("th") == text.render("th")


def test_field_paths_read_as_the_forms_words_in_thai():
    """This test ensures that a field is named as the form names it, with the item's number."""
    assert field_words("narrative.steps[2].text", "th") == "ขั้นตอนการดำเนินงาน ข้อ 3 ข้อความ (narrative.steps[2].text)"
    assert field_words("level", "th") == "ระดับคุณภาพ (level)"
    assert field_words("narrative.steps[2].text", "en") == "narrative.steps[2].text"


def test_validation_errors_are_thai_sentences_with_the_field_in_words(sample_data):
    """This test ensures that pydantic's own errors (a level out of range, a missing field, an
    unknown field) and the models' own checks come out in Thai, naming the field in words."""
    broken = dict(sample_data, level=7, colour="red")
    del broken["narrative"]
    with pytest.raises(sar_forms.InputError) as caught:
        sar_forms.validate_assessment(broken, source="form.yaml")
    with speaking("th"):
        text = str(caught.value)
    assert "form.yaml: พบปัญหา 3 ข้อ" in text
    assert "ระดับคุณภาพ (level): ต้องไม่มากกว่า 5" in text
    assert "ผลการดำเนินงาน (narrative): ต้องกรอกช่องนี้" in text
    assert "colour: ไม่มีช่องนี้ในแบบรายงาน" in text
    with speaking("en"):
        assert "level: Input should be less than or equal to 5" in str(caught.value)
    points = dict(sample_data, points=[{"done": True, "clear": False}] * 4)
    with pytest.raises(sar_forms.InputError) as caught:
        sar_forms.validate_assessment(points)
    with speaking("th"):
        assert str(caught.value).startswith("ระดับคุณภาพ (level): ระดับ 5 ขัดกับผลรายประเด็น")


def test_the_commands_speak_thai_with_lang_th(tmp_path, capsys, sample_data):
    """This test ensures that --lang th makes the commands' own lines, their errors and the check's
    findings Thai, and that --help is Thai too."""
    assert main(["validate", str(SAMPLE), "--lang", "th"]) == 0
    assert "ถูกต้อง: สพป.อด.2 ตัวบ่งชี้ 1.2 ปีงบประมาณ 2565 ระดับ 5" in capsys.readouterr().out
    bad = tmp_path / "f.yaml"
    bad.write_text(yaml.safe_dump(dict(sample_data, level=0), allow_unicode=True), encoding="utf-8")
    assert main(["validate", str(bad), "--lang=th"]) == 1
    assert "sar-forms: ข้อผิดพลาด: " in capsys.readouterr().err
    assert main(["check", str(bad), "--lang", "th"]) == 1
    out = capsys.readouterr().out
    assert "ข้อผิดพลาด: ระดับคุณภาพ (level): ต้องไม่น้อยกว่า 1" in out and "ข้อผิดพลาด 1 รายการ" in out
    with pytest.raises(SystemExit):
        main(["render", "--help", "--lang", "th"])
    assert "ไฟล์ข้อมูลแบบรายงาน (.yaml, .yml หรือ .json)" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--lang", "th", "--help"])
    assert "แบบรายงานการประเมินตนเองรายตัวบ่งชี้" in capsys.readouterr().out


def test_one_is_singular_in_english():
    """This test ensures that English says "1 form" and "2 forms", where the catalogue has both."""
    assert say("cli.import_summary", count=1, good=1, bad=0).startswith("1 form: ")
    assert say("cli.import_summary", count=2, good=2, bad=0).startswith("2 forms: ")
