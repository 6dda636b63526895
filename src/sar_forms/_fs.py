"""Atomic file writes: a reader sees the old file or the whole new one, never half of one."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError
from .messages import say

__all__ = ["TEMP_PREFIX", "atomic_path", "atomic_write", "check_within", "make_folder"]

#: How every temporary file this package leaves beside an output begins: a batch that was killed
#: removes exactly these on its next run, and nothing of anyone else's.
TEMP_PREFIX = ".sar-forms."


def _path(path: str | Path) -> Path:
    """``path`` as a Path: one given as a Path is not parsed again (pathlib would, 2 µs a time)."""
    return path if isinstance(path, Path) else Path(path)


def make_folder(path: str | Path) -> Path:
    """``path`` as a folder (made with its parents), or :class:`OutputError` saying why not."""
    path = _path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(say("output.no_folder", reason=exc.strerror or str(exc)), path=str(path)) from exc
    return path


def _temporary(path: Path) -> tuple[int, Path]:
    """A new file beside ``path``, made exclusively and open for writing: its descriptor and path.

    Its mode is an ordinary new file's (0666 less the umask, as ``open`` makes; ``mkstemp``'s
    0600 needed a chmod after it), its name :data:`TEMP_PREFIX`, ``path``'s name, 8 random
    characters and ``.part``, as ``mkstemp`` named it; a name taken already is drawn again.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = path.with_name(f"{TEMP_PREFIX}{path.name}.{os.urandom(4).hex()}.part")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no temporary name is free", str(path))


@contextlib.contextmanager
def _replacing(path: str | Path) -> Iterator[tuple[int, Path]]:
    """The temporary file of :func:`_temporary` (descriptor and path) for ``path``; on success
    it replaces ``path``, else it is removed. The caller closes the descriptor."""
    path = _path(path)
    try:
        if not path.parent.is_dir():  # a stat, not a mkdir that fails, for the many files of one folder
            make_folder(path.parent)
    except OutputError as exc:
        raise OutputError(say("output.no_parent", reason=str(exc)), path=str(path)) from exc
    try:
        fd, tmp = _temporary(path)
    except OSError as exc:
        raise OutputError(say("output.cannot_write_here", reason=exc.strerror or str(exc)), path=str(path)) from exc
    try:
        yield fd, tmp
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise OutputError(say("output.cannot_write", reason=exc.strerror or str(exc)), path=str(path)) from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, else it is removed.

    A path that cannot be written (its folder is a file, no permission, ``path`` is a folder,
    the disk is full) raises :class:`OutputError` naming it; nothing is left behind.
    """
    with _replacing(path) as (fd, tmp):
        os.close(fd)
        yield tmp


def check_within(root: Path, path: Path) -> None:
    """:class:`OutputError` if a folder between ``root`` and ``path`` is a symbolic link (a file
    written there would land wherever the link points), or ``path`` is not under ``root``."""
    root, path = _path(root), _path(path)
    try:
        parts = path.relative_to(root).parts
    except ValueError as exc:
        raise OutputError(say("output.outside", root=str(root)), path=str(path)) from exc
    if ".." in parts:
        raise OutputError(say("output.outside", root=str(root)), path=str(path))
    folder = root
    for part in parts[:-1]:
        folder = folder / part
        if folder.is_symlink():
            raise OutputError(say("output.symlink", folder=str(folder)), path=str(path))


def atomic_write(path: str | Path, data: bytes, *, durable: bool = False, within: Path | None = None) -> Path:
    """Write ``data`` to ``path`` atomically (same-directory temp file, then rename).

    A reader, or a process killed half-way, never sees a partial file. ``durable=True`` also
    fsyncs the data before the rename, against power loss; batches leave it off (it doubles
    the cost of a small file) because their manifest's sha256 finds any file a crash spoiled.
    ``within``: the output folder ``path`` must stay in, never through a symbolic link (:func:`check_within`).
    """
    path = _path(path)
    if within is not None:
        check_within(within, path)
    with _replacing(path) as (fd, _tmp), open(fd, "wb") as fh:  # one open file, not made then opened again
        fh.write(data)
        if durable:
            fh.flush()
            os.fsync(fh.fileno())
    return path
