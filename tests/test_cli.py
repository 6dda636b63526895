"""The sar-forms command: exit codes, messages, and no output left behind on failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE

from sar_forms.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def test_render_docx(capsys, tmp_path):
    """This test ensures that `render IN -o OUT.docx` writes the form and prints its path."""
    code, out, _ = run(capsys, "render", SAMPLE, "-o", tmp_path / "f.docx")
    assert code == 0 and out.strip() == str(tmp_path / "f.docx")
    assert (tmp_path / "f.docx").stat().st_size > 5000


def test_validate_and_catalog(capsys):
    """This test ensures that validate summarises a good file and catalog lists the indicators."""
    code, out, _ = run(capsys, "validate", SAMPLE)
    assert code == 0 and "indicator 1.2, fiscal year 2565, level 5" in out
    code, out, _ = run(capsys, "catalog")
    assert code == 0 and "1.2  การพัฒนาสู่องค์กรแห่งการเรียนรู้  (4 points, rubric)" in out


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("level: 5\n", "level: 7\n", "level: Input should be less than or equal to 5"),
        ('indicator: "1.2"\n', "indicator: '4.4'\n", "indicator: unknown indicator '4.4'"),
        ("level: 5\n", "level: [\n", "malformed YAML"),
        ("level: 5\n", "level: 5\nlevel: 1\n", "the key 'level' is given twice"),
    ],
)
def test_bad_input_fails_without_output(capsys, tmp_path, old, new, words):
    """This test ensures that bad data exits 1 naming file and field, and leaves no file behind."""
    src = tmp_path / "in.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    src.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, _, err = run(capsys, "render", src, "-o", tmp_path / "out.docx")
    assert code == 1 and str(src) in err and words in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.yaml"]


def test_failed_render_keeps_the_previous_file(capsys, tmp_path):
    """This test ensures that a failure does not touch an output written before."""
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous")
    bad = tmp_path / "in.yaml"
    bad.write_text(SAMPLE.read_text(encoding="utf-8") + "level: 9\n", encoding="utf-8")
    assert run(capsys, "render", bad, "-o", out)[0] == 1
    assert out.read_bytes() == b"previous"


def test_control_characters_warn_on_stderr(capsys, tmp_path):
    """This test ensures that removed characters are reported as a warning naming the file, and the form is made."""
    src = tmp_path / "in.yaml"
    src.write_text(
        SAMPLE.read_text(encoding="utf-8")
        .replace("ใช้การทำกิจกรรม", "ใช้การ\\x01ทำกิจกรรม")
        .replace("- ใช้การ\\x01", '- "ใช้การ\\x01')
        .replace("ผ่านทางโซเซียลมีเดีย\n", 'ผ่านทางโซเซียลมีเดีย"\n'),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "render", src, "-o", tmp_path / "out.docx")
    assert code == 0 and f"{src}: warning: narrative.suggestions[0]: removed 1 character(s)" in err


def test_usage_errors(capsys, tmp_path):
    """This test ensures that an unknown output format is a usage error, not a crash."""
    code, _, err = run(capsys, "render", SAMPLE, "-o", tmp_path / "out.txt")
    assert code == 2 and "must end in .docx or .pdf" in err
    code, _, err = run(capsys, "render", SAMPLE, "-o", tmp_path / "x", "--format", "odt")
    assert code == 2 and "unknown format odt" in err and not list(Path(tmp_path).iterdir())


def test_a_converter_that_is_not_host_port_is_a_usage_error(capsys, tmp_path):
    """This test ensures that --converter takes host:port and says so, with exit code 2."""
    code, _, err = run(capsys, "render", SAMPLE, "-o", tmp_path / "x.pdf", "--converter", "notaport")
    assert code == 2 and "host:port" in err and not (tmp_path / "x.pdf").exists()


def test_a_pdf_render_prints_no_library_chatter(tmp_path, soffice):
    """This test ensures that a user's terminal shows only what sar-forms says: the path written,
    the hint that only the PDF was asked for, and no log line of a library (pypdf's "Overwriting
    cache for 0 44" on every PDF)."""
    import subprocess
    import sys

    cli = Path(sys.executable).with_name("sar-forms")
    done = subprocess.run(
        [cli, "render", SAMPLE, "-o", tmp_path / "f.pdf"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == str(tmp_path / "f.pdf")
    assert done.stderr.splitlines() == ["only the PDF is written; add --format docx,pdf for the Word file too"]


def test_batch_progress_names_every_file_a_record_made(capsys, monkeypatch):
    """This test ensures that a batch's progress line (on a pipe or in a log) names the PDF as
    well as the .docx of a record, and its notes (a folder name changed) too."""
    import sys

    from sar_forms.cli.commands import _progress
    from sar_forms.run.manifest import Result, Status

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    on_result, shown = _progress(2)
    with shown:
        on_result(Result("r1", "in", "", Status.PRODUCED, docx="a/f.docx", pdf="a/f.pdf", notes=("note",)))
    assert capsys.readouterr().out.strip() == "[1/2] produced: r1: a/f.docx, a/f.pdf; note"


def test_preview_refuses_a_resolution_it_cannot_draw(capsys):
    """This test ensures that `preview --dpi 30000` (it drew a 1x1 picture and exited 0) and a page
    0 are usage errors saying the range."""
    for flag, value in (("--dpi", "30000"), ("--page", "0")):
        code, _out, err = run(capsys, "preview", SAMPLE, "-o", "x.png", flag, value)
        assert code == 2 and "is not from" in err
