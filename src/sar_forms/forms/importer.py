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

import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import yaml
from lxml import etree

from ..domain.catalog import Catalog, default_catalog
from ..errors import InputError
from ..ooxml.names import REL as _REL
from ..ooxml.names import R as _R
from ..ooxml.names import w as _w
from .render import META_PREFIX

__all__ = ["ImportReport", "import_docx", "to_yaml"]

_DC = "http://purl.org/dc/elements/1.1/"

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
CHECKED = "☑☒■✓✔☒⊠"
UNCHECKED = "☐□"
_BOXES = CHECKED + UNCHECKED
# Wingdings (and Wingdings 2) code points of boxes, as w:sym writes them (F0xx or xx)
_SYMBOLS = {
    ("wingdings", 0xA8): "☐", ("wingdings", 0xFE): "☑", ("wingdings", 0xFD): "☒", ("wingdings", 0x6F): "☐",
    ("wingdings", 0x78): "☒", ("wingdings", 0xFC): "✓", ("wingdings 2", 0xA3): "☐", ("wingdings 2", 0x52): "☑",
    ("wingdings 2", 0x54): "☒", ("wingdings 2", 0x53): "☒", ("wingdings 2", 0x50): "✓", ("wingdings 2", 0xA2): "☐",
}  # fmt: skip
_LEVEL = re.compile(rf"^[{_BOXES}]?\s*([1-5])\s*[{_BOXES}]?$")
_ITEM = re.compile(r"^\(?(\d+)\s*[).]\s*")  # 1)  1.  (1)
_SUBITEM = re.compile(r"^(?:\(\d+\.\d+\)|\d+\.\d+\)?(?=[\s\t])|[-•*–](?=[\s\t]))\s*")  # (1.1)  1.1  -
_SEPARATOR = "....."


def _digits(text: str) -> str:
    return text.translate(_THAI_DIGITS)


@dataclass
class ImportReport:
    """Field by field: found (read from the page), guessed (and why), not mapped (the text)."""

    source: str
    found: list[str] = field(default_factory=list)
    guessed: list[tuple[str, str]] = field(default_factory=list)
    unmapped: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"found: {f}" for f in self.found]
        out += [f"guessed: {f}: {why}" for f, why in self.guessed]
        out += [f"not mapped: {where}: {text!r}" for where, text in self.unmapped]
        return out


@dataclass
class _Para:
    """A paragraph as read: its text (tabs and line breaks kept) and its links (text, url)."""

    text: str
    links: list[tuple[str, str]]


class _Reader:
    """Text of paragraphs as the page shows it, whatever made the document."""

    def __init__(self, rels: dict[str, str]) -> None:
        self.rels = rels

    def para(self, p: etree._Element) -> _Para:
        out: list[str] = []
        links: list[tuple[str, str]] = []
        field_depth: list[dict[str, Any]] = []  # complex fields: instruction, result start

        def visit(el: etree._Element, link: str | None) -> None:
            tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
            if tag == "hyperlink":
                url = self.rels.get(el.get(f"{{{_R}}}id") or "", "")
                start = len("".join(out))
                for child in el:
                    visit(child, url or None)
                if url:
                    links.append(("".join(out)[start:], url))
                return
            if tag == "fldChar":
                kind = el.get(_w("fldCharType"))
                if kind == "begin":
                    box = el.find(f"{_w('ffData')}/{_w('checkBox')}")
                    checked = None
                    if box is not None:
                        flag = box.find(_w("checked"))
                        if flag is None:
                            flag = box.find(_w("default"))
                        checked = flag is not None and flag.get(_w("val"), "1") not in ("0", "false")
                    field_depth.append({"instr": "", "box": checked, "start": None})
                elif kind == "separate" and field_depth:
                    field_depth[-1]["start"] = len("".join(out))
                elif kind == "end" and field_depth:
                    f = field_depth.pop()
                    if f["box"] is not None:
                        out.append("☑" if f["box"] else "☐")
                    m = re.search(r'HYPERLINK\s+"([^"]+)"', f["instr"])
                    if m and f["start"] is not None:
                        links.append(("".join(out)[f["start"] :], m.group(1)))
                return
            if tag == "instrText":
                if field_depth:
                    field_depth[-1]["instr"] += el.text or ""
                return
            if field_depth and field_depth[-1]["start"] is None:
                # inside a field's instruction part: not shown
                for child in el:
                    visit(child, link)
                return
            if tag == "t":
                text = el.text or ""
                if re.search("[\uf000-\uf0ff]", text):  # a symbol font's character, as LibreOffice saves w:sym
                    out.append(_symbol_text(el, text))
                else:
                    out.append(text)
            elif tag == "tab":
                if el.getparent() is not None and etree.QName(el.getparent()).localname == "r":
                    out.append("\t")
            elif tag in ("br", "cr"):
                if el.get(_w("type")) not in ("page", "column"):
                    out.append("\n")
            elif tag == "sym":
                font = (el.get(_w("font")) or "").lower()
                code = int(el.get(_w("char")) or "0", 16) & 0xFF
                out.append(_SYMBOLS.get((font, code), ""))
            elif tag in ("del", "moveFrom", "pPr", "rPr", "delText"):
                return
            else:
                for child in el:
                    visit(child, link)

        visit(p, None)
        return _Para("".join(out), links)


def _symbol_text(t: etree._Element, text: str) -> str:
    """Private-use characters (U+F0xx) of a Wingdings run as the boxes they draw."""
    run = t.getparent()
    fonts = run.find(f"{_w('rPr')}/{_w('rFonts')}") if run is not None else None
    font = ""
    if fonts is not None:
        font = next((fonts.get(_w(a)) or "" for a in ("ascii", "hAnsi", "cs") if fonts.get(_w(a))), "")
    if not font.lower().startswith("wingdings"):
        return text  # private-use characters of an ordinary font: the user's own
    font = font.lower()
    return "".join(_SYMBOLS.get((font, ord(c) & 0xFF), "") if "\uf000" <= c <= "\uf0ff" else c for c in text)


def _parts(path: Path) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(path) as z:
            return {n: z.read(n) for n in z.namelist()}
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a .docx file: {exc}", source=str(path)) from exc


def _rels(parts: dict[str, bytes], name: str) -> dict[str, str]:
    p = PurePosixPath(name)
    rels = parts.get(str(p.parent / "_rels" / (p.name + ".rels")))
    if not rels:
        return {}
    return {
        r.get("Id", ""): r.get("Target", "")
        for r in etree.fromstring(rels).iter(f"{{{_REL}}}Relationship")
        if r.get("TargetMode") == "External"
    }


def _iri(uri: str) -> str:
    """A link target back as the user wrote it: IDNA host and percent-encoded UTF-8 decoded
    (what :func:`sar_forms.text.uri_of` encoded); an ASCII address as it is."""
    if "xn--" not in uri and not re.search(r"%[89A-Fa-f][0-9A-Fa-f]", uri):
        return uri
    parts = urlsplit(uri)
    host = parts.hostname or ""
    try:
        host = host.encode("ascii").decode("idna") if "xn--" in host else host
    except UnicodeError:
        pass
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, unquote(parts.path), unquote(parts.query), unquote(parts.fragment)))


def _bare_host(url: str) -> str:
    parts = urlsplit(url)
    if parts.path == "/" and not parts.query and not parts.fragment and url.endswith("/"):
        return url[:-1]
    return url


def _body_items(root: etree._Element) -> list[etree._Element]:
    """The body's paragraphs and tables in order, content controls unwrapped."""
    body = root.find(_w("body"))
    out: list[etree._Element] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = etree.QName(child).localname
            if tag in ("p", "tbl"):
                out.append(child)
            elif tag in ("sdt", "sdtContent", "customXml", "ins"):
                walk(child)

    if body is not None:
        walk(body)
    return out


def _cells(tr: etree._Element) -> list[etree._Element]:
    cells: list[etree._Element] = []
    for child in tr:
        tag = etree.QName(child).localname
        if tag == "tc":
            cells.append(child)
        elif tag in ("sdt", "customXml"):
            cells += [c for c in child.iter(_w("tc"))]
    return cells


def _cell_paras(tc: etree._Element) -> list[etree._Element]:
    return [p for p in tc.iter(_w("p")) if p.getparent() is not None]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def import_docx(path: str | Path, *, catalog: Catalog | None = None) -> tuple[dict[str, Any], ImportReport]:
    """The assessment data a form in the official layout shows, and the report of how it was read."""
    path = Path(path)
    catalog = catalog or default_catalog()
    parts = _parts(path)
    if "word/document.xml" not in parts:
        raise InputError("not a Word document: no word/document.xml", source=str(path))
    report = ImportReport(str(path))
    try:
        root = etree.fromstring(parts["word/document.xml"])
    except etree.XMLSyntaxError as exc:
        raise InputError(f"the document's XML is damaged: {exc}", source=str(path)) from exc
    reader = _Reader(_rels(parts, "word/document.xml"))
    if b"LibreOffice" in parts.get("docProps/app.xml", b""):
        # LibreOffice writes a bare host's link as http://host/: the form was typed without it
        bare = {k: _bare_host(v) for k, v in reader.rels.items()}
        if bare != reader.rels:
            reader.rels = bare
            report.guessed.append(("evidence urls", "a bare host's trailing '/' (LibreOffice adds it) dropped"))
    data: dict[str, Any] = {}
    meta = _metadata(parts)

    # page header(s): short name, fiscal year, round
    header_text = " ".join(
        _Reader(_rels(parts, name)).para(p).text
        for name in sorted(parts)
        if re.match(r"word/header\d*\.xml$", name)
        for p in etree.fromstring(parts[name]).iter(_w("p"))
    )
    items = _body_items(root)
    before_table: list[str] = []
    after_table: list[_Para] = []
    tables = [el for el in items if etree.QName(el).localname == "tbl"]
    seen_table = False
    for el in items:
        if etree.QName(el).localname == "tbl":
            seen_table = True
        elif not seen_table:
            before_table.append(reader.para(el).text)
        else:
            after_table.append(reader.para(el))
    all_text = header_text + "\n" + "\n".join(before_table)
    year_as_written = _office_and_year(data, header_text, all_text, meta, report)

    # the standard, its definition, the indicator
    std_no = ind_no = None
    std_raw = ""
    std_title = ind_title = ""
    definition: list[str] = []
    state = ""
    for text in before_table:
        t = text.strip()
        m = re.match(r"^มาตรฐานที่\s*([0-9๐-๙]+)\s*(.*)$", t)
        n = re.match(r"^ตัวบ่งชี้ที่\s*([0-9๐-๙.]+)\s*(.*)$", t)
        if m and std_no is None:
            std_no, std_title, state = int(_digits(m.group(1))), m.group(2).strip(), "definition"
            std_raw = m.group(1)
        elif n and ind_no is None:
            ind_no, ind_title, state = _digits(n.group(1)).strip("."), n.group(2).strip(), ""
        elif state == "definition" and t:
            definition.append(t)
        elif t and _squash(t) not in ("ระดับคุณภาพ",) and not re.match(r"^ปีงบประมาณ", t):
            report.unmapped.append(("before the table", t))
    if std_no is None or ind_no is None:
        raise InputError(
            "no 'มาตรฐานที่ N' or 'ตัวบ่งชี้ที่ N' heading above the table: not a form in the official layout",
            source=str(path),
        )
    code = ind_no if "." in ind_no else f"{std_no}.{ind_no}"

    # the table(s): level rows, rubric, narrative and evidence cells
    rubric: dict[int, str] = {}
    level: int | None = None
    narrative: list[_Para] = []
    evidence: list[_Para] = []
    for tbl in tables:
        for tr in tbl.iter(_w("tr")):
            cells = _cells(tr)
            if len(cells) < 4:
                continue
            first = _cell_text(reader, cells[0])
            if _squash(first).startswith("ระดับ") and "คุณภาพ" in first:
                continue  # a header row (repeated on every page, or in each split table)
            m = _LEVEL.match(_digits(first).strip())
            if m:
                lv = int(m.group(1))
                if any(c in first for c in CHECKED):
                    if level is not None and level != lv:
                        report.unmapped.append(("level", f"also checked: {lv}"))
                    else:
                        level = lv
                rubric[lv] = _cell_text(reader, cells[1]).strip()
            elif _cell_text(reader, cells[1]).strip() and rubric:
                last = min(rubric)  # a level's rubric cut over two rows
                rubric[last] += "\n" + _cell_text(reader, cells[1]).strip()
            narrative += [reader.para(p) for p in _cell_paras(cells[2])]
            evidence += [reader.para(p) for p in _cell_paras(cells[3])]
    # Thai digits when the form's own numbers are (the year, the standard's number), not merely some text
    thai_digits = bool(re.search("[๐-๙]", std_raw + year_as_written))
    if thai_digits:  # compared with the catalogue as Arabic, as all the data will be
        rubric = {lv: _digits(text) for lv, text in rubric.items()}
        ind_title, std_title, definition = _digits(ind_title), _digits(std_title), [_digits(d) for d in definition]
    if level is None:
        report.unmapped.append(("level", "no level is checked in the level column"))
    else:
        data["level"] = level
        report.found.append(f"level: {level} (the checked box)")

    data["indicator"] = _indicator(code, ind_title, rubric, data.get("fiscal_year"), catalog, report)
    _standard(data, std_no, std_title, definition, catalog, report)
    data["narrative"] = _narrative(narrative, ind_title, report)
    data["evidence"] = _evidence(evidence, report)
    notes = _notes(after_table, report)
    if notes and notes != list(catalog.form_notes):
        data["notes"] = notes
    if thai_digits:
        data = _arabic(data)
        report.guessed.append(("numbers", "the form writes Thai digits: read as Arabic (render with --thai-digits)"))
    if meta.get("points"):
        data["points"] = [{"done": c in "12", "clear": c == "2"} for c in meta["points"]]
        report.found.append("points: from the document's properties")
    return _ordered(data), report


def _arabic(value: Any, key: str = "") -> Any:
    """Every text of ``value`` with Thai digits as Arabic ones, web addresses left alone."""
    if isinstance(value, dict):
        return {k: _arabic(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_arabic(v, key) for v in value]
    if isinstance(value, str) and key != "url":
        return _digits(value)
    return value


def _cell_text(reader: _Reader, tc: etree._Element) -> str:
    return "\n".join(reader.para(p).text for p in _cell_paras(tc))


def _metadata(parts: dict[str, bytes]) -> dict[str, Any]:
    """What our own forms keep in the core properties: author = office name, comments = JSON."""
    core = parts.get("docProps/core.xml")
    out: dict[str, Any] = {}
    if not core:
        return out
    root = etree.fromstring(core)
    creator = root.find(f"{{{_DC}}}creator")
    description = root.find(f"{{{_DC}}}description")
    if description is not None and (description.text or "").startswith(META_PREFIX):
        try:
            out = json.loads((description.text or "")[len(META_PREFIX) :])
        except ValueError:
            out = {}
        if creator is not None and creator.text:
            out["office_name"] = creator.text
    return out if isinstance(out, dict) else {}


def _office_and_year(data: dict[str, Any], header: str, text: str, meta: dict[str, Any], report: ImportReport) -> str:
    """Fill ``data``'s office, fiscal year and round; the year as written ("" if none was found)."""
    office: dict[str, Any] = {}
    # ours: "<short name> ปีงบประมาณ พ.ศ. <year>[ รอบ <n> เดือน]", the short name any text; else the first year
    m = re.match(r"^(.*) ปีงบประมาณ พ\.ศ\. ([0-9๐-๙]{4})(?: รอบ [0-9๐-๙]+ เดือน)?$", header, re.S) or re.search(
        r"^(.*?)\s*ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*([0-9๐-๙]{4})", header.strip(), re.S
    )
    if m and m.group(1).strip():
        office["short_name"] = m.group(1).strip()
        report.found.append(f"office.short_name: {office['short_name']} (page header)")
    year = m.group(2) if m else None
    if year is None:
        y = re.search(r"ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*([0-9๐-๙]{4})", text)
        year = y.group(1) if y else None
    if year:
        data["fiscal_year"] = int(_digits(year))
        report.found.append(f"fiscal_year: {data['fiscal_year']}")
    else:
        report.unmapped.append(("fiscal_year", "no 'ปีงบประมาณ พ.ศ. NNNN' in the page header or above the table"))
    r = re.search(r"รอบ\s*([0-9๐-๙]+)\s*เดือน\s*$", header)
    if r:
        data["round"] = int(_digits(r.group(1)))
        report.found.append(f"round: {data['round']} (page header)")
    name = meta.get("office_name")
    if name:
        office["name"] = name
        report.found.append("office.name: from the document's properties (author)")
    else:
        n = re.search(r"สำนักงานเขตพื้นที่การศึกษา(?:ประถมศึกษา|มัธยมศึกษา)\S*(?:\s*เขต\s*[0-9๐-๙]+)?", text)
        if n:
            office["name"] = n.group(0)
            report.guessed.append(("office.name", "the first office name found in the text"))
        else:
            office["name"] = ""
            report.unmapped.append(("office.name", "not on the page: fill it in"))
    stored = meta.get("office") or {}
    for key in ("kind", "province", "area"):
        if stored.get(key) not in (None, ""):
            office[key] = stored[key]
            report.found.append(f"office.{key}: from the document's properties")
    full = office.get("name", "")
    if "kind" not in office:
        short = office.get("short_name", "")
        kind = "สพม." if "มัธยม" in full or short.startswith("สพม") else "สพป." if full or short else ""
        office["kind"] = kind
        report.guessed.append(("office.kind", f"{kind} from the office's {'name' if full else 'short name'}"))
    if not stored:  # a form not made by sar_forms: province and area as its name says them
        p = re.search(r"(?:ประถมศึกษา|มัธยมศึกษา)(.+?)(?:\s*เขต\s*([0-9๐-๙]+))?$", full)
        if "province" not in office:
            office["province"] = p.group(1).strip() if p else ""
            report.guessed.append(("office.province", "from the office's name" if p else "not found: fill it in"))
        if "area" not in office and p and p.group(2):
            office["area"] = int(_digits(p.group(2)))
            report.guessed.append(("office.area", "from the office's name (เขต N)"))
    data["office"] = {k: office[k] for k in ("name", "short_name", "kind", "province", "area") if k in office}
    return year or ""


def _indicator(
    code: str, title: str, rubric: dict[int, str], year: int | None, catalog: Catalog, report: ImportReport
) -> Any:
    known = catalog.indicators.get(code)
    if known is not None and known.title == title and (known.rubric or {}) == rubric:
        report.found.append(f"indicator: {code} (the catalogue's title and rubric)")
        return code
    out: dict[str, Any] = {"code": code, "title": title}
    if sorted(rubric) == [1, 2, 3, 4, 5]:
        out["rubric"] = {lv: rubric[lv] for lv in (5, 4, 3, 2, 1)}
    else:
        report.unmapped.append(("indicator.rubric", f"levels found: {sorted(rubric)}"))
    if known is not None and known.points:
        out["points"] = known.points
    report.found.append(f"indicator: {code} with the title and rubric the form prints")
    return out


def _standard(
    data: dict[str, Any], number: int, title: str, definition: list[str], catalog: Catalog, report: ImportReport
) -> None:
    known = catalog.standards.get(number)
    text = " ".join(definition).strip()
    year = data.get("fiscal_year") or 0
    if known is not None and known.title_for(year) == title and (known.definition or "") == text:
        report.found.append(f"standard: {number} (the catalogue's)")
        return
    data["standard"] = {"number": number, "title": title, **({"definition": text} if text else {})}
    report.found.append(f"standard: {number} with the title and definition the form prints")


_PARTS = (
    ("steps", re.compile(r"^กระบวนการ")),
    ("results", re.compile(r"^ผลการดำเนินงาน\s*:?$")),
    ("problems", re.compile(r"^ปัญหา\s*(?:และ)?\s*อุปสรรค\s*:?$")),
    ("suggestions", re.compile(r"^ข้อเสนอแนะ.{0,40}$")),
)


def _heading_of(text: str) -> str | None:
    """Which part a heading opens: its words, after an optional "N." (never "N)": that is an item)."""
    t = _digits(text.strip())
    if re.match(r"^\(?\d+\)", t) or len(t) > 250:
        return None
    t = re.sub(r"^\d+\.\s*", "", t).strip()
    for part, pattern in _PARTS:
        if pattern.search(t):
            return part
    return None


def _narrative(paras: list[_Para], indicator_title: str, report: ImportReport) -> dict[str, Any]:
    parts: dict[str, list[Any]] = {"steps": [], "results": [], "problems": [], "suggestions": []}
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
            report.unmapped.append(("narrative (before any heading)", taken))  # that was no heading
            out.pop("process_heading", None)
            current, taken = None, None
        if current is None and heading is None and not re.match(r"^\(?\d+\)", _digits(text.strip())):
            heading, taken = "steps", text  # the narrative opens with the process heading, whatever its words
        if heading is not None and (current is None or heading != current):
            current = heading
            if heading == "steps":
                shown = re.sub(r"^[0-9๐-๙]+\.\s*", "", text.strip())  # the form numbers it "1."
                if shown != default:
                    out["process_heading"] = shown
            continue
        if current is None:
            report.unmapped.append(("narrative (before any heading)", text))
            continue
        items = parts[current]
        plain = _digits(text)
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
            last_text = items[-1] if isinstance(items[-1], str) else items[-1]["text"]
            joined = last_text + "\n" + text
            if isinstance(items[-1], str):
                items[-1] = joined
            else:
                items[-1]["text"] = joined
            report.guessed.append(
                (f"narrative.{current}[{len(items) - 1}]", "an unnumbered line joined to the item above")
            )
        else:
            items.append(text.strip())
            report.guessed.append((f"narrative.{current}[0]", "an unnumbered line taken as an item"))
    for key, items in parts.items():
        out[key] = items
        report.found.append(f"narrative.{key}: {len(items)} item(s)")
    if not parts["steps"]:
        report.unmapped.append(("narrative.steps", "no process steps found"))
    return out


def _evidence(paras: list[_Para], report: ImportReport) -> dict[str, Any]:
    documents: list[dict[str, Any]] = []
    references: list[dict[str, Any]] = []
    for para in paras:
        text = para.text.strip()
        if not text:
            continue
        plain = _digits(text)
        if text[0] in "●•" and "เอกสาร" in text:
            continue  # the documents' heading
        link = para.links[-1] if para.links else None
        if text[0] in _BOXES:
            body = text[1:].strip()
            doc: dict[str, Any] = {"title": body, "submitted": text[0] in CHECKED}
            if link and body.endswith(link[0]):
                doc["title"] = body[: -len(link[0])].rstrip()
                if doc["title"].endswith(_SEPARATOR):
                    doc["title"] = doc["title"][: -len(_SEPARATOR)]
                doc["url"] = _iri(link[1])
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
                    ref = {"label": label[: -len(_SEPARATOR)], "url": _iri(link[1]), "link_text": link[0]}
                else:
                    shown = link[0]
                    same = _iri(link[1]) in (_iri(shown), _iri(shown) + "/")  # LibreOffice adds "/" to a bare host
                    ref = {"label": label.rstrip(" "), "url": shown if same else _iri(link[1])}
                    if not same:
                        ref["link_text"] = shown
            references.append(ref)
            continue
        report.unmapped.append(("evidence", text))
    report.found.append(f"evidence: {len(documents)} document(s), {len(references)} reference(s)")
    out: dict[str, Any] = {}
    if documents:
        out["documents"] = documents
    if references:
        out["references"] = references
    return out


def _notes(paras: list[_Para], report: ImportReport) -> list[str]:
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
            report.unmapped.append(("after the table", text))
    return notes


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    order = [
        "office",
        "fiscal_year",
        "round",
        "standard",
        "indicator",
        "level",
        "points",
        "narrative",
        "evidence",
        "notes",
    ]
    return {k: data[k] for k in order if k in data}


def to_yaml(data: dict[str, Any], report: ImportReport) -> str:
    """The data as YAML in the documented format. A guessed field gets its comment on its own
    line (``name: ...  # guessed: ...``); guesses inside lists and text that fitted nowhere are
    listed as comments on top."""
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000).splitlines()
    pending = dict(report.guessed)
    path: list[tuple[int, str]] = []  # (indent, key) of the mappings the line is in
    for n, line in enumerate(body):
        m = re.match(r"^( *)([A-Za-z_]+):", line)
        if not m:
            continue
        indent = len(m.group(1))
        while path and path[-1][0] >= indent:
            path.pop()
        path.append((indent, m.group(2)))
        key = ".".join(k for _i, k in path)
        if key in pending:
            body[n] = f"{line}  # guessed: {pending.pop(key)}"
    head = [f"# imported by sar-forms from {report.source}"]
    head += [f"# guessed: {f}: {why}" for f, why in pending.items()]
    head += [f"# not mapped: {where}: {text[:200]!r}" for where, text in report.unmapped]
    return "\n".join(head + body) + "\n"
