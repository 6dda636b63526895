"""sar_forms.inputs.sources and the YAML reader: hostile files are refused with the file, line and field named."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE

from sar_forms import InputError, load_assessment


def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path):
    """This test ensures that a file nested 100,000 levels deep is an InputError, for YAML and JSON."""
    for suffix in ("yaml", "json"):
        path = tmp_path / f"deep.{suffix}"
        path.write_text("[" * 100_000, encoding="utf-8")
        with pytest.raises(InputError, match="deep|nest"):
            load_assessment(path)


def test_aliases_that_expand_without_bound_are_refused_at_once(tmp_path, monkeypatch):
    """This test ensures that a small YAML file whose aliases repeat one another ("billion laughs")
    is refused by the reader, on the line where it grows past the limit, before anything walks
    its expansion (validation is never reached)."""
    import sar_forms.inputs.sources

    lines = ["a: &a ['xxxxxxxxxxxxxxxxxxxx', 'xxxxxxxxxxxxxxxxxxxx']"]
    for prev, name in zip("abcdefghi", "bcdefghij"):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setattr(sar_forms.inputs.sources, "validate_assessment", lambda *a, **k: pytest.fail("validated"))
    with pytest.raises(InputError, match="line [0-9]+.*expands to more than 2,000,000"):
        load_assessment(path)


def test_a_key_given_twice_is_an_error_naming_both_lines(tmp_path):
    """This test ensures that a duplicated YAML key does not silently win (level 5 becoming 1)."""
    text = SAMPLE.read_text(encoding="utf-8").replace("level: 5\n", "level: 5\nlevel: 1\n")
    path = tmp_path / "dup.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"line \d+: the key 'level' is given twice \(first on line \d+\)"):
        load_assessment(path)


def test_a_json_key_given_twice_is_an_error(tmp_path, sample_data):
    """This test ensures the same for JSON."""
    text = json.dumps(sample_data, ensure_ascii=False).replace('"level": 5', '"level": 5, "level": 1')
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="'level' is given twice"):
        load_assessment(path)


def test_a_long_real_form_passes_the_limits():
    """This test ensures that the limits leave real forms alone (the long example form loads)."""
    a = load_assessment(SAMPLE.with_name("long-form-example.yaml"))
    assert len(a.narrative.steps) == 8


def test_cleaning_warnings_name_the_whole_field(sample_data):
    """This test ensures that a removed character is reported with the field's full path."""
    from sar_forms import TextCleanedWarning, validate_assessment

    sample_data["narrative"]["steps"][0] = "ก\x00ข"
    with pytest.warns(TextCleanedWarning, match=r"^narrative\.steps\[0\]: removed 1 character"):
        validate_assessment(sample_data)


def test_a_form_read_is_cleaned_once_and_a_model_made_directly_cleans_itself(sample_data, monkeypatch):
    """This test ensures that the models do not clean again the texts validate_assessment cleaned
    (all of them, before validation), while a model validated from raw data still cleans its own."""
    import sar_forms.domain.catalog
    from sar_forms import validate_assessment
    from sar_forms.domain.models import Assessment

    seen: list[str] = []
    cleaned = sar_forms.domain.catalog.clean_text
    monkeypatch.setattr(sar_forms.domain.catalog, "clean_text", lambda v, **k: seen.append(v) or cleaned(v, **k))
    sample_data["office"]["name"] = "สำนักงาน\r\nเขต"
    assert validate_assessment(sample_data).office.name == "สำนักงาน\nเขต"
    assert seen == []
    assert Assessment.model_validate(sample_data).office.name == "สำนักงาน\nเขต"
    assert "สำนักงาน\r\nเขต" in seen


def test_a_lone_surrogate_is_removed_with_a_warning_as_documented(sample_data):
    """This test ensures that a lone surrogate (from a broken copy and paste) is removed like the
    other characters a .docx cannot hold, not refused."""
    from sar_forms import TextCleanedWarning, validate_assessment

    sample_data["office"]["name"] = "สำนักงาน\ud800เขต"
    with pytest.warns(TextCleanedWarning, match="U\\+D800"):
        a = validate_assessment(sample_data)
    assert a.office.name == "สำนักงานเขต"


def test_required_text_of_only_removable_characters_is_refused(sample_data):
    """This test ensures that a required field that is empty once cleaned is an error on that field."""
    import warnings

    from sar_forms import validate_assessment

    sample_data["office"]["name"] = "\x00\x01 "
    with warnings.catch_warnings(), pytest.raises(InputError) as err:
        warnings.simplefilter("ignore")
        validate_assessment(sample_data)
    assert [f for f, _ in err.value.problems] == ["office.name"]


def test_thai_windows_and_utf16_files_are_read_with_a_warning(sample_data, tmp_path):
    """This test ensures that a form saved in the Thai Windows encoding (cp874 / TIS-620) or as
    UTF-16 with its BOM (Notepad's "Unicode") is read, with a warning that says how it was read,
    and that bytes that are no Thai text are refused naming the byte."""
    import warnings

    import yaml

    from sar_forms.errors import InputError, SarFormsWarning

    text = yaml.safe_dump(sample_data, allow_unicode=True)
    for encoding, said in (("cp874", "cp874"), ("utf-16", "UTF-16")):
        path = tmp_path / f"{encoding}.yaml"
        path.write_bytes(text.encode(encoding))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            a = load_assessment(path)
        assert a.office.short_name == "สพป.อด.2"
        assert [w.category for w in caught] == [SarFormsWarning] and said in str(caught[0].message)
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"level: 5\n\xff\xfe\x00\x81\x00")
    with pytest.raises(InputError, match="not UTF-8 text"):
        load_assessment(junk)


def test_ordinary_edits_of_written_yaml_fail_loudly_with_a_hint(sample_data, tmp_path):
    """This test ensures that YAML the import writes has its texts quoted, so the two usual slips
    of an edit do not silently change the data: a new item typed with ': ' in it is refused with
    the hint to quote it, and one extra space of indentation is a YAML error with that hint, not
    two steps run into one."""
    from sar_forms._yaml import dump_yaml
    from sar_forms.errors import InputError
    from sar_forms.messages import speaking

    text = dump_yaml(sample_data)
    assert '- "' in text and "steps:" in text
    colon = text.replace("  steps:\n", "  steps:\n  - ขั้นตอนพิเศษ: ประชุมชี้แจง\n", 1)
    path = tmp_path / "colon.yaml"
    path.write_text(colon, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_assessment(path)
    with speaking("th"):
        assert "ใส่ข้อความทั้งหมดไว้ในเครื่องหมายคำพูด" in str(caught.value)
    lines = text.splitlines()
    step = next(i for i, line in enumerate(lines) if line.startswith("  - ") and i > lines.index("  steps:") + 1)
    lines[step] = " " + lines[step]
    path = tmp_path / "indent.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError, match="malformed YAML") as caught:
        load_assessment(path)
    with speaking("th"):
        assert "ใส่ข้อความไว้ในเครื่องหมายคำพูด" in str(caught.value)


def test_a_big_yaml_without_aliases_is_told_its_size_not_blamed_on_aliases(tmp_path):
    """This test ensures that a YAML file of 3 million characters with no alias is refused for its
    size, and the message does not speak of aliases it does not have."""
    from sar_forms.errors import InputError

    path = tmp_path / "big.yaml"
    path.write_text("notes:\n" + "- " + "ก" * 3_000_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_assessment(path)
    message = caught.value.problems[0][1]  # not the path: the temporary folder is named after this test
    assert "more than 2,000,000 characters" in message and "alias" not in message
