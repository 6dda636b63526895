"""What is done to a PDF after LibreOffice wrote it: checking it, setting its language, drawing a page.

Pure functions over PDF bytes or files (pypdf; pikepdf, i.e. qpdf, where speed counts: reading
named destinations and splitting merged conversions; poppler's pdftoppm); nothing here knows
about forms or converters. The PDF libraries are imported where they are used: a .docx-only
batch does not pay for them (50 ms of a command's start).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._fs import atomic_path
from ..errors import ConversionError, ConverterUnavailable
from ..messages import say

if TYPE_CHECKING:
    from pypdf import PdfWriter

__all__ = [
    "check_pdf",
    "destinations",
    "drop_destinations",
    "incremental_update",
    "pdf_page_to_png",
    "reproducible",
    "pdf_date",
    "set_pdf_language",
    "split_pdf",
]

_INFO_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
_XMP_DATE = re.compile(rb"(<xmp:\w*Date>)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})")  # LibreOffice's, over the dated file
_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]{32})(>\s*<)([0-9A-Fa-f]{32})(>)")


def check_pdf(data: bytes, what: str = "PDF") -> int:
    """The page count of a PDF, or :class:`ConversionError` if it is empty or does not parse."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data:
        raise ConversionError(say("pdf.empty", what=what))
    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ConversionError(say("pdf.does_not_parse", what=what, reason=str(exc))) from exc
    if pages < 1:
        raise ConversionError(say("pdf.no_page", what=what))
    return pages


def set_pdf_language(data: bytes, lang: str) -> bytes:
    """Set the document language of a PDF, as an incremental update (PDF/A keeps its bytes).

    LibreOffice takes the PDF's /Lang from the Latin-text language, which the template sets to
    English so that Latin words are not broken by Thai line-breaking rules; the Thai text
    itself is th-TH, and so is the document.
    """
    from pypdf.generic import NameObject, TextStringObject

    def change(writer: PdfWriter) -> bool:
        if writer.root_object.get("/Lang") == lang:
            return False
        writer.root_object[NameObject("/Lang")] = TextStringObject(lang)
        return True

    return incremental_update(data, change)


def incremental_update(data: bytes, change: Callable[[PdfWriter], bool]) -> bytes:
    """``data`` with what ``change`` does to pypdf's writer appended as an incremental update
    (the original bytes stay as they are, so a PDF/A file stays one); ``data`` itself when
    ``change`` says it changed nothing.

    The update's trailer carries the previous trailer's /Info, as ISO 32000-1 (7.5.6) requires
    ("all the entries ... whether modified or not"): pypdf's incremental writer writes /Info
    only when the dictionary itself changed, and a reader takes the document information from
    the last trailer, so every PDF lost its title, author, subject and keywords.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import IndirectObject

    reader = PdfReader(io.BytesIO(data))
    info = reader.trailer.raw_get("/Info") if "/Info" in reader.trailer else None
    writer = PdfWriter(reader, incremental=True)
    if not change(writer):
        return data
    out = io.BytesIO()
    writer.write(out)
    return _with_info(out.getvalue(), info if isinstance(info, IndirectObject) else None)


_LAST_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_STREAM = re.compile(rb"\d+\s+\d+\s+obj\s*<<")


def _with_info(data: bytes, info: Any) -> bytes:
    """``data`` whose last cross-reference stream names ``info`` as its /Info, if it does not.

    The entry goes into the stream's dictionary, which begins at the offset ``startxref``
    gives: nothing before it moves, and the stream's own data and /Length are untouched."""
    if info is None:
        return data
    last = _LAST_XREF.search(data, max(0, len(data) - 64))
    start = int(last.group(1)) if last else -1
    head = _XREF_STREAM.match(data, start) if start >= 0 else None
    if head is None:
        raise ConversionError("the PDF's incremental update ends in no cross-reference stream")
    end = data.find(b"stream", head.end())
    if b"/Info" in data[head.end() : end]:
        return data
    entry = f"\n/Info {info.idnum} {info.generation} R".encode()
    return data[: head.end()] + entry + data[head.end() :]


_MARKS = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))


def clean_outline(data: bytes, titles: Mapping[str, str] | None = None) -> bytes:
    """The PDF with its bookmarks' titles free of the invisible line-break marks (zero width
    space, word joiner) the text they come from carried for LibreOffice, and each title found in
    ``titles`` (cleaned) given the title it maps to; an incremental update."""
    from pypdf.generic import NameObject, TextStringObject

    def change(writer: PdfWriter) -> bool:
        outlines = writer.root_object.get("/Outlines")
        todo = [outlines.get_object().get("/First")] if outlines is not None else []
        changed = False
        while todo:
            ref = todo.pop()
            if ref is None:
                continue
            item = ref.get_object()
            title = str(item.get("/Title", ""))
            clean = title.translate(_MARKS)
            clean = (titles or {}).get(clean, clean)
            if clean != title:
                item[NameObject("/Title")] = TextStringObject(clean)
                changed = True
            todo += [item.get("/First"), item.get("/Next")]
        return changed

    return incremental_update(data, change)


def reproducible(data: bytes, when: dt.datetime) -> bytes:
    """The same PDF with its dates set to ``when`` and its document ID derived from its content:
    equal input, equal bytes, so a batch's manifest can tell a PDF is current by its sha256.

    LibreOffice stamps the time of conversion (the Info dictionary, and XMP for PDF/A), a random
    ID (in each trailer) and a checksum of the dated file. Each is replaced in place by a string
    of the same length, so no offset of the file moves and PDF/A's XMP stays in step with the
    Info dictionary. PDF/A files also carry the time in the header of the ICC colour profile they
    embed (a compressed stream): that one is set to ``when`` too, which means writing the file
    anew (its length changes).
    """
    if b"/OutputIntents" in data:
        data = _dated_icc_profiles(data, when)
    data = _INFO_DATE.sub(lambda m: m.group(1) + when.strftime("%Y%m%d%H%M%S").encode(), data)
    data = _XMP_DATE.sub(lambda m: m.group(1) + when.strftime("%Y-%m-%dT%H:%M:%S").encode(), data)
    zeroed = _ID.sub(lambda m: m.group(1) + b"0" * 32 + m.group(3) + b"0" * 32 + m.group(5), data)
    zeroed = _CHECKSUM.sub(lambda m: m.group(1) + b"0" * 32, zeroed)
    digest = hashlib.md5(zeroed, usedforsecurity=False).hexdigest().encode()

    def same_case(old: bytes) -> bytes:
        return digest.upper() if old.isupper() or old.isdigit() else digest

    data = _CHECKSUM.sub(lambda m: m.group(1) + same_case(m.group(2)), data)
    return _ID.sub(lambda m: m.group(1) + same_case(m.group(2)) + m.group(3) + same_case(m.group(4)) + m.group(5), data)


def destinations(data: bytes, what: str = "PDF") -> tuple[dict[str, tuple[int, float | None]], int]:
    """Every named destination of a PDF as (0-based page, top in points from the page's foot, or
    None), and the page count (read once, with qpdf: pikepdf); :class:`ConversionError` if it does
    not parse or has no page. Destinations of the catalogue's /Dests (as LibreOffice writes them)
    and of the /Names tree are both read."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            total = len(pdf.pages)
            page_of = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
            named: list[tuple[str, Any]] = []
            if "/Dests" in pdf.Root:
                named += [(str(k), v) for k, v in pdf.Root.Dests.items()]
            if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
                named += [(str(k), v) for k, v in pikepdf.NameTree(pdf.Root.Names.Dests).items()]
            found: dict[str, tuple[int, float | None]] = {}
            for name, dest in named:
                if isinstance(dest, pikepdf.Dictionary):
                    dest = dest.get("/D")
                if not isinstance(dest, pikepdf.Array) or len(dest) < 2:
                    continue
                page = page_of.get(dest[0].objgen) if isinstance(dest[0], pikepdf.Dictionary) else None
                if page is None:
                    continue
                top = dest[3] if str(dest[1]) == "/XYZ" and len(dest) > 3 else None
                found[name.lstrip("/")] = (page, float(top) if isinstance(top, int | float | Decimal) else None)
    except (pikepdf.PdfError, ValueError) as exc:
        raise ConversionError(say("pdf.does_not_parse", what=what, reason=str(exc))) from exc
    if total < 1:
        raise ConversionError(say("pdf.no_page", what=what))
    return found, total


def drop_destinations(data: bytes, prefix: str) -> bytes:
    """The PDF without its named destinations whose names begin with ``prefix`` (the catalogue's
    /Dests, as LibreOffice writes them), as an incremental update (PDF/A keeps its bytes)."""
    from pypdf.generic import DictionaryObject

    def change(writer: PdfWriter) -> bool:
        dests = writer.root_object.get("/Dests")
        table = dests.get_object() if dests is not None else None
        if not isinstance(table, DictionaryObject):
            return False
        doomed = [k for k in table if k.lstrip("/").startswith(prefix)]
        for name in doomed:
            del table[name]  # the table is written again as changed
        if doomed and not table:
            del writer.root_object["/Dests"]
        return bool(doomed)

    return incremental_update(data, change)


def pdf_date(when: dt.datetime) -> str:
    """A PDF date as LibreOffice writes it (and :func:`reproducible` leaves it)."""
    return when.strftime("D:%Y%m%d%H%M%SZ'")


def split_pdf(
    data: bytes,
    ranges: Sequence[range],
    infos: Sequence[Mapping[str, str]],
    *,
    lang: str,
    whens: Sequence[dt.datetime],
) -> list[bytes]:
    """One PDF per page range of ``data``, as LibreOffice would have written each alone: the
    pages (content, fonts, links) as they are, the catalogue's viewer preferences and opening
    view, the document information of ``data`` with ``infos``' entries (/Title, /Author,
    /Subject, /Keywords) in place of its own; language ``lang``, dated by ``whens`` and with an ID
    from its content (qpdf's deterministic ID), so equal input gives equal bytes (as
    :func:`reproducible` does for a PDF written whole). Named destinations, outlines and
    structure of the whole are left behind.

    With qpdf (pikepdf), which copies each piece's pages and the fonts and images they use in
    C++: a quarter of the time pypdf took (10 against 37 ms for ten forms).
    """
    import pikepdf

    out = []
    with pikepdf.open(io.BytesIO(data)) as src:
        root = src.Root
        base = {str(k): str(v) for k, v in src.docinfo.items() if k not in ("/CreationDate", "/ModDate")}
        for pages, info, when in zip(ranges, infos, whens, strict=True):
            with pikepdf.new() as piece:
                piece.pages.extend(src.pages[pages.start : pages.stop])
                if "/ViewerPreferences" in root:
                    piece.Root.ViewerPreferences = pikepdf.Dictionary(dict(root.ViewerPreferences.items()))
                if "/OpenAction" in root:
                    piece.Root.OpenAction = pikepdf.Array([piece.pages[0].obj, pikepdf.Name.XYZ, None, None, 0])
                piece.Root.Lang = pikepdf.String(lang)
                for key, value in {**base, **info, "/CreationDate": pdf_date(when)}.items():
                    piece.docinfo[key] = pikepdf.String(value)
                buf = io.BytesIO()
                piece.save(buf, deterministic_id=True, min_version=src.pdf_version)
                out.append(buf.getvalue())
    return out


def _dated_icc_profiles(data: bytes, when: dt.datetime) -> bytes:
    """The PDF with each output intent's ICC profile dated ``when`` (header bytes 24-35: year,
    month, day, hour, minute, second), rewritten whole if any was not; the profile ID (bytes
    84-99), when set, is computed again as ICC defines it."""
    from pypdf import PdfReader, PdfWriter

    stamp = struct.pack(">6H", when.year, when.month, when.day, when.hour, when.minute, when.second)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    changed = False
    for intent in writer.root_object.get("/OutputIntents", []):
        profile = intent.get_object().get("/DestOutputProfile")
        if profile is None:
            continue
        stream = profile.get_object()
        icc = bytearray(stream.get_data())
        if len(icc) < 128 or icc[36:40] != b"acsp" or icc[24:36] == stamp:
            continue
        icc[24:36] = stamp
        if any(icc[84:100]):
            zeroed = bytearray(icc)
            zeroed[44:48] = zeroed[64:68] = b"\0" * 4
            zeroed[84:100] = b"\0" * 16
            icc[84:100] = hashlib.md5(zeroed, usedforsecurity=False).digest()
        stream.set_data(bytes(icc))
        changed = True
    if not changed:
        return data
    dated = [key for key in ("/CreationDate", "/ModDate") if writer.metadata is not None and key in writer.metadata]
    writer.add_metadata(dict.fromkeys(dated, pdf_date(when)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_page_to_png(pdf: str | Path, png: str | Path, *, page: int = 1, dpi: int = 100) -> Path:
    """Rasterise one page of a PDF to PNG with poppler's pdftoppm (written atomically)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ConverterUnavailable(say("pdf.no_pdftoppm"))
    png = Path(png)
    with atomic_path(png) as tmp:
        base = tmp.parent / f"{tmp.name}-page"  # pdftoppm adds .png
        proc = subprocess.run(
            [exe, "-png", "-singlefile", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf), str(base)],
            capture_output=True,
            text=True,
            check=False,
        )
        made = base.parent / f"{base.name}.png"
        if proc.returncode != 0 or not made.exists():
            made.unlink(missing_ok=True)
            raise ConversionError(
                say("pdf.cannot_draw", page=page),
                document=str(pdf),
                returncode=proc.returncode,
                stderr_tail=proc.stderr[-600:],
            )
        os.replace(made, tmp)
    return png
