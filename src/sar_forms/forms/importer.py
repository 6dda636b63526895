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
from ..ooxml.page import (
    BOXES,
    CHECKED,
    PageReader,
    Para,
    body_items,
    cell_paragraphs,
    iri,
    referenced,
    relationships,
    row_cells,
    squash,
)
from ..ooxml.zipped import read_xml_parts, safe_xml
from .import_office import office_and_year
from .import_report import ImportReport, ordered
from .metadata import read_form_metadata

__all__ = ["import_docx"]


_LEVEL = re.compile(rf"^[{BOXES}]?\s*([1-5])\s*[{BOXES}]?$")
_ITEM = re.compile(r"^\(?(\d+)\s*[).]\s*")  # 1)  1.  (1)
_SUBITEM = re.compile(r"^(?:\(\d+\.\d+\)|\d+\.\d+\)?(?=[\s\t])|[-•*–](?=[\s\t]))\s*")  # (1.1)  1.1  -
_SEPARATOR = "....."


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
    year_as_written = office_and_year(data, page.header, page.header + "\n" + "\n".join(page.before), page.meta, report)
    head = _Headings.read(page.before, report, path)
    table = _Table.read(page)
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
    data["narrative"] = _narrative(table.narrative, ind_title, report)
    data["evidence"] = _evidence(table.evidence, report)
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
        reader = PageReader(relationships(parts, "word/document.xml"))
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
                page.before.append(reader.para(el).text)
            else:
                page.after.append(reader.para(el))
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
        for tbl in page.tables:
            for tr in tbl.iter(_w("tr")):
                cells = row_cells(tr)
                if len(cells) < 4:
                    continue
                first = _cell_text(reader, cells[0])
                if squash(first).startswith("ระดับ") and "คุณภาพ" in first:
                    continue  # a header row (repeated on every page, or in each split table)
                m = _LEVEL.match(from_thai_digits(first).strip())
                if m:
                    lv = int(m.group(1))
                    if any(c in first for c in CHECKED):
                        if table.level is not None and table.level != lv:
                            report.unmapped.append(("level", say("import.also_checked", level=lv)))
                        else:
                            table.level = lv
                    table.rubric[lv] = _cell_text(reader, cells[1]).strip()
                elif _cell_text(reader, cells[1]).strip() and table.rubric:
                    last = min(table.rubric)  # a level's rubric cut over two rows
                    table.rubric[last] += "\n" + _cell_text(reader, cells[1]).strip()
                table.narrative += [reader.para(p) for p in cell_paragraphs(cells[2])]
                table.evidence += [reader.para(p) for p in cell_paragraphs(cells[3])]
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


def _cell_text(reader: PageReader, tc: etree._Element) -> str:
    return "\n".join(reader.para(p).text for p in cell_paragraphs(tc))


def _indicator(
    code: str, title: str, rubric: dict[int, str], year: int | None, catalog: Catalog, report: ImportReport
) -> Any:
    known = catalog.indicators.get(code)
    if known is not None and known.title == title and (known.rubric or {}) == rubric:
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


_PARTS = (
    ("steps", re.compile(r"^กระบวนการ")),
    ("results", re.compile(r"^ผลการดำเนินงาน\s*:?$")),
    ("problems", re.compile(r"^ปัญหา\s*(?:และ)?\s*อุปสรรค\s*:?$")),
    ("suggestions", re.compile(r"^ข้อเสนอแนะ.{0,40}$")),
)


def _heading_of(text: str) -> str | None:
    """Which part a heading opens: its words, after an optional "N." (never "N)": that is an item)."""
    t = from_thai_digits(text.strip())
    if re.match(r"^\(?\d+\)", t) or len(t) > 250:
        return None
    t = re.sub(r"^\d+\.\s*", "", t).strip()
    for part, pattern in _PARTS:
        if pattern.search(t):
            return part
    return None


def _narrative(paras: list[Para], indicator_title: str, report: ImportReport) -> dict[str, Any]:
    parts: dict[str, list[Any]] = {"steps": [], "results": [], "problems": [], "suggestions": []}
    continued: dict[tuple[str, int], list[str]] = {}  # (part, item) -> its unnumbered lines after it
    current: str | None = None
    out: dict[str, Any] = {}
    default = f"กระบวนการ วิธีการดำเนินงานเกี่ยวกับ{indicator_title} ของสำนักงานเขตพื้นที่การศึกษา"
    taken: str | None = None  # a first paragraph taken as the process heading by its place alone
    for para in paras:
        text = para.text
        if not text.strip():
            continue
        heading = _heading_of(text)
        if heading == "steps" and current == "steps" and not parts["steps"] and taken is not None:
            report.unmapped.append((say("import.where.before_heading"), taken))  # that was no heading
            out.pop("process_heading", None)
            current, taken = None, None
        if current is None and heading is None and not re.match(r"^\(?\d+\)", from_thai_digits(text.strip())):
            heading, taken = "steps", text  # the narrative opens with the process heading, whatever its words
        if heading is not None and (current is None or heading != current):
            current = heading
            if heading == "steps":
                shown = re.sub(r"^[0-9๐-๙]+\.\s*", "", text.strip())  # the form numbers it "1."
                if shown != default:
                    out["process_heading"] = shown
            continue
        if current is None:
            report.unmapped.append((say("import.where.before_heading"), text))
            continue
        items = parts[current]
        plain = from_thai_digits(text)
        sub = _SUBITEM.match(plain)
        item = _ITEM.match(plain)
        if sub and items:
            body = text[sub.end() :].lstrip("\t ")
            last = items[-1]
            if isinstance(last, str):
                items[-1] = last = {"text": last, "items": []}
            last["items"].append(body)
        elif item:
            items.append(text[item.end() :].lstrip("\t "))
        elif text.strip() == "-" and not items:
            continue  # an empty part prints "-"
        elif items:
            # kept aside and joined once at the end: joining line by line was quadratic (200,000
            # unnumbered lines in a cell never finished); one note per item, not per line
            lines = continued.setdefault((current, len(items) - 1), [])
            if not lines:
                report.guessed.append((f"narrative.{current}[{len(items) - 1}]", say("import.guess.joined")))
            lines.append(text)
        else:
            items.append(text.strip())
            report.guessed.append((f"narrative.{current}[0]", say("import.guess.taken_as_item")))
    for (key, index), lines in continued.items():
        items = parts[key]
        if isinstance(items[index], str):
            items[index] = "\n".join([items[index], *lines])
        else:
            items[index]["text"] = "\n".join([items[index]["text"], *lines])
    for key, items in parts.items():
        out[key] = items
        report.found.append(say("import.found.items", field=FieldName(f"narrative.{key}"), count=len(items)))
    if not parts["steps"]:
        report.unmapped.append(("narrative.steps", say("import.no_steps")))
    return out


def _evidence(paras: list[Para], report: ImportReport) -> dict[str, Any]:
    documents: list[dict[str, Any]] = []
    references: list[dict[str, Any]] = []
    for para in paras:
        text = para.text.strip()
        if not text:
            continue
        plain = from_thai_digits(text)
        if text[0] in "●•" and "เอกสาร" in text:
            continue  # the documents' heading
        link = para.links[-1] if para.links else None
        if text[0] in BOXES:
            body = text[1:].strip()
            doc: dict[str, Any] = {"title": body, "submitted": text[0] in CHECKED}
            if link and body.endswith(link[0]):
                doc["title"] = body[: -len(link[0])].rstrip()
                if doc["title"].endswith(_SEPARATOR):
                    doc["title"] = doc["title"][: -len(_SEPARATOR)]
                doc["url"] = iri(link[1])
                if link[0] != "คลิก":
                    doc["link_text"] = link[0]
            if not doc["submitted"]:
                del doc["submitted"]
            documents.append(doc)
            continue
        m = re.match(r"^(\d+)\.\s*", plain)
        if m:
            body = text[m.end() :]
            ref: dict[str, Any] = {"label": body}
            if link and body.endswith(link[0]):
                label = body[: -len(link[0])]
                if label.endswith(_SEPARATOR):
                    ref = {"label": label[: -len(_SEPARATOR)], "url": iri(link[1]), "link_text": link[0]}
                else:
                    shown = link[0]
                    same = iri(link[1]) in (iri(shown), iri(shown) + "/")  # LibreOffice adds "/" to a bare host
                    ref = {"label": label.rstrip(" "), "url": shown if same else iri(link[1])}
                    if not same:
                        ref["link_text"] = shown
            references.append(ref)
            continue
        report.unmapped.append(("evidence", text))
    report.found.append(say("import.found.evidence", documents=len(documents), references=len(references)))
    out: dict[str, Any] = {}
    if documents:
        out["documents"] = documents
    if references:
        out["references"] = references
    return out


def _notes(paras: list[Para], report: ImportReport) -> list[str]:
    notes: list[str] = []
    started = False
    for para in paras:
        text = para.text.strip()
        if not text:
            continue
        if text.startswith("หมายเหตุ"):
            started = True
            continue
        if started:
            notes.append(re.sub(r"^[0-9๐-๙]+\.\s*", "", text).strip())
        else:
            report.unmapped.append((say("import.where.after_table"), text))
    return notes
