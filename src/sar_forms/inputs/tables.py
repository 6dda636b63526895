"""Assessments from tables: the batch workbook (.xlsx), CSV, and folders of YAML/JSON files.

The workbook is for office staff filling it in by hand (docs/workbook.md): a "forms" sheet with
one row per office and indicator, multi-line cells for list items, an "evidence" sheet linked
by form id, and drop-downs where a value comes from a list. Every record carries where it came
from (file, sheet, row), so that an error names the cell to fix.
"""

from __future__ import annotations

import collections
import csv
import itertools
import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from .._deferred import on_first_call
from ..domain.catalog import Catalog, default_catalog
from ..domain.models import Assessment
from ..errors import InputError
from ..messages import say
from ..ooxml.zipped import check_xml_sizes
from .sources import read_data, validate_assessment

if TYPE_CHECKING:
    from ..forms.importer import import_docx
else:  # when a folder first holds a .docx: a batch of YAML files never needs the Word importer
    import_docx = on_first_call("sar_forms.forms.importer", "import_docx")


__all__ = ["FORM_COLUMNS", "EVIDENCE_COLUMNS", "Record", "column_letter", "count_records", "read_records"]

# key: (Thai label, what goes in it)
FORM_COLUMNS: dict[str, tuple[str, str]] = {
    "form_id": ("รหัสแบบฟอร์ม", "any unique id of the row, used by the evidence sheet (e.g. udon2-1.2)"),
    "office_name": ("ชื่อสำนักงานเขตพื้นที่การศึกษา", "full name, e.g. สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2"),
    "office_short_name": ("ชื่อย่อ", "e.g. สพป.อด.2; names the output folder and files"),
    "office_kind": ("ประเภท", "สพป. or สพม. (drop-down)"),
    "province": ("จังหวัด", "e.g. อุดรธานี"),
    "area": ("เขต", "area number; empty where a province has one office"),
    "fiscal_year": ("ปีงบประมาณ (พ.ศ.)", "Buddhist Era, e.g. 2565"),
    "indicator": ("ตัวบ่งชี้", "code from the catalogue, e.g. 1.2 (drop-down)"),
    "level": ("ระดับคุณภาพ", "1-5 (drop-down)"),
    "process_heading": ("หัวข้อกระบวนการ", "optional; by default from the indicator title"),
    "steps": ("กระบวนการ วิธีการดำเนินงาน", "one item per line; a line starting with - is a sub-item"),
    "results": ("ผลการดำเนินงาน", "one item per line"),
    "problems": ("ปัญหา อุปสรรค", "one item per line"),
    "suggestions": ("ข้อเสนอแนะเพื่อการพัฒนา", "one item per line"),
    "documents": ("เอกสารที่ต้องนำส่ง", "optional, one per line: title | ใช่/ไม่ใช่ (or ส่งแล้ว/ยังไม่ส่ง) | URL"),
    "references": ("เอกสารอ้างอิง", "optional, one per line: label | URL | link text"),
    "notes": ("หมายเหตุ", "optional; one note per line; empty gives the catalogue's notes"),
    # last, so that workbooks made before it keep their columns
    "round": ("รอบการรายงาน", "optional: 6 or 12 (รอบ 6 / 12 เดือน), printed in the page header"),
}
EVIDENCE_COLUMNS: dict[str, tuple[str, str]] = {
    "form_id": ("รหัสแบบฟอร์ม", "the form_id of the row in the forms sheet"),
    "kind": ("ประเภทหลักฐาน", "เอกสารนำส่ง (a document to submit) or อ้างอิง (a reference) (drop-down)"),
    "title": ("ชื่อเอกสาร", "the document's title or the reference's label"),
    "submitted": ("ส่งแล้ว", "ใช่/ไม่ใช่ (or ส่งแล้ว/ยังไม่ส่ง; documents only; drop-down)"),
    "url": ("ลิงก์ (URL)", "optional, http:// or https://"),
    "link_text": ("ข้อความลิงก์", "optional: the words that carry the link, e.g. คลิก"),
}
YES = {"yes", "y", "true", "1", "ใช่", "ส่งแล้ว", "ส่ง", "มี", "x", "✓", "☑"}
NO = {"no", "n", "false", "0", "ไม่ใช่", "ไม่", "ยังไม่ส่ง", "ไม่มี", "", "☐"}
DOCUMENT_KINDS = {"document", "เอกสารนำส่ง", "เอกสาร"}
REFERENCE_KINDS = {"reference", "อ้างอิง", "เอกสารอ้างอิง"}
_log = logging.getLogger(__name__)
#: Rows of one sheet or CSV file: a national workbook (245 offices, every indicator) has some 7,500.
MAX_ROWS = 20_000
_NUMBERING = re.compile(r"^\s*(?:\(\d+\)|\d+[.)])\s+")
_KEY_IN_HEADER = re.compile(r"\(([a-z_]+)\)\s*$")


@dataclass
class Record:
    """One assessment to produce, or the error that stops it, with where it came from."""

    id: str
    source: str
    location: str = ""  # "forms!row 5", or "" for a whole file
    assessment: Assessment | None = None
    error: InputError | None = None
    data: dict[str, Any] = field(default_factory=dict, repr=False)


def _key(header: Any) -> str:
    text = str(header or "").strip()
    m = _KEY_IN_HEADER.search(text)
    return m.group(1) if m else text.lower()


def _items(cell: Any) -> list[Any]:
    """A multi-line cell as narrative items: a line starting with - is a sub-item of the one before."""
    items: list[Any] = []
    for line in str(cell or "").replace("\r\n", "\n").replace("\x0b", "\n").split("\n"):
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped[0] in "-•*" and items:
            sub = stripped[1:].strip()
            last = items[-1]
            if isinstance(last, str):
                items[-1] = last = {"text": last, "items": []}
            last["items"].append(_NUMBERING.sub("", sub))
        else:
            items.append(_NUMBERING.sub("", stripped))
    return items


def _yes(value: Any, where: str) -> bool:
    text = str(value if value is not None else "").strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(f"{where}: {value!r} is not yes or no (ใช่/ไม่ใช่)")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _split(line: str, n: int) -> list[str]:
    parts = [p.strip() for p in line.split("|")]
    return (parts + [""] * n)[:n]


def row_to_data(row: dict[str, Any]) -> dict[str, Any]:
    """A forms row (keys as in FORM_COLUMNS) as assessment data."""

    def get(key: str) -> str:
        return _cell(row.get(key))

    data: dict[str, Any] = {
        "office": {
            "name": get("office_name"),
            "short_name": get("office_short_name"),
            "kind": get("office_kind"),
            "province": get("province"),
            "area": get("area") or None,
        },
        "fiscal_year": get("fiscal_year"),
        "indicator": get("indicator"),
        "round": get("round") or None,
        "level": get("level") or None,
        "narrative": {
            "steps": _items(row.get("steps")),
            "results": _items(row.get("results")),
            "problems": _items(row.get("problems")),
            "suggestions": _items(row.get("suggestions")),
        },
        "evidence": {"documents": [], "references": []},
    }
    if get("process_heading"):
        data["narrative"]["process_heading"] = get("process_heading")
    for line in [x for x in get("documents").split("\n") if x.strip()]:
        title, submitted, url = _split(line, 3)
        data["evidence"]["documents"].append(
            {"title": title, "submitted": _yes(submitted, "documents"), **({"url": url} if url else {})}
        )
    for line in [x for x in get("references").split("\n") if x.strip()]:
        label, url, link_text = _split(line, 3)
        data["evidence"]["references"].append(
            {"label": label, **({"url": url} if url else {}), **({"link_text": link_text} if link_text else {})}
        )
    notes = [n.strip() for n in get("notes").split("\n") if n.strip()]
    if notes:
        data["notes"] = [_NUMBERING.sub("", n) for n in notes]
    return data


def _column_of(field_path: str) -> str:
    """The workbook column a model field comes from (office.kind -> office_kind)."""
    head = field_path.split("[")[0]
    mapping = {
        "office.name": "office_name", "office.short_name": "office_short_name", "office.kind": "office_kind",
        "office.province": "province", "office.area": "area", "narrative.steps": "steps",
        "narrative.results": "results", "narrative.problems": "problems", "narrative.suggestions": "suggestions",
        "narrative.process_heading": "process_heading", "evidence.documents": "documents",
        "evidence.references": "references",
    }  # fmt: skip
    for prefix, column in mapping.items():
        if head == prefix or head.startswith(prefix + "."):
            return f"column {column} ({field_path})"
    return f"column {field_path.split('.')[0]}" if field_path else ""


def _validate_row(rec: Record, catalog: Catalog, *, tabular: bool) -> Record:
    try:
        rec.assessment = validate_assessment(rec.data, catalog=catalog, source=rec.source, record=rec.location or None)
    except InputError as exc:
        problems = [(_column_of(f) if tabular else f, m) for f, m in exc.problems]
        rec.error = type(exc)(problems, source=rec.source, record=rec.location or None)
    return rec


def _tabular_records(
    rows: Iterator[tuple[int, dict[str, Any]]],
    source: str,
    sheet: str,
    catalog: Catalog,
    evidence: dict[str, list[tuple[int, dict[str, Any]]]],
) -> Iterator[Record]:
    for number, row in rows:
        if not any(_cell(v) for v in row.values()):
            continue  # an empty row
        form_id = _cell(row.get("form_id")) or f"{sheet}-row{number}"
        location = f"{sheet}!row {number} ({form_id})"
        rec = Record(id=form_id, source=source, location=location)
        try:
            rec.data = row_to_data(row)
            for ev_row, ev in evidence.pop(form_id, []):
                _add_evidence(rec.data, ev, f"evidence!row {ev_row}")
        except ValueError as exc:
            rec.error = InputError(str(exc), source=source, record=location)
            yield rec
            continue
        yield _validate_row(rec, catalog, tabular=True)


def _add_evidence(data: dict[str, Any], ev: dict[str, Any], where: str) -> None:
    kind = _cell(ev.get("kind")).lower()
    title, url, link_text = _cell(ev.get("title")), _cell(ev.get("url")), _cell(ev.get("link_text"))
    extra = {**({"url": url} if url else {}), **({"link_text": link_text} if link_text else {})}
    if kind in DOCUMENT_KINDS:
        data["evidence"]["documents"].append({"title": title, "submitted": _yes(ev.get("submitted"), where), **extra})
    elif kind in REFERENCE_KINDS:
        data["evidence"]["references"].append({"label": title, **extra})
    else:
        raise ValueError(f"{where}: kind {ev.get('kind')!r} is neither เอกสารนำส่ง nor อ้างอิง")


def _unique_columns(keys: list[str], where: str, source: str) -> None:
    """A column given twice would let its second copy win silently (level 5 becoming 1)."""
    counts = collections.Counter(k for k in keys if k)  # counted once: seen.count per column was quadratic
    twice = sorted(k for k, n in counts.items() if n > 1)
    if twice:
        raise InputError(say("input.column_twice", where=where, columns=", ".join(twice)), source=source)


def column_letter(n: int) -> str:
    """A spreadsheet's name of column ``n`` (1 -> A, 27 -> AA): what openpyxl.utils gives, without
    importing openpyxl for a batch of YAML files."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _headless(where: str, column: str, source: str) -> InputError:
    return InputError(say("input.headless", where=where, column=column), source=source)


def _sheet_rows(ws: Any, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return
    keys = [_key(h) for h in header]
    _unique_columns(keys, f"sheet {ws.title}", source)
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise InputError(say("input.too_many_rows", where=f"sheet {ws.title}", limit=MAX_ROWS), source=source)
        for i, v in enumerate(values):
            if _cell(v) and (i >= len(keys) or not keys[i]):
                raise _headless(f"sheet {ws.title}, row {number}", column_letter(i + 1), source)
        yield number, {k: v for k, v in zip(keys, values) if k}


def _workbook_records(path: Path, catalog: Catalog) -> Iterator[Record]:
    import openpyxl

    check_xml_sizes(path)  # openpyxl reads the sheets whole: their sizes are checked first
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(say("input.not_workbook", reason=str(exc)), source=str(path)) from exc
    try:
        if "forms" not in wb.sheetnames:
            raise InputError(say("input.no_forms_sheet", sheets=", ".join(wb.sheetnames)), source=str(path))
        evidence: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        if "evidence" in wb.sheetnames:
            for number, row in _sheet_rows(wb["evidence"], str(path)):
                if any(_cell(v) for v in row.values()):
                    evidence.setdefault(_cell(row.get("form_id")), []).append((number, row))
        yield from _tabular_records(_sheet_rows(wb["forms"], str(path)), str(path), "forms", catalog, evidence)
        for form_id, rows in evidence.items():  # evidence rows that match no form
            for number, _ in rows:
                yield Record(
                    id=f"evidence-row{number}",
                    source=str(path),
                    location=f"evidence!row {number}",
                    error=InputError(
                        [("column form_id", say("input.no_form_id", form_id=repr(form_id)))],
                        source=str(path),
                        record=f"evidence!row {number}",
                    ),
                )
    except (ElementTree.ParseError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, OSError) as exc:
        # read_only mode reads a sheet's XML as its rows are asked for: damage shows up here
        raise InputError(
            say("input.damaged_workbook", reason=f"{type(exc).__name__}: {exc}"), source=str(path)
        ) from exc
    finally:
        wb.close()


def _csv_records(path: Path, catalog: Catalog) -> Iterator[Record]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = list(itertools.islice(reader, MAX_ROWS + 1))
            header = list(reader.fieldnames or [])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(say("input.not_csv", reason=str(exc)), source=str(path)) from exc
    if not header:
        raise InputError(say("input.empty_csv"), source=str(path))
    if len(rows) > MAX_ROWS:
        raise InputError(say("input.too_many_rows", where="the CSV file", limit=MAX_ROWS), source=str(path))
    _unique_columns([_key(h) for h in header], "the header row", str(path))
    for n, row in enumerate(rows, start=2):
        extra = row.get(None) or []  # values beyond the header row's cells
        if any(_cell(v) for v in extra) or any(_cell(v) for k, v in row.items() if k == ""):
            raise _headless(f"row {n}", "beyond the header" if extra else "without a name", str(path))
    keyed = ((n, {_key(k): v for k, v in row.items() if k}) for n, row in enumerate(rows, start=2))
    yield from _tabular_records(keyed, str(path), "csv", catalog, {})


def _folder_files(path: Path) -> list[Path]:
    """The forms of a folder: its .yaml, .yml, .json and .docx files (not Word's ~$ lock files), in order."""
    return sorted(
        p
        for p in path.rglob("*")
        if p.suffix.lower() in (".yaml", ".yml", ".json", ".docx") and p.is_file() and not p.name.startswith("~$")
    )


def _folder_records(path: Path, catalog: Catalog) -> Iterator[Record]:
    files = _folder_files(path)
    if not files:
        raise InputError(say("input.empty_folder"), source=str(path))
    inside = path.resolve()
    for f in files:
        rec = Record(id=str(f.relative_to(path).with_suffix("")), source=str(f))
        if not f.resolve().is_relative_to(inside):  # a link to a file elsewhere: not read unless given itself
            rec.error = InputError(say("input.link_outside", target=str(f.resolve())), source=str(f))
            yield rec
            continue
        try:
            # a Word form (official layout) is imported on the fly (see sar_forms.forms.importer)
            data = import_docx(f, catalog=catalog)[0] if f.suffix.lower() == ".docx" else read_data(f)
            rec.data = data if isinstance(data, dict) else {}
            rec.assessment = validate_assessment(data, catalog=catalog, source=str(f))
        except InputError as exc:
            rec.error = exc
        except Exception as exc:  # a fault of ours on a stranger's file costs that file only
            _log.warning("reading %s failed", f, exc_info=True)  # for a log; the user gets the record's error
            rec.error = InputError(
                say("input.unexpected", kind=type(exc).__name__, reason=str(exc)[:300]), source=str(f)
            )
        yield rec


def read_records(path: str | Path, *, catalog: Catalog | None = None) -> Iterator[Record]:
    """Every record of a workbook (.xlsx), a CSV file, or a folder of YAML/JSON files."""
    path = Path(path)
    catalog = catalog or default_catalog()
    if path.is_dir():
        yield from _folder_records(path, catalog)
    elif path.suffix.lower() == ".xlsx":
        yield from _workbook_records(path, catalog)
    elif path.suffix.lower() == ".csv":
        yield from _csv_records(path, catalog)
    elif not path.exists():
        raise InputError(say("input.no_such_path"), source=str(path))
    else:
        raise InputError(say("input.batch_input"), source=str(path))


def count_records(path: str | Path, *, catalog: Catalog | None = None) -> int:
    """How many records :func:`read_records` gives for ``path``, holding none of them: a folder's
    forms are counted by their files, a workbook's or CSV file's by reading it through."""
    path = Path(path)
    if path.is_dir():
        return len(_folder_files(path))
    return sum(1 for _rec in read_records(path, catalog=catalog))
