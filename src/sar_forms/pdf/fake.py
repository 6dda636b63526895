"""A :class:`~sar_forms.pdf.convert.Converter` without LibreOffice, for tests (yours and ours).

As httpx ships ``MockTransport`` so that code built on a client can be tested without a network,
this converter lets code built on sar_forms (a batch, a book, a web service) be tested without
LibreOffice: it writes a real, valid PDF in a few milliseconds. What it cannot tell is how the
form looks: it lays nothing out. Each section of the document becomes one blank A4 page (so a
merged document's forms each have a page of their own and split apart as LibreOffice's do), its
bookmarks become named destinations on their section's page (as LibreOffice exports them), and its
core properties the document information.

A test makes a document fail by giving ``fail`` (a function of the source .docx's text that
returns a reason, or None), and reads what was converted, the fonts checked and whether it was
closed.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from .._fs import atomic_write
from ..errors import ConversionError
from ..ooxml.names import w as _w
from .recipe import pdf_info

__all__ = ["FakeConverter"]


class FakeConverter:
    """Converts .docx files to blank-paged PDFs with the document's bookmarks and information.

    ``concurrency`` is how many conversions it claims to run at once (a batch converts on that
    many threads); it takes no core of this machine (``local_workers`` is 0 unless a test sets it).
    """

    def __init__(self, fail: Callable[[str], str | None] | None = None, *, concurrency: int = 1) -> None:
        if concurrency < 1:
            raise ValueError(f"concurrency is at least 1, not {concurrency}")
        self.fail = fail
        self.concurrency = concurrency
        self.local_workers = 0
        self.converted: list[Path] = []
        self.checked_fonts: list[str] = []
        self.closed = False
        self._lock = threading.Lock()

    def convert(self, source: Path, target: Path, *, pdfa: bool = False, destinations: bool = False) -> Path:
        """Write ``target``: a page per section of ``source``; raise :class:`ConversionError` when
        ``fail`` gives a reason for its text (word boundary marks removed)."""
        from pypdf import PdfWriter

        if self.closed:
            raise ConversionError("the converter is closed", document=str(source))
        docx = Path(source).read_bytes()
        try:
            with zipfile.ZipFile(io.BytesIO(docx)) as z:
                document = etree.fromstring(z.read("word/document.xml"))
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
            raise ConversionError(f"not a .docx: {exc}", document=str(source)) from exc
        text = "".join(t.text or "" for t in document.iter(_w("t"))).replace("\u2060", "").replace("\u200b", "")
        reason = self.fail(text) if self.fail else None
        if reason:
            raise ConversionError(reason, document=str(source), stderr_tail="fake converter")
        pages, marks = _sections(document)
        writer = PdfWriter()
        for _ in range(pages):
            writer.add_blank_page(595, 842)
        if destinations:
            for name, page in marks:
                writer.add_named_destination(name, page)
        writer.add_metadata({**pdf_info(docx), "/Producer": "sar_forms FakeConverter"})
        out = io.BytesIO()
        writer.write(out)
        atomic_write(target, out.getvalue())
        with self._lock:
            self.converted.append(Path(source))
        return Path(target)

    def check_font(self, family: str) -> None:
        """Records the family asked about; every font is taken as Thai."""
        with self._lock:
            self.checked_fonts.append(family)

    def close(self) -> None:
        self.closed = True

    def __enter__(self) -> FakeConverter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _sections(document: etree._Element) -> tuple[int, list[tuple[str, int]]]:
    """How many sections the body has, and each bookmark with its section's index (its page)."""
    body = document.find(_w("body"))
    section, marks = 0, []
    for el in body if body is not None else ():
        marks += [(str(b.get(_w("name"))), section) for b in el.iter(_w("bookmarkStart"))]
        if el.tag == _w("p") and el.find(f"{_w('pPr')}/{_w('sectPr')}") is not None:
            section += 1  # a paragraph's section break ends its section
    return section + 1, marks
