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
import csv
import ctypes
import datetime as dt
import functools
import hashlib
import io
import itertools
import json
import os
import re
import signal
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill

from .._fs import TEMP_PREFIX, atomic_write, make_folder
from .._version import __version__
from ..domain.catalog import sorted_codes
from ..domain.models import Assessment
from ..errors import InputError, SarFormsError
from ..forms.context import Digits
from ..forms.produce import FormProducer, document_date
from ..forms.render import default_template
from ..inputs.tables import Record
from ..pdf.convert import Converter, LibreOfficeConverter
from ..pdf.recipe import Pushed

__all__ = ["BatchReport", "Result", "Status", "output_paths", "run_batch", "safe_name"]

MANIFEST_JSON, MANIFEST_CSV, JOURNAL, SUMMARY = "manifest.json", "manifest.csv", ".manifest.jsonl", "summary.xlsx"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


#: Forms converted in one merged document, at most: LibreOffice's cost per document loaded is
#: paid once per chunk (see benchmarks/pdf.py); a chunk that fails costs its forms a second try.
CHUNK = 10

#: Chunks whose forms with a heading pushed to the next page (about one in ten) are converted
#: again together, once all those chunks are done: a second conversion in chunks, not one or
#: two forms at a time, at LibreOffice's full cost per load.
PUSHED_GROUP = 10

#: File systems count a name's bytes (255 at most), and Thai takes 3 bytes a letter in UTF-8; a
#: temporary beside the file adds 25 (".sar-forms." and mkstemp's random part and ".part").
NAME_BYTES = 200


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


def _name_cut(a: Assessment) -> bool:
    """Whether :func:`output_paths` had to cut the office's short name."""
    return _stem(a) != _stem(a, limit=1 << 20)


class Status(str, Enum):
    """What became of a record."""

    PRODUCED = "produced"
    SKIPPED = "skipped"  # its files were up to date (resume)
    FAILED = "failed"
    NOT_RUN = "not run"  # the batch stopped before it

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Result:
    """What became of one record: its files and their sha256s, or the error that stopped it.

    ``error`` is the typed exception (an :class:`~sar_forms.errors.InputError` with its
    ``problems``, a :class:`~sar_forms.errors.ConversionError` with LibreOffice's stderr, ...);
    ``errors`` its text, as the manifest shows it.
    """

    id: str
    source: str
    location: str
    status: Status
    office: str = ""
    indicator: str = ""
    fiscal_year: int | None = None
    round: int | None = None
    level: int | None = None
    docx: str = ""
    docx_sha256: str = ""
    pdf: str = ""
    pdf_sha256: str = ""
    input_sha256: str = ""
    notes: tuple[str, ...] = ()  # what was done to the record on the way, e.g. a file name cut short
    errors: tuple[str, ...] = ()
    seconds: float = 0.0
    error: SarFormsError | None = field(default=None, compare=False, repr=False)

    def row(self) -> dict[str, Any]:
        """The manifest's row: every field but the exception object, status as its text."""
        row = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "error"}
        row["status"], row["errors"], row["notes"] = self.status.value, list(self.errors), list(self.notes)
        return row

    def failed(self, error: SarFormsError, seconds: float = 0.0) -> Result:
        return replace(self, status=Status.FAILED, error=error, errors=(str(error),), seconds=round(seconds, 4))


@dataclass
class BatchReport:
    """All results of a batch, in input order."""

    out_dir: Path
    results: list[Result]
    seconds: float

    def count(self, status: Status | str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def ok(self) -> bool:
        return all(r.status in (Status.PRODUCED, Status.SKIPPED) for r in self.results)


@dataclass(frozen=True)
class _Job:
    """What a render worker needs of a record (picklable: it may cross to another process)."""

    assessment: Assessment
    template: Path | None
    digits: Digits
    pdf: bool


@dataclass(frozen=True)
class _Rendered:
    docx: bytes = b""
    pdf_copy: bytes = b""
    seconds: float = 0.0
    error: SarFormsError | None = None


@functools.lru_cache(maxsize=8)
def _producer(template: Path | None, digits: Digits) -> FormProducer:
    """A render worker's producer (and so its prepared templates), kept for the process's life."""
    return FormProducer(template, digits=digits)


def _render(job: _Job) -> _Rendered:
    """Render one record's .docx (and its copy for PDF): runs in a worker process."""
    start = time.perf_counter()
    try:
        producer = _producer(job.template, job.digits)
        docx = producer.docx(job.assessment)
        copy = producer.pdf_copy(job.assessment) if job.pdf else b""
        return _Rendered(docx, copy, time.perf_counter() - start)
    except SarFormsError as exc:
        return _Rendered(seconds=time.perf_counter() - start, error=exc)
    except Exception as exc:  # an unexpected fault in one record is reported, not fatal to the batch
        return _Rendered(
            seconds=time.perf_counter() - start, error=SarFormsError(f"unexpected {type(exc).__name__}: {exc}")
        )


def _die_with(parent: int) -> None:
    """A render worker ends when the batch's process does, even when that one is killed (-9):
    Linux sends it SIGKILL then (PR_SET_PDEATHSIG); elsewhere the pool's own shutdown ends it."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the batch died before the line above ran
        os._exit(1)


class _InlineExecutor(Executor):
    """Runs each task at once, in this thread: ``jobs=1`` takes the same path as a pool."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        fut: Future[Any] = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            fut.set_exception(exc)
        return fut


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed run left (``.sar-forms.<name>.<random>.part``): never outputs."""
    for tmp in out_dir.rglob(f"{TEMP_PREFIX}*.part*"):
        if tmp.is_file():
            tmp.unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _input_sha256(a: Assessment, settings: bytes) -> str:
    """Everything an output depends on: the data, and the template's bytes, options and version."""
    return hashlib.sha256(a.model_dump_json().encode("utf-8") + settings).hexdigest()


def _settings(template: Path | None, digits: str, pdf: bool, pdfa: bool) -> bytes:
    template_sha = hashlib.sha256((template or default_template()).read_bytes()).hexdigest()
    return json.dumps([template_sha, digits, pdf, pdfa, __version__]).encode("utf-8")


def _previous(out_dir: Path) -> dict[str, dict[str, Any]]:
    """Results of earlier runs: the manifest, and the journal of a run that was interrupted."""
    seen: dict[str, dict[str, Any]] = {}
    manifest = out_dir / MANIFEST_JSON
    if manifest.exists():
        try:
            for r in json.loads(manifest.read_text(encoding="utf-8"))["records"]:
                seen[r["id"]] = r
        except (ValueError, KeyError, TypeError):
            pass  # a damaged manifest only means nothing is skipped
    journal = out_dir / JOURNAL
    if journal.exists():
        for line in journal.read_text(encoding="utf-8").splitlines():
            try:
                r = json.loads(line)
                seen[r["id"]] = r
            except (ValueError, KeyError, TypeError):
                continue  # the last line of a killed run may be cut short
    return seen


def _up_to_date(prev: dict[str, Any] | None, res: Result, out_dir: Path, pdf: bool) -> Result | None:
    """``res`` as skipped if the earlier run's files are there, unchanged, from the same input."""
    if not prev or prev.get("status") not in ("produced", "skipped") or prev.get("input_sha256") != res.input_sha256:
        return None
    wanted = [("docx", "docx_sha256")] + ([("pdf", "pdf_sha256")] if pdf else [])
    for key, sha in wanted:
        path = out_dir / str(prev.get(key) or "")
        if not prev.get(key) or not path.is_file() or _sha256(path) != prev.get(sha):
            return None
    return replace(
        res,
        status=Status.SKIPPED,
        docx_sha256=prev.get("docx_sha256", ""),
        pdf_sha256=prev.get("pdf_sha256", "") if pdf else "",
    )


def run_batch(
    records: Iterable[Record],
    out_dir: str | Path,
    *,
    pdf: bool = False,
    pdfa: bool = False,
    jobs: int | None = None,
    executor: Executor | None = None,
    converter: Converter | None = None,
    resume: bool = False,
    template: str | Path | None = None,
    digits: Digits = "arabic",
    timeout: float = 120.0,
    chunk: int = CHUNK,
    on_result: Callable[[Result], None] | None = None,
) -> BatchReport:
    """Produce every record under ``out_dir``; write the manifest and the summary workbook.

    Rendering runs on ``executor`` (any ``concurrent.futures.Executor``, e.g. a Dask client's);
    without one, on ``jobs`` processes (default: one per core; 1 renders in this process), less
    the cores local LibreOffice workers convert on in a PDF batch (so by default a PDF batch
    renders in this process: rendering is a tenth of a form's cost there).
    PDFs are converted here, by ``converter`` (any :class:`~sar_forms.convert.Converter`: local
    LibreOffice workers, remote unoservers, a test's fake), on as many threads as it has
    workers; without one, ``jobs`` local LibreOffice workers are started and closed again when
    this returns, however it returns. ``chunk`` forms at most are converted as one merged
    document and split again (a failed chunk is converted form by form). With ``resume``, records whose outputs are up to date
    (same data, template and options, files unchanged) are skipped.
    """
    start = time.perf_counter()
    out_dir = make_folder(out_dir)
    template_path = Path(template) if template is not None else None
    cores = jobs or os.cpu_count() or 1
    with contextlib.ExitStack() as stack:
        if pdf and converter is None:
            converter = stack.enter_context(contextlib.closing(LibreOfficeConverter(workers=cores, timeout=timeout)))
        producer = FormProducer(template_path, digits=digits, converter=converter, pdfa=pdfa)
        if pdf:
            producer.check_font()  # before any work: a wrong font would spoil every PDF
        _remove_stale_temporaries(out_dir)
        results: list[Result] = []
        planned = _plan(
            records,
            out_dir,
            pdf,
            resume,
            _settings(template_path, digits, pdf, pdfa),
            template_path,
            digits,
            results,
            on_result,
        )
        converters = _workers(converter) if pdf else 1
        # the first jobs, enough to tell a small batch: its chunks shrink to keep every converter busy
        head = list(itertools.islice(planned, chunk * converters))
        if len(head) < chunk * converters:
            chunk = max(1, -(-len(head) // converters))
        jobs_to_run = _then(head, planned)
        # LibreOffice's local workers take their cores; rendering (5 ms a form, against
        # LibreOffice's 60) gets what is left, and in this process when that is one core or none:
        # a pool there would only add its start (imports, the word list: 1.5 s a process) and
        # the pickling of every record (measured, 980 forms on 2 cores: 43.5 -> 41.7 s)
        free = cores - (getattr(converter, "local_workers", 0) if pdf else 0)
        renders: Executor
        if executor is not None:
            renders = executor
        elif free <= 1 or len(head) <= 1:
            renders = _InlineExecutor()
        else:
            renders = stack.enter_context(
                ProcessPoolExecutor(max_workers=free, initializer=_die_with, initargs=(os.getpid(),))
            )
        converts = stack.enter_context(ThreadPoolExecutor(max_workers=converters))
        try:
            # a few records per worker in flight keep every worker busy; memory stays flat
            window = 4 * cores + 2 + (2 * converters * chunk if pdf else 0)
            _run(results, jobs_to_run, renders, converts, producer, out_dir, on_result, window, chunk)
        finally:
            converts.shutdown(wait=True, cancel_futures=True)
            if isinstance(renders, ProcessPoolExecutor):
                renders.shutdown(wait=True, cancel_futures=True)
            report = BatchReport(out_dir, results, time.perf_counter() - start)
            write_manifest(report)
            if report.count(Status.NOT_RUN) == 0:
                (out_dir / JOURNAL).unlink(missing_ok=True)
    write_summary(report)
    return report


def _then(first: list[tuple[int, _Job]], rest: Iterator[tuple[int, _Job]]) -> Iterator[tuple[int, _Job]]:
    """``first``'s items, each let go once handed on, then ``rest``'s."""
    first.reverse()
    while first:
        yield first.pop()
    yield from rest


def _workers(converter: Converter | None) -> int:
    return max(1, len(getattr(converter, "workers", ()) or ()) or 1)


def _plan(
    records: Iterable[Record],
    out_dir: Path,
    pdf: bool,
    resume: bool,
    settings: bytes,
    template: Path | None,
    digits: Digits,
    results: list[Result],
    on_result: Callable[[Result], None] | None,
) -> Iterator[tuple[int, _Job]]:
    """Read ``records`` one at a time: append each one's result as far as it is known before
    rendering to ``results`` (telling ``on_result`` of those already settled: skipped, or bad
    input), and yield the jobs to run with the index of their result. Nothing of a record is
    kept but its result: a batch's memory does not grow with its forms' text."""
    previous = _previous(out_dir) if resume else {}
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
                why = f"the same office, indicator, fiscal year and round as record {other!r}; one form each"
            else:  # two short names that make one file name (".." and " . " both become "_")
                why = (
                    f"the short name {a.office.short_name!r} makes the same file name as record {other!r}'s "
                    f"{other_name!r}; make the short names differ"
                )
            settled(
                res.failed(InputError([("office.short_name", why)], source=rec.source, record=rec.location or None))
            )
            continue
        claimed[docx_path] = (rec.id, a.office.short_name)
        if _name_cut(a):
            cut = f"the office's short name is cut to fit a file name ({NAME_BYTES} bytes): {docx_path.name}"
            res = replace(res, notes=(cut,))
        res = replace(
            res,
            docx=str(docx_path.relative_to(out_dir)),
            pdf=str(pdf_path.relative_to(out_dir)) if pdf else "",
            input_sha256=_input_sha256(a, settings),
        )
        skipped = _up_to_date(previous.get(rec.id), res, out_dir, pdf) if resume else None
        if skipped is not None:
            settled(skipped)
            continue
        results.append(res)
        yield len(results) - 1, _Job(a, template, digits, pdf)


def _run(
    results: list[Result],
    todo: Iterator[tuple[int, _Job]],
    renders: Executor,
    converts: Executor,
    producer: FormProducer,
    out_dir: Path,
    on_result: Callable[[Result], None] | None,
    window: int,
    chunk: int,
) -> None:
    """Render on ``renders`` and convert on ``converts``, at most ``window`` records in flight;
    every finished record is journalled at once (``--resume`` after a kill).

    PDFs are converted ``chunk`` forms at a time (one merged conversion, split again: see
    :meth:`FormProducer.pdfs_from_copies`). The chunks are fixed by input order, never by which
    render finishes first: a merged PDF's font subsets hold the glyphs of all its forms, so a
    form's PDF bytes depend on its chunk, and the same input must give the same bytes. Forms
    whose heading had to be pushed are converted again once every chunk of their group
    (:data:`PUSHED_GROUP`) is done, together and by input order, for the same reason.
    """
    pending = todo
    chunk_of: dict[int, int] = {}  # result index -> its chunk, by the order jobs are read in
    sizes: dict[int, int] = {}  # chunk -> jobs read into it so far (all of them once ``ended``)
    read, ended = 0, False
    renders_inflight: dict[Future[Any], tuple[int, _Job, float]] = {}
    # conversions: the chunk's number (None: forms pushed, converted again) and its members
    chunks_inflight: dict[Future[Any], tuple[int | None, list[tuple[int, float]]]] = {}
    # per chunk, its members rendered so far: (started, copy for PDF, date), or None if the render failed
    gathering: dict[int, dict[int, tuple[float, bytes, dt.datetime] | None]] = {}
    # per group of PUSHED_GROUP chunks: how many are done, and their forms pushed (index, started, form)
    groups: dict[int, tuple[list[int], list[tuple[int, float, Pushed]]]] = {}
    with (out_dir / JOURNAL).open("a", encoding="utf-8") as journal:

        def finish(i: int, res: Result) -> None:
            results[i] = res
            journal.write(json.dumps(res.row(), ensure_ascii=False) + "\n")
            journal.flush()
            if on_result:
                on_result(res)

        def in_flight() -> int:
            # not the forms pushed: a group holds a bounded few until its last chunk is done
            held = sum(m is not None for members in gathering.values() for m in members.values())
            return len(renders_inflight) + held + sum(len(c) for _n, c in chunks_inflight.values())

        def fill() -> None:
            nonlocal read, ended
            while not ended and in_flight() < window:
                nxt = next(pending, None)
                if nxt is None:
                    ended = True  # the last chunk holds what it has: send those already gathered
                    for number in [n for n, members in gathering.items() if len(members) == sizes[n]]:
                        send(number)
                    for group in list(groups):
                        group_done(group)
                    return
                i, job = nxt
                if job.pdf:
                    number, read = read // chunk, read + 1
                    chunk_of[i] = number
                    sizes[number] = sizes.get(number, 0) + 1
                renders_inflight[renders.submit(_render, job)] = (i, job, time.perf_counter())

        def gathered(i: int, member: tuple[float, bytes, dt.datetime] | None) -> None:
            """Record a chunk's member rendered (or failed); send the chunk once all are in."""
            number = chunk_of.pop(i)
            members = gathering.setdefault(number, {})
            members[i] = member
            if len(members) == chunk or (ended and len(members) == sizes[number]):
                send(number)

        def send(number: int) -> None:
            members = gathering.pop(number)
            del sizes[number]
            batch = [(j, m) for j, m in sorted(members.items()) if m is not None]
            if not batch:
                chunk_done(number, [])
                return
            fut = converts.submit(
                producer.pdfs_from_copies, [m[1] for _j, m in batch], [m[2] for _j, m in batch], defer_pushed=True
            )
            chunks_inflight[fut] = (number, [(j, m[0]) for j, m in batch])

        def chunk_done(number: int, pushed: list[tuple[int, float, Pushed]]) -> None:
            group = number // PUSHED_GROUP
            done, held = groups.setdefault(group, ([], []))
            done.append(number)
            held += pushed
            group_done(group)

        def group_done(group: int) -> None:
            """Once all chunks of a group are done, convert its forms pushed together (by input
            order, so the same input makes the same chunks and bytes)."""
            done, held = groups[group]
            chunks = PUSHED_GROUP
            if ended:  # the last group may hold fewer
                chunks = min(PUSHED_GROUP, -(-read // chunk) - group * PUSHED_GROUP)
            if len(done) < chunks:
                return
            del groups[group]
            held.sort(key=lambda item: item[0])
            for start in range(0, len(held), chunk):
                part = held[start : start + chunk]
                fut = converts.submit(producer.pdfs_from_pushed, [item[2] for item in part])
                chunks_inflight[fut] = (None, [(i, started) for i, started, _item in part])

        fill()
        while renders_inflight or chunks_inflight:
            done, _ = wait([*renders_inflight, *chunks_inflight], return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=lambda f: f in chunks_inflight):
                if fut in chunks_inflight:
                    number, members = chunks_inflight.pop(fut)
                    try:
                        pdfs: list[bytes | SarFormsError | Pushed] = fut.result()
                    except SarFormsError as exc:  # not the forms' fault: each is told
                        pdfs = [exc] * len(members)
                    pushed = []
                    for (i, started), data in zip(members, pdfs, strict=True):
                        res = results[i]
                        if isinstance(data, Pushed):
                            pushed.append((i, started, data))
                        elif isinstance(data, SarFormsError):
                            finish(i, res.failed(data, time.perf_counter() - started))
                        else:
                            atomic_write(out_dir / res.pdf, data)
                            res = replace(res, pdf_sha256=hashlib.sha256(data).hexdigest())
                            seconds = round(time.perf_counter() - started, 4)
                            finish(i, replace(res, status=Status.PRODUCED, seconds=seconds))
                    if number is not None:
                        chunk_done(number, pushed)
                    continue
                i, job, started = renders_inflight.pop(fut)
                res = results[i]
                rendered: _Rendered = fut.result()
                if rendered.error is not None:
                    finish(i, res.failed(rendered.error, rendered.seconds))
                    if res.pdf:
                        gathered(i, None)
                    continue
                atomic_write(out_dir / res.docx, rendered.docx)
                res = replace(res, docx_sha256=hashlib.sha256(rendered.docx).hexdigest())
                if res.pdf:
                    results[i] = res
                    gathered(i, (started, rendered.pdf_copy, document_date(job.assessment)))
                    continue
                finish(i, replace(res, status=Status.PRODUCED, seconds=round(time.perf_counter() - started, 4)))
            fill()


def write_manifest(report: BatchReport) -> None:
    """manifest.json and manifest.csv: every record's status, paths, sha256 and errors."""
    rows = [r.row() for r in report.results]
    doc = {
        "produced": report.count(Status.PRODUCED), "skipped": report.count(Status.SKIPPED),
        "failed": report.count(Status.FAILED), "not_run": report.count(Status.NOT_RUN),
        "seconds": round(report.seconds, 3), "records": rows,
    }  # fmt: skip
    atomic_write(report.out_dir / MANIFEST_JSON, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
    buf = io.StringIO()
    columns = [f.name for f in fields(Result) if f.name not in ("seconds", "error")]
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "errors": " | ".join(row["errors"]), "notes": " | ".join(row["notes"])})
    atomic_write(report.out_dir / MANIFEST_CSV, buf.getvalue().encode("utf-8-sig"))


def write_summary(report: BatchReport) -> Path:
    """summary.xlsx: per fiscal year, a sheet of office x indicator -> level, colour-scaled, and a
    sheet of the failures. Years never share a cell: FY 2565 level 5 and FY 2566 level 2 of one
    office and indicator stand on two sheets."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    done = [r for r in report.results if r.office and r.indicator and r.fiscal_year]
    years: list[int | None] = [*sorted({r.fiscal_year for r in done if r.fiscal_year})] or [None]
    for year in years:
        ws = wb.create_sheet(f"ปีงบประมาณ {year}" if year else "สรุประดับคุณภาพ")
        of_year = [r for r in done if r.fiscal_year == year]
        offices = sorted({r.office for r in of_year})
        codes = sorted_codes({r.indicator for r in of_year})
        ws.append(["สำนักงานเขตพื้นที่การศึกษา", *[f"ตัวบ่งชี้ {c}" for c in codes]])
        for cell in ws[1]:
            cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")
            cell.alignment = Alignment(horizontal="center")
        level = {
            (r.office, r.indicator): (r.level if r.status in (Status.PRODUCED, Status.SKIPPED) else "✗")
            for r in of_year
        }
        for office in offices:
            ws.append([office, *[level.get((office, c), "") for c in codes]])
        ws.column_dimensions["A"].width = 28
        if codes and offices:
            area = f"B2:{openpyxl.utils.get_column_letter(len(codes) + 1)}{len(offices) + 1}"
            ws.conditional_formatting.add(
                area,
                ColorScaleRule(
                    start_type="num",
                    start_value=1,
                    start_color="F8696B",
                    mid_type="num",
                    mid_value=3,
                    mid_color="FFEB84",
                    end_type="num",
                    end_value=5,
                    end_color="63BE7B",
                ),
            )
            for row in ws.iter_rows(min_row=2, min_col=2):
                for cell in row:
                    cell.alignment = Alignment(horizontal="center")
        ws.append([])
        ws.append([f"ปีงบประมาณ {year}; ✗ = not produced (see sheet failures)" if year else "no form was produced"])
    fails = wb.create_sheet("failures")
    fails.append(["record", "source", "location", "status", "errors"])
    for r in report.results:
        if r.status not in (Status.PRODUCED, Status.SKIPPED):
            fails.append([r.id, r.source, r.location, r.status.value, " | ".join(r.errors)])
    buf = io.BytesIO()
    wb.save(buf)
    return atomic_write(report.out_dir / SUMMARY, buf.getvalue())
