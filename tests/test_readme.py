"""README.md: its Python blocks run as written, on the shipped samples."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readmes_python_runs_as_written(tmp_path, soffice):
    """This test ensures that a user who copies the README's Python into a file beside the samples
    gets it to run (no name left undefined, no file names that collide), and that it makes the
    files it says it makes."""
    blocks = python_blocks()
    assert len(blocks) >= 2
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    for n, block in enumerate(blocks):
        script = tmp_path / f"block{n}.py"
        script.write_text(block, encoding="utf-8")
        done = subprocess.run([sys.executable, script], cwd=tmp_path, capture_output=True, text=True, check=False)
        assert done.returncode == 0, (block, done.stderr[-2000:])
    out = tmp_path / "out"
    assert (out / "form.docx").is_file() and (out / "form.pdf").is_file()
    per_form = sorted(p.name for p in out.glob("*.pdf") if p.name != "form.pdf")
    assert len(per_form) >= 2 and len(set(per_form)) == len(per_form)  # one file a form, none overwritten
    assert (out / "batch" / "manifest.json").is_file() and list((out / "books").rglob("*_book.pdf"))
    assert list((out / "fake").rglob("*.pdf"))
