"""What became of each record of a batch: results, the journal, the manifest, and what --resume skips.

Every finished record is journalled at once (``.manifest.jsonl``), so an interrupted batch (Ctrl-C,
kill) can be resumed; at the end ``manifest.json`` and ``manifest.csv`` list every record's status,
files, sha256s and errors. A record is up to date when the earlier run's files are there,
unchanged (their sha256), from the same input (the data, the template's bytes, the options and
the version)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from pathlib import Path
from typing import Any

from .._fs import TEMP_PREFIX, atomic_write
from ..domain.models import Assessment
from ..errors import SarFormsError

__all__ = [
    "JOURNAL",
    "MANIFEST_CSV",
    "MANIFEST_JSON",
    "SUMMARY",
    "BatchReport",
    "Result",
    "Status",
    "input_sha256",
    "previous_results",
    "remove_stale_temporaries",
    "up_to_date",
    "write_manifest",
]

MANIFEST_JSON = "manifest.json"
MANIFEST_CSV = "manifest.csv"
JOURNAL = ".manifest.jsonl"  # one line per finished record, for --resume after a kill
SUMMARY = "summary.xlsx"


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


def remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed run left (``.sar-forms.<name>.<random>.part``): never outputs."""
    for tmp in out_dir.rglob(f"{TEMP_PREFIX}*.part*"):
        if tmp.is_file():
            tmp.unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_sha256(a: Assessment, settings: bytes) -> str:
    """Everything an output depends on: the data, and the template's bytes, options and version."""
    # the bytes model_dump_json() decodes to text (pydantic's SchemaSerializer.to_json), as they are
    return hashlib.sha256(a.__pydantic_serializer__.to_json(a) + settings).hexdigest()


def previous_results(out_dir: Path) -> dict[str, dict[str, Any]]:
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


def up_to_date(prev: dict[str, Any] | None, res: Result, out_dir: Path, pdf: bool) -> Result | None:
    """``res`` as skipped if the earlier run's files are there, unchanged, from the same input."""
    if not prev or prev.get("status") not in ("produced", "skipped") or prev.get("input_sha256") != res.input_sha256:
        return None
    wanted = [("docx", "docx_sha256")] + ([("pdf", "pdf_sha256")] if pdf else [])
    for key, sha in wanted:
        # only the file this run would write counts: a manifest is a file anyone could have put
        # there, naming /etc/passwd with its sha256 as a form's output
        if prev.get(key) != getattr(res, key):
            return None
        path = out_dir / getattr(res, key)
        if path.is_symlink() or not path.is_file() or _sha256(path) != prev.get(sha):
            return None
    return replace(
        res,
        status=Status.SKIPPED,
        docx_sha256=prev.get("docx_sha256", ""),
        pdf_sha256=prev.get("pdf_sha256", "") if pdf else "",
    )


#: What a spreadsheet takes a cell's text for a formula by (OWASP, "CSV Injection"): = + - @ and
#: the tab and carriage return that some programs skip before them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    """A CSV cell's text as text, whatever program opens the file: one that a spreadsheet would
    read as a formula (a short name ``=HYPERLINK(...)``) gets a ``'`` in front, as OWASP advises."""
    return "'" + text if text.startswith(_FORMULA_START) else text


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
        cells = {**row, "errors": " | ".join(row["errors"]), "notes": " | ".join(row["notes"])}
        writer.writerow({k: _inert(v) if isinstance(v, str) else v for k, v in cells.items()})
    atomic_write(report.out_dir / MANIFEST_CSV, buf.getvalue().encode("utf-8-sig"))
