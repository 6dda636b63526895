"""Many records -> forms on disk, with a manifest; never prints (the CLI shows progress).

A bad record never stops a batch: it is reported with its source, sheet, row, field and message,
the others are produced, and the report says the batch failed. Records render in parallel on
any ``concurrent.futures.Executor``: by default a process pool on all cores, or, for a batch
larger than one machine, a Dask cluster's executor (``client.get_executor()``). Every file is
written atomically, and each finished record is journalled at once, so an interrupted batch
(Ctrl-C, kill) leaves no half-written file and ``resume=True`` finishes the rest.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ._fs import atomic_write
from .context import Digits
from .errors import SarFormsError
from .models import Assessment
from .tables import Record

__all__ = ["BatchReport", "Result", "output_paths", "run_batch", "safe_name"]

MANIFEST_JSON, MANIFEST_CSV, JOURNAL, SUMMARY = "manifest.json", "manifest.csv", ".manifest.jsonl", "summary.xlsx"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def safe_name(text: str, *, limit: int = 120) -> str:
    """A file or folder name that is safe on Windows and Linux, keeping Thai as it is.

    Path separators, characters Windows forbids and control characters become ``_``; ``..``
    cannot climb out (dots at the ends are dropped, as Windows drops them); reserved device
    names (CON, NUL, COM1...) get a ``_`` in front; the name is cut to ``limit`` characters.
    """
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", text))
    name = re.sub(r"\.{2,}", ".", name).strip(" .")
    if _WINDOWS_RESERVED.match(name):
        name = "_" + name
    return name[:limit].rstrip(" .") or "_"


def output_paths(out_dir: Path, a: Assessment) -> tuple[Path, Path]:
    """Where a form goes: ``OUT/<office short name>/<short name>_<indicator>_<fiscal year>.docx`` and .pdf."""
    short = safe_name(a.office.short_name)
    stem = safe_name(f"{a.office.short_name}_{a.indicator.code}_{a.fiscal_year}")
    base = out_dir / short / stem
    return base.with_name(stem + ".docx"), base.with_name(stem + ".pdf")


@dataclass
class Result:
    """What became of one record."""

    id: str
    source: str
    location: str
    status: str  # produced | skipped | failed | not run
    office: str = ""
    indicator: str = ""
    fiscal_year: int | None = None
    level: int | None = None
    docx: str = ""
    docx_sha256: str = ""
    pdf: str = ""
    pdf_sha256: str = ""
    input_sha256: str = ""
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class BatchReport:
    """All results of a batch, in input order."""

    out_dir: Path
    results: list[Result]
    seconds: float

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def ok(self) -> bool:
        return all(r.status in ("produced", "skipped") for r in self.results)


@dataclass(frozen=True)
class _Task:
    id: str
    assessment: Assessment
    docx: Path
    pdf: Path | None
    template: Path | None
    digits: Digits
    pdfa: bool
    timeout: float


# The LibreOffice of a process that runs tasks (a pool process or a Dask worker); its renderers
# are cached by render.renderer_for.
_CONVERTER: Any = None
_CONVERTER_LOCK = threading.Lock()  # a Dask worker runs tasks on several threads


def _converter(timeout: float) -> Any:
    """This process's LibreOffice (one per worker process), closed when the process ends."""
    global _CONVERTER
    with _CONVERTER_LOCK:
        if _CONVERTER is None:
            import atexit
            from multiprocessing import util

            from .convert import LibreOfficeConverter

            _CONVERTER = LibreOfficeConverter(workers=1, timeout=timeout)
            # the worker process also ends with its parent (see _uno_worker); closing here is the
            # orderly way, through multiprocessing's exit (Finalize) or the interpreter's (atexit)
            util.Finalize(_CONVERTER, _CONVERTER.close, exitpriority=10)
            atexit.register(_CONVERTER.close)
        return _CONVERTER


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed run left (``.<name>.<random>.part``): never outputs, so removed."""
    for tmp in out_dir.rglob(".*.part*"):
        if tmp.is_file():
            tmp.unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _produce(task: _Task) -> dict[str, Any]:
    """Render one record (and convert it): runs in a worker process."""
    from .convert import docx_to_pdf
    from .render import renderer_for

    start = time.perf_counter()
    try:
        data = renderer_for(task.template, task.digits).render(task.assessment)
        atomic_write(task.docx, data)
        out: dict[str, Any] = {"docx_sha256": hashlib.sha256(data).hexdigest()}
        if task.pdf is not None:
            # the PDF's copy marks Thai word boundaries for LibreOffice's line breaking
            with tempfile.TemporaryDirectory(prefix="sar-forms-") as tmp:
                for_pdf = Path(tmp) / "form.docx"
                for_pdf.write_bytes(renderer_for(task.template, task.digits, word_breaks=True).render(task.assessment))
                docx_to_pdf(for_pdf, task.pdf, _converter(task.timeout), pdfa=task.pdfa)
            out["pdf_sha256"] = _sha256(task.pdf)
        out["seconds"] = time.perf_counter() - start
        return out
    except SarFormsError as exc:
        return {"errors": [str(exc)], "seconds": time.perf_counter() - start}
    except Exception as exc:  # an unexpected fault in one record is reported, not fatal to the batch
        return {"errors": [f"{type(exc).__name__}: {exc}"], "seconds": time.perf_counter() - start}


def _input_sha256(a: Assessment, settings: bytes) -> str:
    """Everything an output depends on: the data, and the template's bytes, options and version."""
    return hashlib.sha256(a.model_dump_json().encode("utf-8") + settings).hexdigest()


def _settings(template: Path | None, digits: str, pdf: bool, pdfa: bool) -> bytes:
    from . import __version__
    from .render import default_template

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


def _up_to_date(prev: dict[str, Any] | None, res: Result, out_dir: Path, pdf: bool) -> bool:
    if not prev or prev.get("status") not in ("produced", "skipped") or prev.get("input_sha256") != res.input_sha256:
        return False
    wanted = [("docx", "docx_sha256")] + ([("pdf", "pdf_sha256")] if pdf else [])
    for key, sha in wanted:
        path = out_dir / str(prev.get(key) or "")
        if not prev.get(key) or not path.is_file() or _sha256(path) != prev.get(sha):
            return False
    res.docx_sha256, res.pdf_sha256 = prev.get("docx_sha256", ""), prev.get("pdf_sha256", "")
    return True


def run_batch(
    records: Iterable[Record],
    out_dir: str | Path,
    *,
    pdf: bool = False,
    pdfa: bool = False,
    jobs: int | None = None,
    executor: Executor | None = None,
    resume: bool = False,
    template: str | Path | None = None,
    digits: Digits = "arabic",
    timeout: float = 120.0,
    on_result: Callable[[Result], None] | None = None,
) -> BatchReport:
    """Produce every record under ``out_dir``; write the manifest and the summary workbook.

    ``executor`` runs the records (any ``concurrent.futures.Executor``, e.g. a Dask client's);
    without one, ``jobs`` processes (default: one per core; 1 runs in this process).
    With ``resume``, records whose outputs are up to date (same data, template and options,
    files unchanged) are skipped.
    """
    start = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    template_path = Path(template) if template is not None else None
    if pdf:
        from .convert import check_thai_font, template_thai_font
        from .fonts import font_environment
        from .render import default_template

        check_thai_font(template_thai_font(template_path or default_template()), font_environment())
    _remove_stale_temporaries(out_dir)
    previous = _previous(out_dir) if resume else {}
    settings = _settings(template_path, digits, pdf, pdfa)
    results: list[Result] = []
    tasks: list[tuple[Result, _Task]] = []
    claimed: dict[Path, str] = {}
    for rec in records:
        res = Result(id=rec.id, source=rec.source, location=rec.location, status="failed")
        results.append(res)
        if rec.assessment is None:
            res.errors = [str(rec.error)] if rec.error else ["no data"]
            continue
        a = rec.assessment
        res.office, res.indicator, res.fiscal_year, res.level = a.office.short_name, a.indicator.code, a.fiscal_year, a.level
        docx_path, pdf_path = output_paths(out_dir, a)
        if docx_path in claimed:
            res.errors = [f"{rec.location or rec.source}: the same office, indicator and fiscal year as record "
                          f"{claimed[docx_path]!r}; one form each"]
            continue
        claimed[docx_path] = rec.id
        res.docx = str(docx_path.relative_to(out_dir))
        res.pdf = str(pdf_path.relative_to(out_dir)) if pdf else ""
        res.input_sha256 = _input_sha256(a, settings)
        if resume and _up_to_date(previous.get(rec.id), res, out_dir, pdf):
            res.status = "skipped"
            continue
        tasks.append((res, _Task(rec.id, a, docx_path, pdf_path if pdf else None, template_path, digits, pdfa, timeout)))

    journal = (out_dir / JOURNAL).open("a", encoding="utf-8")

    def finish(res: Result, out: dict[str, Any]) -> None:
        res.errors = out.get("errors", [])
        res.status = "failed" if res.errors else "produced"
        res.docx_sha256 = out.get("docx_sha256", "")
        res.pdf_sha256 = out.get("pdf_sha256", "")
        res.seconds = round(out.get("seconds", 0.0), 4)
        journal.write(json.dumps(asdict(res), ensure_ascii=False) + "\n")
        journal.flush()
        if on_result:
            on_result(res)

    if on_result:
        for res in results:  # the records settled without rendering: skipped, or bad input
            if res.status == "skipped" or res.errors:
                on_result(res)
    inline = executor is None and ((jobs or os.cpu_count() or 1) == 1 or len(tasks) <= 1)
    try:
        if inline:
            for res, task in tasks:
                finish(res, _produce(task))
        else:
            own = executor is None
            pool = executor or ProcessPoolExecutor(max_workers=jobs or os.cpu_count())
            try:
                pending: dict[Future[dict[str, Any]], Result] = {pool.submit(_produce, t): r for r, t in tasks}
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in done:
                        finish(pending.pop(fut), fut.result())
            finally:
                if own:
                    pool.shutdown(wait=True, cancel_futures=True)
    finally:
        journal.close()
        for res in results:
            if res.status == "failed" and not res.errors:
                res.status = "not run"
        report = BatchReport(out_dir, results, time.perf_counter() - start)
        write_manifest(report)
        if all(r.status != "not run" for r in results):
            (out_dir / JOURNAL).unlink(missing_ok=True)
    write_summary(report)
    return report


def write_manifest(report: BatchReport) -> None:
    """manifest.json and manifest.csv: every record's status, paths, sha256 and errors."""
    rows = [asdict(r) for r in report.results]
    doc = {
        "produced": report.count("produced"), "skipped": report.count("skipped"),
        "failed": report.count("failed"), "not_run": report.count("not run"),
        "seconds": round(report.seconds, 3), "records": rows,
    }  # fmt: skip
    atomic_write(report.out_dir / MANIFEST_JSON, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
    buf = io.StringIO()
    fields = [f for f in Result.__dataclass_fields__ if f != "seconds"]
    writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "errors": " | ".join(row["errors"])})
    atomic_write(report.out_dir / MANIFEST_CSV, buf.getvalue().encode("utf-8-sig"))


def write_summary(report: BatchReport) -> Path:
    """summary.xlsx: office x indicator -> level, colour-scaled, and a sheet of the failures."""
    import openpyxl
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font, PatternFill

    from .catalog import _sorted_codes

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "สรุประดับคุณภาพ"
    done = [r for r in report.results if r.office and r.indicator]
    offices = sorted({r.office for r in done})
    codes = _sorted_codes({r.indicator for r in done})
    years = sorted({r.fiscal_year for r in done if r.fiscal_year})
    ws.append(["สำนักงานเขตพื้นที่การศึกษา", *[f"ตัวบ่งชี้ {c}" for c in codes]])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(horizontal="center")
    level = {(r.office, r.indicator): (r.level if r.status in ("produced", "skipped") else "✗") for r in done}
    for office in offices:
        ws.append([office, *[level.get((office, c), "") for c in codes]])
    ws.column_dimensions["A"].width = 28
    if codes and offices:
        area = f"B2:{openpyxl.utils.get_column_letter(len(codes) + 1)}{len(offices) + 1}"
        ws.conditional_formatting.add(area, ColorScaleRule(start_type="num", start_value=1, start_color="F8696B",
                                                           mid_type="num", mid_value=3, mid_color="FFEB84",
                                                           end_type="num", end_value=5, end_color="63BE7B"))
        for row in ws.iter_rows(min_row=2, min_col=2):
            for cell in row:
                cell.alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append([f"ปีงบประมาณ {', '.join(map(str, years))}; ✗ = not produced (see sheet failures)"])
    fails = wb.create_sheet("failures")
    fails.append(["record", "source", "location", "status", "errors"])
    for r in report.results:
        if r.status not in ("produced", "skipped"):
            fails.append([r.id, r.source, r.location, r.status, " | ".join(r.errors)])
    buf = io.BytesIO()
    wb.save(buf)
    return atomic_write(report.out_dir / SUMMARY, buf.getvalue())
