"""The real pages of a form while it is written: the PDF ``render --format pdf`` makes, as images.

The PDF comes from the same :class:`~sar_forms.forms.produce.FormProducer` and warm converter as
the command line's; its pages are drawn in-process with PDFium (pypdfium2) and kept on disk under
the hash of the document converted, so an edit that changes nothing printed, or going back to a
version seen before, costs nothing. Conversions are admitted through a bounded queue: when as
many are waiting as the converter has workers (times ``waiting``), the next is :class:`Busy` at
once (the page says so and the API answers 503 with Retry-After) instead of piling up; a
conversion that hangs is killed by the converter's timeout and its worker restarted.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

from ..domain.models import Assessment
from ..forms.produce import FormProducer, document_date

__all__ = ["Busy", "Pages", "Previewer"]

#: Page images kept (the oldest go first): some 200 KB a form.
KEEP = 400
_PDFIUM = threading.Lock()  # PDFium is not thread-safe


class Busy(Exception):
    """Every converter is in use and the queue is full: try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"busy: retry after {retry_after} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Pages:
    """A form's page images: the hash they are kept under, how many pages, and the PDF."""

    key: str
    count: int
    folder: Path

    def png(self, page: int) -> Path:
        return self.folder / f"{page}.png"

    @property
    def pdf(self) -> Path:
        return self.folder / "form.pdf"


class Previewer:
    """Page images of assessments, made through ``producer`` and kept in ``folder``."""

    def __init__(self, producer: FormProducer, folder: str | Path, *, waiting: int = 2, dpi: int = 96) -> None:
        self.producer, self.dpi = producer, dpi
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        workers = producer.converter.concurrency if producer.converter is not None else 1
        self.limit = workers * (1 + waiting)
        self._admitted = 0
        self._lock = threading.Lock()
        self._making: dict[str, threading.Lock] = {}

    def pages(self, assessment: Assessment) -> Pages:
        """The form's pages, from the cache or made now (:class:`Busy` when the queue is full)."""
        copy = self.producer.pdf_copy(assessment)
        made_as = f"{self.producer.template}|{self.producer.digits}|{self.producer.pdfa}|{self.dpi}"
        key = hashlib.sha256(copy + made_as.encode()).hexdigest()[:32]
        done = self._cached(key)
        if done is not None:
            return done
        with self._admission(), self._one_at_a_time(key):
            done = self._cached(key)  # made meanwhile by the request it waited for
            if done is not None:
                return done
            pdf = self.producer.pdf_from_copy(copy, document_date(assessment))
            return self._store(key, pdf)

    def _cached(self, key: str) -> Pages | None:
        folder = self.folder / key
        try:
            count = int((folder / "pages").read_text())
        except (OSError, ValueError):
            return None
        os.utime(folder)  # kept the longer for being used
        return Pages(key, count, folder)

    @contextmanager
    def _admission(self) -> Iterator[None]:
        with self._lock:
            if self._admitted >= self.limit:
                raise Busy(retry_after=2)
            self._admitted += 1
        try:
            yield
        finally:
            with self._lock:
                self._admitted -= 1

    @contextmanager
    def _one_at_a_time(self, key: str) -> Iterator[None]:
        with self._lock:
            lock = self._making.setdefault(key, threading.Lock())
        with lock:
            yield
        with self._lock:
            self._making.pop(key, None)

    def _store(self, key: str, pdf: bytes) -> Pages:
        """The PDF and its pages drawn, written to a new folder that is renamed into place whole."""
        tmp = Path(tempfile.mkdtemp(prefix=".making-", dir=self.folder))
        try:
            (tmp / "form.pdf").write_bytes(pdf)
            with _PDFIUM:
                document = pypdfium2.PdfDocument(pdf)
                try:
                    count = len(document)
                    for n in range(count):
                        image = document[n].render(scale=self.dpi / 72).to_pil()
                        buffer = io.BytesIO()
                        image.save(buffer, "PNG", compress_level=1)
                        (tmp / f"{n + 1}.png").write_bytes(buffer.getvalue())
                finally:
                    document.close()
            (tmp / "pages").write_text(str(count))
            target = self.folder / key
            try:
                os.rename(tmp, target)
            except OSError:  # made by another process meanwhile
                shutil.rmtree(tmp, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self._prune()
        return Pages(key, count, target)

    def _prune(self) -> None:
        kept = sorted((p for p in self.folder.iterdir() if not p.name.startswith(".")), key=lambda p: p.stat().st_mtime)
        for old in kept[: max(0, len(kept) - KEEP)]:
            shutil.rmtree(old, ignore_errors=True)
