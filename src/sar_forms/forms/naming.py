"""Where a form's files go: safe file and folder names, Thai kept as it is.

Part of the indicator form's type (its output names); batches and books both name their files here."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from ..domain.models import Assessment

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


__all__ = ["NAME_BYTES", "book_paths", "name_change", "name_cut", "output_paths", "safe_name"]

#: File systems count a name's bytes (255 at most), and Thai takes 3 bytes a letter in UTF-8; a
#: temporary beside the file adds 25 (".sar-forms." and mkstemp's random part and ".part").
NAME_BYTES = 200


@functools.lru_cache(maxsize=4096)  # a batch asks for each office's and indicator's names again and again
def safe_name(text: str, *, limit: int = NAME_BYTES) -> str:
    """A file or folder name that is safe on Windows and Linux, keeping Thai as it is.

    Path separators, characters Windows forbids and control characters become ``_``; ``..``
    cannot climb out (dots at the ends are dropped, as Windows drops them); reserved device
    names (CON, NUL, COM1...) get a ``_`` in front; the name is cut to ``limit`` bytes of UTF-8,
    between characters.
    """
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", text))
    name = re.sub(r"\.{2,}", ".", name).strip(" .")
    if _WINDOWS_RESERVED.match(name):
        name = "_" + name
    while len(name.encode("utf-8")) > limit:
        name = name[:-1]
    return name.rstrip(" .") or "_"


def output_paths(out_dir: Path, a: Assessment) -> tuple[Path, Path]:
    """Where a form goes: ``OUT/<office short name>/<short name>_<indicator>_<fiscal year>.docx`` and .pdf
    (with ``_รอบ6`` or ``_รอบ12`` before the extension when the record gives its round).

    A short name too long for a file name is cut (:data:`NAME_BYTES`); the indicator and the
    fiscal year always stay whole, at the end.
    """
    stem = _stem(a)
    base = out_dir / safe_name(a.office.short_name) / stem
    return base.with_name(stem + ".docx"), base.with_name(stem + ".pdf")


def _stem(a: Assessment, limit: int = NAME_BYTES) -> str:
    """``<short name>_<indicator>_<fiscal year>`` (and ``_รอบ<6|12>`` for a round) in at most
    ``limit`` bytes, the short name cut first."""
    tail = safe_name(f"_{a.indicator.code}_{a.fiscal_year}" + (f"_รอบ{a.round}" if a.round else ""))
    return safe_name(a.office.short_name, limit=limit - len(tail.encode("utf-8"))) + tail


def name_cut(a: Assessment) -> bool:
    """Whether :func:`output_paths` had to cut the office's short name."""
    return _stem(a) != _stem(a, limit=1 << 20)


def name_change(short_name: str) -> str:
    """Why the office's folder is not named as its short name, or "" when it is: "dots" (Windows
    drops a dot or space at the end: สพม.มห. becomes สพม.มห), "characters" (one a file name
    cannot hold became ``_``)."""
    safe = safe_name(short_name, limit=1 << 20)
    if safe == unicodedata.normalize("NFC", short_name):
        return ""
    return "dots" if safe == unicodedata.normalize("NFC", short_name).rstrip(" .") else "characters"


def book_paths(out_dir: Path, a: Assessment) -> tuple[Path, Path]:
    """``OUT/<office short name>/<short name>_<fiscal year>[_รอบ<round>]_book.docx`` and .pdf."""
    tail = f"_{a.fiscal_year}" + (f"_รอบ{a.round}" if a.round else "") + "_book"
    stem = safe_name(a.office.short_name, limit=NAME_BYTES - len(tail.encode("utf-8"))) + safe_name(tail)
    folder = out_dir / safe_name(a.office.short_name)
    return folder / f"{stem}.docx", folder / f"{stem}.pdf"
