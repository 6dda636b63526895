"""Atomic writes (sar_forms._fs): a reader sees the old file or the whole new one, never half."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sar_forms._fs import TEMP_PREFIX, atomic_path, atomic_write, check_within, make_folder
from sar_forms.errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_written_file_holds_the_data_with_an_ordinary_files_mode(tmp_path: Path) -> None:
    """This test ensures that a written file holds exactly the bytes given and has the mode any new
    file of the user has (0666 less the umask), not a temporary file's 0600."""
    path = atomic_write(tmp_path / "form.docx", b"\x00data\xff")
    assert path.read_bytes() == b"\x00data\xff"
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.docx"]


def test_durable_write_replaces_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    """This test ensures that writing over a file replaces it whole, fsynced or not, and leaves
    nothing beside it."""
    path = tmp_path / "manifest.csv"
    path.write_bytes(b"old")
    atomic_write(path, b"new", durable=True)
    atomic_write(path, b"newer")
    assert path.read_bytes() == b"newer"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.csv"]


def test_temporary_is_named_for_the_stale_file_sweep(tmp_path: Path) -> None:
    """This test ensures that the file being written is a temporary named with the package's
    prefix, the target's name and ``.part`` (what a killed batch's next run removes), and that it
    takes the target's place only when the writing ends."""
    target = tmp_path / "สพป.อด.2_1.2_2565.png"
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path
        assert tmp.name.startswith(f"{TEMP_PREFIX}{target.name}.") and tmp.name.endswith(".part")
        tmp.write_bytes(b"png")
        assert not target.exists()
    assert target.read_bytes() == b"png" and not tmp.exists()


def test_failure_while_writing_keeps_the_old_file(tmp_path: Path) -> None:
    """This test ensures that an error raised while the new file is being written leaves the old
    file as it was and no temporary behind, and the error goes on to the caller."""
    target = tmp_path / "book.docx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="disk"), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk gone")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["book.docx"]


def test_temporaries_of_one_target_never_collide(tmp_path: Path) -> None:
    """This test ensures that two writes of one target open at once get two temporaries."""
    target = tmp_path / "form.docx"
    with atomic_path(target) as first, atomic_path(target) as second:
        assert first != second and first.exists() and second.exists()


def test_unwritable_places_are_output_errors_naming_the_path(tmp_path: Path) -> None:
    """This test ensures that a target inside a file, or a target that is a folder, is an
    OutputError naming the target, and leaves nothing behind."""
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"")
    with pytest.raises(OutputError) as inside:
        atomic_write(blocker / "form.docx", b"x")
    assert str(blocker / "form.docx") in str(inside.value)
    folder = make_folder(tmp_path / "form.docx")
    with pytest.raises(OutputError) as onto:
        atomic_write(folder, b"x")
    assert str(folder) in str(onto.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "form.docx"]
    assert list(folder.iterdir()) == []


def test_write_within_a_folder_refuses_a_planted_link(tmp_path: Path) -> None:
    """This test ensures that a write confined to an output folder refuses to go through a
    symbolic link planted inside it, and writes nothing where the link points."""
    out, elsewhere = make_folder(tmp_path / "out"), make_folder(tmp_path / "elsewhere")
    (out / "สพป.อด.2").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="สพป.อด.2"):
        atomic_write(out / "สพป.อด.2" / "form.docx", b"x", within=out)
    assert list(elsewhere.iterdir()) == []
    with pytest.raises(OutputError):
        check_within(out, tmp_path / "other" / "form.docx")
