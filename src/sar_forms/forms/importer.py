"""A form in the official layout (.docx) back to assessment data: ``sar-forms import``.

Reads what the page shows, not how it was made: text is taken run by run through hyperlinks,
fields, content controls and tracked insertions; check boxes may be ☑/☒/■/☐ characters, Wingdings
symbols (``w:sym``), legacy check-box form fields or Word check-box content controls; links may
be hyperlinks or HYPERLINK fields; the table may be one table with merged cells (ours) or split
over several tables with the header row repeated (a form converted from PDF); numbers may be
Thai digits. Styles are never relied on (LibreOffice renames them when it saves a file).

Our own forms also carry, in the core properties, what the page does not print: the office's
full name (author) and, in the comments, its kind, province and area and the per-point facts
(``sar_forms:{json}``). A hand-typed form lacks them: those fields are then guessed (kind from
the name, province from the name) or left for the user, and the report says which.

The report lists, field by field, what was found, what was guessed and what could not be mapped
(with the text left over), so nothing typed is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from ..domain.catalog import Catalog, default_catalog
from ..domain.text import from_thai_digits
from ..errors import InputError
from ..messages import FieldName, say
from ..ooxml.names import w as _w
from ..ooxml.numbering import Numbering
from ..ooxml.page import (
    BOXES,
    CHECKED,
    PageReader,
    Para,
    body_items,
    cell_fill,
    paragraphs,
    referenced,
    relationships,
    row_cells,
    squash,
    table_rows,
)
from ..ooxml.zipped import read_xml_parts, safe_xml
from .import_columns import evidence_of, narrative_of
from .import_office import office_and_year
from .import_report import ImportReport, ordered
from .metadata import read_form_metadata

__all__ = ["import_docx"]


#: What offices put beside the chosen level: a box (☑, or ☐ for the others), a tick, a cross, a dot
_TICKS = CHECKED + "✗✘Xx●"
_LEVEL = re.compile(rf"^[{BOXES}{_TICKS}○]?\s*([1-5])\s*[{BOXES}{_TICKS}○]?$")


def _bare_host(url: str) -> str:
    parts = urlsplit(url)
    if parts.path == "/" and not parts.query and not parts.fragment and url.endswith("/"):
        return url[:-1]
    return url


def import_docx(path: str | Path, *, catalog: Catalog | None = None) -> tuple[dict[str, Any], ImportReport]:
    """The assessment data a form in the official layout shows, and the report of how it was read."""
    path = Path(path)
    catalog = catalog or default_catalog()
    page = _Page.open(path)
    report = page.report
    data: dict[str, Any] = {}
    head = _Headings.read(page.before, report, path)
    table = _Table.read(page)
    above = "\n".join(page.before)
    text = "\n".join([page.header, above, *(p.text for p in table.narrative + table.evidence + page.after)])
    year_as_written = office_and_year(data, page.header, above, text, page.meta, report)
    rubric, ind_title, std_title, definition = table.rubric, head.indicator_title, head.standard_title, head.definition
    # Thai digits when the form's own numbers are (the year, the standard's number), not merely some text
    thai_digits = bool(re.search("[๐-๙]", head.standard_raw + year_as_written))
    if thai_digits:  # compared with the catalogue as Arabic, as all the data will be
        rubric = {lv: from_thai_digits(text) for lv, text in rubric.items()}
        ind_title, std_title, definition = (
            from_thai_digits(ind_title),
            from_thai_digits(std_title),
            [from_thai_digits(d) for d in definition],
        )
    if table.level is None:
        report.unmapped.append(("level", say("import.no_level")))
    else:
        data["level"] = table.level
        report.found.append(say("import.found.level", value=table.level))
    data["indicator"] = _indicator(head.code, ind_title, rubric, data.get("fiscal_year"), catalog, report)
    _standard(data, head.standard, std_title, definition, catalog, report)
    data["narrative"] = narrative_of(table.narrative, ind_title, report, ours=bool(page.meta))
    data["evidence"] = evidence_of(table.evidence, report, ours=bool(page.meta))
    notes = _notes(page.after, report)
    if notes and notes != list(catalog.form_notes):
        data["notes"] = notes
    if thai_digits:
        data = _arabic(data)
        report.guessed.append(("numbers", say("import.guess.thai_digits")))
    if page.meta.get("points"):
        data["points"] = [{"done": c in "12", "clear": c == "2"} for c in page.meta["points"]]
        report.found.append(say("import.found.property", field=FieldName("points")))
    return ordered(data), report


@dataclass
class _Page:
    """A form's page as read: its header's text, the paragraphs above the table (as text) and
    after it, the tables, and what the document's properties carry."""

    report: ImportReport
    reader: PageReader
    header: str
    before: list[str]
    tables: list[etree._Element]
    after: list[Para]
    meta: dict[str, Any]

    @classmethod
    def open(cls, path: Path) -> _Page:
        parts = read_xml_parts(path)
        if "word/document.xml" not in parts:
            raise InputError(say("input.not_word"), source=str(path))
        report = ImportReport(str(path))
        root = safe_xml(parts["word/document.xml"], "word/document.xml", str(path))
        labels = Numbering.of(parts, str(path)).labels(paragraphs(root))
        reader = PageReader(relationships(parts, "word/document.xml"), labels)
        if b"LibreOffice" in parts.get("docProps/app.xml", b""):
            # LibreOffice writes a bare host's link as http://host/: the form was typed without it
            bare = {k: _bare_host(v) for k, v in reader.rels.items()}
            if bare != reader.rels:
                reader.rels = bare
                report.guessed.append(("evidence urls", say("import.guess.bare_host")))
        # page header(s): short name, fiscal year, round
        header = " ".join(_header_texts(parts, path))
        page = cls(report, reader, header, [], [], [], read_form_metadata(parts.get("docProps/core.xml")))
        for el in body_items(root):
            if etree.QName(el).localname == "tbl":
                page.tables.append(el)
            elif not page.tables:
                page.before += [line.text for para in reader.paras_of(el) for line in para.lines()]
            else:
                page.after += [line for para in reader.paras_of(el) for line in para.lines()]
        return page


_MAX_HEADERS = 12  # a document's sections have three headers each (first, even, default); forms have one


def _header_texts(parts: dict[str, bytes], path: Path) -> list[str]:
    """The text of the page headers the document refers to (its first paragraph's text first);
    a damaged header is an InputError naming the part, not a traceback."""
    out = []
    for name in referenced(parts, "word/document.xml", "header")[:_MAX_HEADERS]:
        root = safe_xml(parts[name], name, str(path))
        out += [PageReader(relationships(parts, name)).para(p).text for p in root.iter(_w("p"))]
    return out


@dataclass
class _Headings:
    """The standard (number as written, as a number, title, definition) and the indicator above the table."""

    standard_raw: str
    standard: int
    standard_title: str
    definition: list[str]
    code: str
    indicator_title: str

    @classmethod
    def read(cls, before_table: list[str], report: ImportReport, path: Path) -> _Headings:
        std_no = ind_no = None
        std_raw = std_title = ind_title = state = ""
        definition: list[str] = []
        for text in before_table:
            t = text.strip()
            m = re.match(r"^มาตรฐานที่\s*([0-9๐-๙]+)\s*(.*)$", t)
            n = re.match(r"^ตัวบ่งชี้ที่\s*([0-9๐-๙.]+)\s*(.*)$", t)
            if m and std_no is None:
                std_no, std_title, state = int(from_thai_digits(m.group(1))), m.group(2).strip(), "definition"
                std_raw = m.group(1)
            elif n and ind_no is None:
                ind_no, ind_title, state = from_thai_digits(n.group(1)).strip("."), n.group(2).strip(), ""
            elif state == "definition" and t:
                definition.append(t)
            elif t and squash(t) not in ("ระดับคุณภาพ",) and not re.match(r"^ปีงบประมาณ", t):
                report.unmapped.append((say("import.where.before_table"), t))
        if std_no is None or ind_no is None:
            raise InputError(say("input.not_official_layout"), source=str(path))
        code = ind_no if "." in ind_no else f"{std_no}.{ind_no}"
        return cls(std_raw, std_no, std_title, definition, code, ind_title)


@dataclass
class _Table:
    """The form's table (one, or split over several with the header repeated): the checked level,
    the rubric per level, and the paragraphs of the narrative and evidence columns."""

    level: int | None
    rubric: dict[int, str]
    narrative: list[Para]
    evidence: list[Para]

    @classmethod
    def read(cls, page: _Page) -> _Table:
        reader, report = page.reader, page.report
        table = cls(None, {}, [], [])
        shaded: list[int] = []  # levels whose row is shaded: the chosen one, when nothing is ticked
        for tbl in page.tables:
            for tr in table_rows(tbl):
                cells = row_cells(tr)
                if len(cells) < 4:
                    continue
                first = reader.cell_text(cells[0])
                if squash(first).startswith("ระดับ") and "คุณภาพ" in first:
                    continue  # a header row (repeated on every page, or in each split table)
                m = _LEVEL.match(from_thai_digits(first).strip())
                rubric = reader.cell_text(cells[1]).strip()
                if m:
                    lv = int(m.group(1))
                    if any(c in first for c in _TICKS):
                        if table.level is not None and table.level != lv:
                            report.unmapped.append(("level", say("import.also_checked", level=lv)))
                        else:
                            table.level = lv
                    if cell_fill(cells[0]) or cell_fill(cells[1]):
                        shaded.append(lv)
                    table.rubric[lv] = rubric
                elif rubric and table.rubric:
                    last = min(table.rubric)  # a level's rubric cut over two rows
                    table.rubric[last] += "\n" + rubric
                table.narrative += reader.cell_paras(cells[2])
                table.evidence += reader.cell_paras(cells[3])
        if table.level is None and len(shaded) == 1:
            table.level = shaded[0]
            report.guessed.append(("level", say("import.guess.shaded", level=shaded[0])))
        return table


def _arabic(value: Any, key: str = "") -> Any:
    """Every text of ``value`` with Thai digits as Arabic ones, web addresses left alone."""
    if isinstance(value, dict):
        return {k: _arabic(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_arabic(v, key) for v in value]
    if isinstance(value, str) and key != "url":
        return from_thai_digits(value)
    return value


def _words(rubric: dict[int, str]) -> dict[int, str]:
    """A rubric compared by its words: Word's numbering draws "1.<tab>" where the catalogue has "1. "."""
    return {level: " ".join(text.split()) for level, text in rubric.items()}


def _indicator(
    code: str, title: str, rubric: dict[int, str], year: int | None, catalog: Catalog, report: ImportReport
) -> Any:
    known = catalog.indicators.get(code)
    if known is not None and known.title == title and _words(known.rubric or {}) == _words(rubric):
        report.found.append(say("import.found.indicator_catalogue", code=code))
        return code
    out: dict[str, Any] = {"code": code, "title": title}
    if sorted(rubric) == [1, 2, 3, 4, 5]:
        out["rubric"] = {lv: rubric[lv] for lv in (5, 4, 3, 2, 1)}
    else:
        report.unmapped.append(("indicator.rubric", say("import.levels_found", levels=str(sorted(rubric)))))
    if known is not None and known.points:
        out["points"] = known.points
    report.found.append(say("import.found.indicator_printed", code=code))
    return out


def _standard(
    data: dict[str, Any], number: int, title: str, definition: list[str], catalog: Catalog, report: ImportReport
) -> None:
    known = catalog.standards.get(number)
    text = " ".join(definition).strip()
    year = data.get("fiscal_year") or 0
    if known is not None and known.title_for(year) == title and (known.definition or "") == text:
        report.found.append(say("import.found.standard_catalogue", number=number))
        return
    data["standard"] = {"number": number, "title": title, **({"definition": text} if text else {})}
    report.found.append(say("import.found.standard_printed", number=number))


def _notes(paras: list[Para], report: ImportReport) -> list[str]:
    notes: list[str] = []
    started = False
    for para in paras:
        text = para.own.strip() if started else para.text.strip()
        if not text:
            continue
        if text.startswith("หมายเหตุ"):
            started = True
            continue
        if started:
            notes.append(text if para.label is not None else re.sub(r"^[0-9๐-๙]+\.\s*", "", text).strip())
        else:
            report.unmapped.append((say("import.where.after_table"), text))
    return notes
