"""sar_forms.forms.options: one frozen value for what a use case is asked to do."""

from __future__ import annotations

import dataclasses

import pytest

from sar_forms import Options


def test_options_are_frozen_and_changed_by_copy():
    """This test ensures that options cannot be changed in place, and that but() gives a copy with
    the changes, refusing a name that is no option."""
    base = Options()
    with pytest.raises(dataclasses.FrozenInstanceError):
        base.pdf = True  # type: ignore[misc]
    assert base.but(pdf=True).pdf and not base.pdf
    with pytest.raises(TypeError):
        base.but(colour="red")


@pytest.mark.parametrize("bad", [{"digits": "roman"}, {"chunk": 0}, {"jobs": 0}])
def test_impossible_options_are_refused(bad):
    """This test ensures that an option no run could honour is a ValueError saying which."""
    with pytest.raises(ValueError, match=next(iter(bad))):
        Options(**bad)


def test_the_resume_key_changes_with_what_the_output_depends_on(tmp_path):
    """This test ensures that the key a batch resumes by changes with the digits, PDF, PDF/A and
    the template's bytes, and not with what does not change an output (jobs, chunk)."""
    base = Options().settings_key()
    assert Options(jobs=1, chunk=3).settings_key() == base
    for changed in (Options(digits="thai"), Options(pdf=True), Options(pdfa=True)):
        assert changed.settings_key() != base
    template = tmp_path / "t.docx"
    template.write_bytes(Options().but().settings_key())  # any other bytes than the official form
    assert Options(template=template).settings_key() != base
    assert Options(template=str(template)).template == template  # a string path is taken as a Path
