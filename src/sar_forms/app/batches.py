"""Many forms: a batch of records to files, the offices' books, or both from one reading.

A batch's input (a workbook, a CSV file, a folder of YAML, JSON or Word files) is read once:
when books follow the batch, the records the batch read are kept for them, not read again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .._deferred import on_first_call
from ..forms.options import Options
from ..inputs.tables import Record, count_records, read_records
from ..run.batch import run_batch
from ..run.manifest import BatchReport, Result
from .reading import OnWarning, reading

if TYPE_CHECKING:
    from ..run.book import BookResult, run_books
else:  # when books are asked for: a batch alone never needs their composing and outline code
    run_books = on_first_call("sar_forms.run.book", "run_books")


__all__ = ["BatchOutcome", "batch", "books", "count"]


def count(source: str | Path, options: Options | None = None) -> int:
    """How many records ``source`` holds (for a progress bar), holding none of them."""
    return count_records(source, catalog=(options or Options()).the_catalog())


def _records(source: str | Path, options: Options, on_warning: OnWarning | None) -> Iterator[Record]:
    return reading(read_records(source, catalog=options.the_catalog()), str(source), on_warning)


@dataclass(frozen=True)
class BatchOutcome:
    """A batch's report, and the books made after it (empty when none were asked for)."""

    report: BatchReport
    books: tuple[BookResult, ...] = ()

    @property
    def ok(self) -> bool:
        return self.report.ok and all(b.error is None for b in self.books)


def batch(
    source: str | Path,
    out_dir: str | Path,
    options: Options | None = None,
    *,
    with_books: bool = False,
    on_result: Callable[[Result], None] | None = None,
    on_book: Callable[[BookResult], None] | None = None,
    on_warning: OnWarning | None = None,
) -> BatchOutcome:
    """Produce every record of ``source`` under ``out_dir``; ``with_books``, then each office's
    books (always with their PDFs) from the same records, read once."""
    opts = options or Options()
    kept: list[Record] = []
    records: Iterable[Record] = _records(source, opts, on_warning)
    if with_books:
        records = _keeping(records, kept)
    report = run_batch(records, out_dir, opts, on_result=on_result)
    made: list[BookResult] = []
    if with_books:
        made = run_books(kept, out_dir, opts.but(pdf=True), on_result=on_book)
    return BatchOutcome(report, tuple(made))


def books(
    source: str | Path,
    out_dir: str | Path,
    options: Options | None = None,
    *,
    on_book: Callable[[BookResult], None] | None = None,
    on_warning: OnWarning | None = None,
) -> list[BookResult]:
    """Write each office's books (one per fiscal year and round) of ``source`` under ``out_dir``."""
    opts = options or Options(pdf=True)
    return run_books(_records(source, opts, on_warning), out_dir, opts, on_result=on_book)


def _keeping(records: Iterable[Record], kept: list[Record]) -> Iterator[Record]:
    for rec in records:
        kept.append(rec)
        yield rec
