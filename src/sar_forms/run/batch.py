"""Many records -> forms on disk, with a manifest; never prints (the CLI shows progress).

A bad record never stops a batch: it is reported with its source, sheet, row, field and message,
the others are produced, and the report says the batch failed. Records render in parallel on
any ``concurrent.futures.Executor``: by default a process pool on all cores, or, for a batch
larger than one machine, a Dask cluster's executor (``client.get_executor()``). Every file is
written atomically, and each finished record is journalled at once, so an interrupted batch
(Ctrl-C, kill) leaves no half-written file and ``resume=True`` finishes the rest.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._deferred import on_first_call
from .._fs import check_within, make_folder
from ..errors import InputError, OutputError, SarFormsError
from ..forms.naming import NAME_BYTES, name_change, name_cut, output_paths, safe_name
from ..forms.options import CHUNK, Options
from ..forms.produce import FormProducer
from ..inputs.tables import Record
from ..messages import say
from .manifest import (
    JOURNAL,
    BatchReport,
    Result,
    Status,
    input_sha256,
    previous_results,
    remove_stale_temporaries,
    up_to_date,
    write_manifest,
)
from .scheduler import PUSHED_GROUP, Scheduler
from .summary import write_summary
from .workers import InlineExecutor, Job, die_with

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from ..pdf.convert import LibreOfficeConverter
else:  # loaded when a PDF batch starts LibreOffice, and when records render in a pool of processes
    LibreOfficeConverter = on_first_call("sar_forms.pdf.convert", "LibreOfficeConverter")
    ProcessPoolExecutor = on_first_call("concurrent.futures.process", "ProcessPoolExecutor")

__all__ = ["CHUNK", "PUSHED_GROUP", "run_batch"]


def run_batch(
    records: Iterable[Record],
    out_dir: str | Path,
    options: Options | None = None,
    *,
    executor: Executor | None = None,
    on_result: Callable[[Result], None] | None = None,
    **changes: Any,
) -> BatchReport:
    """Produce every record under ``out_dir`` as ``options`` say; write the manifest and the summary.

    Keywords naming :class:`Options` fields (``pdf=True, converter=...``) change ``options``
    for this run, as before the options value existed. Rendering runs on ``executor`` (any
    ``concurrent.futures.Executor``, e.g. a Dask client's); without one, on ``jobs`` processes
    (default: one per core; 1 renders in this process), less the cores local LibreOffice workers
    convert on in a PDF batch (so by default a PDF batch renders in this process: rendering is a
    tenth of a form's cost there). PDFs are converted here, by the options' converter (any
    :class:`~sar_forms.pdf.convert.Converter`), on as many threads as it converts at once;
    without one, ``jobs`` local LibreOffice workers are started and closed again when this
    returns, however it returns. ``chunk`` forms at most are converted as one merged document and
    split again (a failed chunk is converted form by form). With ``resume``, records whose
    outputs are up to date (same data, template and options, files unchanged) are skipped.
    """
    start = time.perf_counter()
    opts = (options or Options()).but(**changes)
    out = make_folder(out_dir)
    cores = opts.jobs or os.cpu_count() or 1
    with contextlib.ExitStack() as stack:
        converter = opts.converter
        if opts.pdf and converter is None:
            converter = stack.enter_context(
                contextlib.closing(LibreOfficeConverter(workers=cores, timeout=opts.timeout))
            )
        producer = FormProducer.of(opts, converter)
        if opts.pdf:
            producer.check_font()  # before any work: a wrong font would spoil every PDF
        remove_stale_temporaries(out)
        results: list[Result] = []
        planned = _plan(records, out, opts, results, on_result)
        converters = converter.concurrency if opts.pdf and converter is not None else 1
        # the first jobs, enough to tell a small batch: its chunks shrink to keep every converter busy
        chunk = opts.chunk
        head = list(itertools.islice(planned, chunk * converters))
        if len(head) < chunk * converters:
            chunk = max(1, -(-len(head) // converters))
        # LibreOffice's local workers take their cores; rendering (5 ms a form, against
        # LibreOffice's 60) gets what is left, and in this process when that is one core or none:
        # a pool there would only add its start (imports, the word list: 1.5 s a process) and
        # the pickling of every record (measured, 980 forms on 2 cores: 43.5 -> 41.7 s)
        free = cores - (converter.local_workers if opts.pdf and converter is not None else 0)
        renders = executor or _render_executor(stack, free, len(head))
        converts = stack.enter_context(ThreadPoolExecutor(max_workers=converters))
        # a few records per worker in flight keep every worker busy; memory stays flat
        window = 4 * cores + 2 + (2 * converters * chunk if opts.pdf else 0)
        scheduler = Scheduler(
            results, _then(head, planned), producer, out, window=window, chunk=chunk, on_result=on_result
        )
        try:
            scheduler.run(renders, converts)
        finally:
            converts.shutdown(wait=True, cancel_futures=True)
            if renders is not executor and not isinstance(renders, InlineExecutor):  # the pool made here
                renders.shutdown(wait=True, cancel_futures=True)
            report = BatchReport(out, results, time.perf_counter() - start)
            write_manifest(report)
            if report.count(Status.NOT_RUN) == 0:
                (out / JOURNAL).unlink(missing_ok=True)
    write_summary(report)
    return report


def _render_executor(stack: contextlib.ExitStack, free: int, jobs: int) -> Executor:
    """Where records render: this process when one core or none is free (or one job), else a pool."""
    if free <= 1 or jobs <= 1:
        return InlineExecutor()
    return stack.enter_context(ProcessPoolExecutor(max_workers=free, initializer=die_with, initargs=(os.getpid(),)))


def _then(first: list[tuple[int, Job]], rest: Iterator[tuple[int, Job]]) -> Iterator[tuple[int, Job]]:
    """``first``'s items, each let go once handed on, then ``rest``'s."""
    first.reverse()
    while first:
        yield first.pop()
    yield from rest


def _plan(
    records: Iterable[Record],
    out_dir: Path,
    opts: Options,
    results: list[Result],
    on_result: Callable[[Result], None] | None,
) -> Iterator[tuple[int, Job]]:
    """Read ``records`` one at a time: append each one's result as far as it is known before
    rendering to ``results`` (telling ``on_result`` of those already settled: skipped, or bad
    input), and yield the jobs to run with the index of their result. Nothing of a record is
    kept but its result: a batch's memory does not grow with its forms' text."""
    previous = previous_results(out_dir) if opts.resume else {}
    settings = opts.settings_key()
    claimed: dict[Path, tuple[str, str]] = {}  # output path -> (record id, short name as written)

    def settled(res: Result) -> None:
        results.append(res)
        if on_result:
            on_result(res)

    for rec in records:
        res = Result(id=rec.id, source=rec.source, location=rec.location, status=Status.NOT_RUN)
        if rec.assessment is None:
            settled(res.failed(rec.error or SarFormsError("no data")))
            continue
        a = rec.assessment
        res = replace(
            res,
            office=a.office.short_name,
            indicator=a.indicator.code,
            fiscal_year=a.fiscal_year,
            round=a.round,
            level=a.level,
        )
        docx_path, pdf_path = output_paths(out_dir, a)
        if docx_path in claimed:
            other, other_name = claimed[docx_path]
            if other_name == a.office.short_name:
                why = say("batch.same_form", other=repr(other))
            else:  # two short names that make one file name (".." and " . " both become "_")
                why = say(
                    "batch.same_file", name=repr(a.office.short_name), other=repr(other), other_name=repr(other_name)
                )
            settled(
                res.failed(InputError([("office.short_name", why)], source=rec.source, record=rec.location or None))
            )
            continue
        try:  # a planted link (OUT/สพป.อด.2 -> /elsewhere) would take the files out of the folder
            check_within(out_dir, docx_path)
        except OutputError as exc:
            settled(res.failed(exc))
            continue
        claimed[docx_path] = (rec.id, a.office.short_name)
        notes: list[str] = []
        change = name_change(a.office.short_name)
        if change:  # told, not silent: สพม.มห. is the folder สพม.มห
            safe = safe_name(a.office.short_name)
            why = say(f"naming.{change}")
            notes.append(say("batch.name_changed", safe=repr(safe), name=repr(a.office.short_name), why=why))
        if name_cut(a):
            notes.append(say("batch.name_cut", limit=NAME_BYTES, name=docx_path.name))
        res = replace(
            res,
            notes=tuple(notes),
            docx=str(docx_path.relative_to(out_dir)),
            pdf=str(pdf_path.relative_to(out_dir)) if opts.pdf else "",
            input_sha256=input_sha256(a, settings),
        )
        skipped = up_to_date(previous.get(rec.id), res, out_dir, opts.pdf) if opts.resume else None
        if skipped is not None:
            settled(skipped)
            continue
        results.append(res)
        yield len(results) - 1, Job(a, opts.template, opts.digits, opts.pdf)
