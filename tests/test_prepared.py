"""sar_forms.ooxml.prepared: what preparing a template makes, kept between runs and never trusted blindly."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest

from sar_forms.errors import TemplateError
from sar_forms.forms.render import FormRenderer, default_template
from sar_forms.ooxml import prepared
from sar_forms.ooxml.template import CompiledTemplate


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SAR_FORMS_CACHE", str(folder))
    return folder


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The parts Jinja compiles from here on (none when a template's entry is read)."""
    parts: list[str] = []
    compile_part = CompiledTemplate._compile

    def counted(self, src, part):
        parts.append(part)
        return compile_part(self, src, part)

    monkeypatch.setattr(CompiledTemplate, "_compile", counted)
    return parts


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.prepared"))


def test_a_template_prepared_again_is_read_from_its_entry_and_renders_the_same(cache, compiled, sample):
    """This test ensures that the second preparation of a template compiles nothing and makes
    the same document, byte for byte, as the first, which wrote the entry."""
    first = FormRenderer().render(sample)
    assert compiled == ["word/document.xml", "word/header1.xml", "word/footer1.xml"]
    assert len(entries(cache)) == 1
    compiled.clear()
    again = FormRenderer()
    assert compiled == [] and again.compiled.why_parse == ""
    assert again.render(sample) == first


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", "truncated", "another shape"])
def test_a_damaged_entry_is_made_again(cache, compiled, sample, damage):
    """This test ensures that an entry that is empty, not an entry, cut short or of another shape
    is passed over: the template is prepared afresh, the document is the same, and the entry is
    written again whole."""
    first = FormRenderer().render(sample)
    (entry,) = entries(cache)
    if damage == "truncated":
        damage = entry.read_bytes()[:-100]
    elif damage == "another shape":
        damage = marshal.dumps((b"sar-forms prepared template 1", "", (("a", "body", "utf-8", 1, None),)))
    entry.write_bytes(damage)
    compiled.clear()
    assert FormRenderer().render(sample) == first
    assert compiled  # prepared afresh
    compiled.clear()
    FormRenderer()
    assert compiled == []  # and kept again


def test_an_entry_or_a_folder_others_could_write_is_not_trusted(cache, compiled, sample):
    """This test ensures that an entry is code that runs, so one that another user could have
    written (the file, or the folder, writable by group or others, or a link) is never read: the
    template is prepared afresh."""
    FormRenderer().render(sample)
    (entry,) = entries(cache)
    entry.chmod(0o666)
    compiled.clear()
    FormRenderer()
    assert compiled
    entry.chmod(0o600)
    cache.chmod(0o777)
    compiled.clear()
    FormRenderer()
    assert compiled
    assert oct(entry.stat().st_mode & 0o777) == "0o600"  # and not written into that folder either
    cache.chmod(0o700)
    elsewhere = cache.parent / "elsewhere.prepared"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)  # a link planted in the folder: whatever it points to, not read
    compiled.clear()
    FormRenderer()
    assert compiled


def test_with_the_cache_off_nothing_is_written(tmp_path, monkeypatch, compiled, sample):
    """This test ensures that ``SAR_FORMS_CACHE=off`` prepares every time and keeps nothing."""
    monkeypatch.setenv("SAR_FORMS_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    FormRenderer().render(sample)
    FormRenderer()
    assert len(compiled) == 6 and not list(tmp_path.rglob("*.prepared"))


def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path, monkeypatch, sample):
    """This test ensures that a cache path that is a file (or cannot be made) stops nothing."""
    blocked = tmp_path / "a file"
    blocked.write_text("x")
    monkeypatch.setenv("SAR_FORMS_CACHE", str(blocked / "cache"))
    assert FormRenderer().render(sample)[:2] == b"PK"


def test_another_template_another_version_another_entry(tmp_path):
    """This test ensures that an entry is found only by the template's parts and the modules that
    prepare it: a template changed by one byte, or a change to those modules, names another."""
    maker = tmp_path / "maker.py"
    maker.write_text("x = 1")
    template = [b"word/document.xml", default_template().read_bytes()]
    key = prepared.entry_key(template, [str(maker)])
    assert prepared.entry_key(template, [str(maker)]) == key
    assert prepared.entry_key([template[0], template[1] + b"\0"], [str(maker)]) != key
    assert prepared.entry_key([template[0] + template[1][:1], template[1][1:]], [str(maker)]) != key
    maker.write_text("x = 2")
    assert prepared.entry_key(template, [str(maker)]) != key
    assert prepared.entry_key(template, [str(tmp_path / "missing.py")]) == ""  # nothing to keep


def test_the_entries_kept_are_bounded(cache):
    """This test ensures that the cache keeps at most MAX_ENTRIES entries, the oldest going first."""
    code = compile("x = 1", "<x>", "exec")
    part = prepared.PreparedPart("word/document.xml", "body", "utf-8", code, None)
    for n in range(prepared.MAX_ENTRIES + 5):
        prepared.store(f"{n:064x}", [part], "")
        os.utime(cache / f"{n:064x}.prepared", (n, n))
    kept = entries(cache)
    assert len(kept) == prepared.MAX_ENTRIES
    assert kept[0].name == f"{5:064x}.prepared"
    assert prepared.load(f"{0:064x}") is None and prepared.load(f"{5:064x}") is not None


def test_a_template_that_does_not_compile_is_refused_and_not_kept(cache, tmp_path):
    """This test ensures that a template with a Jinja syntax error is refused as before, naming
    the part, and leaves no entry behind."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("{% if %}")
    doc.save(tmp_path / "bad.docx")
    with pytest.raises(TemplateError, match="word/document.xml"):
        CompiledTemplate(tmp_path / "bad.docx")
    assert not cache.exists() or entries(cache) == []
