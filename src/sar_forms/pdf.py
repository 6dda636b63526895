"""What is done to a PDF after LibreOffice wrote it: checking it, setting its language, drawing a page.

Pure functions over PDF bytes or files (pypdf, poppler's pdftoppm); nothing here knows about
forms or converters. pypdf is imported where it is used: a .docx-only batch does not pay for it
(50 ms of a command's start).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

from ._fs import atomic_path
from .errors import ConversionError, ConverterUnavailable

__all__ = ["check_pdf", "pdf_page_to_png", "reproducible", "set_pdf_language"]

_INFO_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
_XMP_DATE = re.compile(rb"(<xmp:\w*Date>)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})")  # LibreOffice's, over the dated file
_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]{32})(>\s*<)([0-9A-Fa-f]{32})(>)")


def check_pdf(data: bytes, what: str = "PDF") -> int:
    """The page count of a PDF, or :class:`ConversionError` if it is empty or does not parse."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data:
        raise ConversionError(f"{what} is empty")
    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ConversionError(f"{what} does not parse: {exc}") from exc
    if pages < 1:
        raise ConversionError(f"{what} has no page")
    return pages


def set_pdf_language(data: bytes, lang: str) -> bytes:
    """Set the document language of a PDF, as an incremental update (PDF/A keeps its bytes).

    LibreOffice takes the PDF's /Lang from the Latin-text language, which the template sets to
    English so that Latin words are not broken by Thai line-breaking rules; the Thai text
    itself is th-TH, and so is the document.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    if PdfReader(io.BytesIO(data)).root_object.get("/Lang") == lang:
        return data
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    writer.root_object[NameObject("/Lang")] = TextStringObject(lang)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def reproducible(data: bytes, when: dt.datetime) -> bytes:
    """The same PDF with its dates set to ``when`` and its document ID derived from its content:
    equal input, equal bytes, so a batch's manifest can tell a PDF is current by its sha256.

    LibreOffice stamps the time of conversion (the Info dictionary, and XMP for PDF/A), a random
    ID (in each trailer) and a checksum of the dated file. Each is replaced in place by a string
    of the same length, so no offset of the file moves and PDF/A's XMP stays in step with the
    Info dictionary.
    """
    data = _INFO_DATE.sub(lambda m: m.group(1) + when.strftime("%Y%m%d%H%M%S").encode(), data)
    data = _XMP_DATE.sub(lambda m: m.group(1) + when.strftime("%Y-%m-%dT%H:%M:%S").encode(), data)
    zeroed = _ID.sub(lambda m: m.group(1) + b"0" * 32 + m.group(3) + b"0" * 32 + m.group(5), data)
    zeroed = _CHECKSUM.sub(lambda m: m.group(1) + b"0" * 32, zeroed)
    digest = hashlib.md5(zeroed, usedforsecurity=False).hexdigest().encode()

    def same_case(old: bytes) -> bytes:
        return digest.upper() if old.isupper() or old.isdigit() else digest

    data = _CHECKSUM.sub(lambda m: m.group(1) + same_case(m.group(2)), data)
    return _ID.sub(lambda m: m.group(1) + same_case(m.group(2)) + m.group(3) + same_case(m.group(4)) + m.group(5), data)


def pdf_page_to_png(pdf: str | Path, png: str | Path, *, page: int = 1, dpi: int = 100) -> Path:
    """Rasterise one page of a PDF to PNG with poppler's pdftoppm (written atomically)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ConverterUnavailable("pdftoppm is missing; install it with: sudo apt-get install poppler-utils")
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
                f"pdftoppm could not draw page {page}",
                document=str(pdf),
                returncode=proc.returncode,
                stderr_tail=proc.stderr[-600:],
            )
        os.replace(made, tmp)
    return png
