"""Prepared templates kept on disk between runs, so that a command pays for preparing a template
once per template file, not once per run.

Preparing a template (:class:`~sar_forms.ooxml.template.CompiledTemplate`) patches its parts as
docxtpl does, reads the body for the unparsed path (:func:`~sar_forms.ooxml.splice.why_parse`) and
compiles every part with Jinja: 20 to 30 ms, a twentieth of a batch of 200 forms and more of a
command that renders one. What that work makes from a template file is kept here: each part's
compiled code (Jinja's compiled Python, as its own bytecode cache keeps it) and how it goes into
the package. An entry is found by the sha256 of everything it was made from: the template's
parts, this module's format, the versions of Python, Jinja and docxtpl, and the source of the
modules that prepare it, so that an entry is never used for anything else.

Where: ``$SAR_FORMS_CACHE`` when set (``off`` or empty: no cache), else ``$XDG_CACHE_HOME/sar-forms``
(``~/.cache/sar-forms``; ``%LOCALAPPDATA%`` on Windows). An entry is code that will run, so it is
read only from a folder and a file that only this user can write (not on Windows, whose rights
are not mode bits); a folder or a file that anybody else can change is passed over and the
template prepared afresh. The cache only saves time: any entry missing, unreadable, damaged or
from another version is made again, and a folder that cannot be written is left alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import CodeType

import docxtpl
import jinja2

from .splice import Splice

__all__ = ["MAX_ENTRIES", "PreparedPart", "cache_dir", "entry_key", "load", "store"]

_FORMAT = b"sar-forms prepared template 1"
#: Entries kept at most (the oldest go first): one per template file in use.
MAX_ENTRIES = 64
_MAX_BYTES = 16 << 20  # an entry is some 100 KB: anything larger is not one of ours
_SUFFIX = ".prepared"


@dataclass(frozen=True)
class PreparedPart:
    """A part with Jinja tags as preparing left it: its compiled code, and how its rendered text
    goes into the package unparsed (``splice``), if it can."""

    name: str
    kind: str  # "body" | "xml"
    encoding: str
    code: CodeType
    splice: Splice | None


def cache_dir() -> Path | None:
    """The folder entries are kept in, or None when the cache is off."""
    given = os.environ.get("SAR_FORMS_CACHE")
    if given is not None:
        return None if given.strip().lower() in ("", "0", "off", "no", "false") else Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else "")
    try:
        return Path(base or Path.home() / ".cache") / "sar-forms"
    except RuntimeError:  # no home folder to be found
        return None


def entry_key(template: Iterable[bytes], makers: Iterable[str]) -> str:
    """The name of the entry for a template's content (its parts' names and bytes, in order: what
    was read, whatever the file holds by now), prepared by the modules at ``makers``; "" (nothing
    to keep) when the cache is off or a module's source cannot be read."""
    if cache_dir() is None:
        return ""
    digest = hashlib.sha256(_FORMAT)
    for part in (importlib.util.MAGIC_NUMBER, sys.version.encode(), jinja2.__version__.encode()):
        digest.update(part + b"\0")
    digest.update(docxtpl.__version__.encode() + b"\0")
    try:
        for maker in makers:
            digest.update(Path(maker).read_bytes() + b"\0")
    except OSError:
        return ""
    for chunk in template:
        digest.update(len(chunk).to_bytes(8, "little") + chunk)
    return digest.hexdigest()


def _owned(st: os.stat_result) -> bool:
    """Whether only this user can change what ``st`` describes (always true where rights are not modes)."""
    if sys.platform == "win32":
        return True
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def load(key: str) -> tuple[list[PreparedPart], str] | None:
    """The parts and ``why_parse`` kept under ``key``, or None (no cache, no such entry, or one
    that is damaged, too large or that somebody else could have written)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / (key + _SUFFIX)
    try:
        if not (_owned(folder.stat()) and stat.S_ISREG((st := path.lstat()).st_mode) and _owned(st)):
            return None
        if st.st_size > _MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return _decode(data)
    except (ValueError, EOFError, TypeError):  # damaged, or written by a version that had another shape
        return None


def _decode(data: bytes) -> tuple[list[PreparedPart], str]:
    fmt, why_parse, rows = marshal.loads(data)
    if fmt != _FORMAT or not isinstance(why_parse, str) or not isinstance(rows, tuple):
        raise ValueError("not an entry of this format")
    parts = []
    for name, kind, encoding, code, splice in rows:
        if not (isinstance(name, str) and kind in ("body", "xml") and isinstance(encoding, str)):
            raise ValueError("a part's name, kind or encoding")
        if not isinstance(code, CodeType):
            raise ValueError("a part's code")
        if splice is not None:
            head, tail, opening = splice
            if not (isinstance(head, bytes) and isinstance(tail, bytes) and isinstance(opening, str)):
                raise ValueError("a part's splice")
            splice = Splice(head, tail, opening)
        parts.append(PreparedPart(name, kind, encoding, code, splice))
    return parts, why_parse


def store(key: str, parts: list[PreparedPart], why_parse: str) -> None:
    """Keep ``parts`` and ``why_parse`` under ``key`` (written whole or not at all), the oldest
    entries beyond :data:`MAX_ENTRIES` removed; nothing when the cache is off or cannot be written."""
    folder = cache_dir()
    if folder is None:
        return
    rows = tuple(
        (p.name, p.kind, p.encoding, p.code, (p.splice.head, p.splice.tail, p.splice.opening) if p.splice else None)
        for p in parts
    )
    data = marshal.dumps((_FORMAT, why_parse, rows))
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _owned(folder.stat()):
            return
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".part", dir=folder)
        try:
            with open(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / (key + _SUFFIX))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _prune(folder)


def _prune(folder: Path) -> None:
    entries = []
    for path in folder.glob("*" + _SUFFIX):
        with contextlib.suppress(OSError):
            entries.append((path.stat().st_mtime, path))
    for _mtime, path in sorted(entries)[: max(0, len(entries) - MAX_ENTRIES)]:
        with contextlib.suppress(OSError):
            path.unlink()
