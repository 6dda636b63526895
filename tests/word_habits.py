"""Forms typed the way office staff type them in Word: each habit seen in real files, on or off.

:func:`typed_form` writes an :class:`~sar_forms.Assessment` into a new Word document with
python-docx and raw WordprocessingML, in any combination of :class:`Habits`: Word's automatic
numbering (direct, through a paragraph style, or through a list style; each part restarted or one
list continued; sub-items as a deeper level), headings bold only, numbered, numbered automatically
or as the outer level of one outline list; soft line breaks between items or a whole part in one
paragraph; tabs after numbers; ✔ / ✓ / X / ● beside the level or the level's row shaded; the
documents as Word bullets, the references numbered by Word; web addresses as hyperlinks, HYPERLINK
fields or plain text; the narrative split over the level rows; no header row; the evidence in a
nested table; the headings above the table in a text box; hidden text; no page header; the
rubric numbered by Word.
None of these files came from a template of ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from foreign_forms import HEADER, _link, _run, notes_and_save

from sar_forms import Assessment
from sar_forms.domain.text import to_thai_digits

Numbers = Literal["typed", "direct", "style", "list_style"]


@dataclass(frozen=True)
class Habits:
    """How one office typed its form. ``numbers``: "typed" (the number is text) or Word's own
    list numbering applied directly, through a paragraph style, or through a list style."""

    numbers: Numbers = "typed"
    restart: bool = True  # each part's list restarts at 1 (Word's "Restart at 1"), or one list runs on
    sub_levels: bool = True  # Word's numbering: sub-items as the list's next level (else typed "(1.1)")
    tab_after_number: bool = False
    soft_breaks: Literal["none", "between", "part"] = (
        "none"  # typed numbers: items, or the whole part, in one paragraph
    )
    headings: Literal["numbered", "bold", "auto", "outline"] = "numbered"
    mark: Literal["☑", "✔", "✓", "X", "●", "shading"] = "☑"
    bullets: bool = False  # the documents as Word's bullets
    references_numbered: bool = False  # the references numbered by Word
    urls: Literal["links", "fields", "plain"] = "links"
    narrative_rows: bool = False  # the narrative and evidence split over the level rows
    header_row: bool = True
    nested_table: bool = False  # the evidence column inside a table of its own
    text_box: bool = False  # the standard and the indicator in a text box above the table
    hidden: bool = False  # hidden runs and a hidden paragraph, which are not the form's text
    page_header: bool = True  # the office and year in the page header (else only in the body)
    thai_digits: bool = False  # typed numbers and the year in Thai digits
    rubric_numbered: bool = False  # the rubric's "1." "2." drawn by Word, restarted in each cell

    def fixed(self) -> Habits:
        """The habits as one document can hold them: Word numbers paragraphs, so the items of a
        part in one paragraph are typed; an outline needs Word's numbering."""
        h = self
        if h.numbers != "typed" and h.soft_breaks != "none":
            h = _replace(h, soft_breaks="none")
        if h.numbers == "typed" and h.headings == "outline":
            h = _replace(h, headings="auto")
        if h.soft_breaks == "part" and h.headings in ("auto", "outline"):
            h = _replace(h, headings="numbered")
        return h


def _replace(h: Habits, **changes: Any) -> Habits:
    return Habits(**{**h.__dict__, **changes})


HIDDEN = "ข้อความที่ซ่อนไว้"

# numbering definitions, ids from 90 so as not to meet the default template's
_ITEMS, _HEADS, _OUTLINE, _BULLETS, _REFS, _LINKED, _STYLED = 90, 91, 92, 93, 94, 95, 96


def _lvl(ilvl: int, fmt: str, text: str, *, suff: str = "tab", font: str | None = None) -> str:
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{360 * (ilvl + 1)}" w:hanging="360"/></w:pPr>{rpr}</w:lvl>'
    )


class _Lists:
    """The numbering part's definitions and the w:num instances handed out for each list."""

    def __init__(self, d: Any, habits: Habits) -> None:
        self.d, self.h = d, habits
        self.numbering = d.part.numbering_part.element
        suff = "tab" if habits.tab_after_number else "space"
        items = _lvl(0, "decimal", "%1)", suff=suff) + _lvl(1, "decimal", "(%1.%2)", suff=suff)
        self._abstract(_ITEMS, items)
        self._abstract(_STYLED, items, link='<w:styleLink w:val="ItemsList"/>')
        self._abstract(_LINKED, "", link='<w:numStyleLink w:val="ItemsList"/>')
        self._abstract(_HEADS, _lvl(0, "decimal", "%1."))
        outline = _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%2)", suff=suff) + _lvl(2, "decimal", "(%2.%3)")
        self._abstract(_OUTLINE, outline)
        self._abstract(_BULLETS, _lvl(0, "bullet", "\uf0b7", font="Symbol"))
        self._abstract(_REFS, _lvl(0, "decimal", "%1."))
        self.next_id = 90
        self.heads = self.num(_HEADS)
        self.outline = self.num(_OUTLINE)
        self.bullets = self.num(_BULLETS)
        self.refs = self.num(_REFS)
        styles = d.styles.element
        styled_num = self.num(_STYLED)
        styles.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="numbering" w:styleId="ItemsList"><w:name w:val="Items List"/>'
                f'<w:pPr><w:numPr><w:numId w:val="{styled_num}"/></w:numPr></w:pPr></w:style>'
            )
        )
        self.item_style = d.styles.add_style("Item Numbered", WD_STYLE_TYPE.PARAGRAPH)
        self.first_items = self.num(_LINKED if habits.numbers == "list_style" else _ITEMS)
        numpr = OxmlElement("w:numPr")
        nid = OxmlElement("w:numId")
        nid.set(qn("w:val"), str(self.first_items))
        numpr.append(nid)
        self.item_style.element.get_or_add_pPr().append(numpr)
        self.parts = 0

    def _abstract(self, ident: int, levels: str, link: str = "") -> None:
        xml = f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}"><w:multiLevelType w:val="multilevel"/>'
        self.numbering.insert(0, parse_xml(xml + link + levels + "</w:abstractNum>"))

    def num(self, abstract: int, restart: bool = False) -> int:
        self.next_id += 1
        over = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
        xml = f'<w:num {nsdecls("w")} w:numId="{self.next_id}"><w:abstractNumId w:val="{abstract}"/>{over}</w:num>'
        self.numbering.append(parse_xml(xml))
        return self.next_id

    def items_for_part(self) -> int | None:
        """The w:num a part's items use: the first part's, then (restarting) a new one each part;
        None when the paragraph style alone numbers them."""
        self.parts += 1
        if self.parts == 1 or not self.h.restart:
            return None if self.h.numbers == "style" else self.first_items
        return self.num(_LINKED if self.h.numbers == "list_style" else _ITEMS, restart=True)


def _number(p: Any, num_id: int | None, ilvl: int) -> None:
    numpr = OxmlElement("w:numPr")
    lvl = OxmlElement("w:ilvl")
    lvl.set(qn("w:val"), str(ilvl))
    numpr.append(lvl)
    if num_id is not None:
        nid = OxmlElement("w:numId")
        nid.set(qn("w:val"), str(num_id))
        numpr.append(nid)
    p._p.get_or_add_pPr().append(numpr)


def _lines(p: Any, text: str) -> None:
    """``text`` into ``p``, its line breaks as Word's soft line breaks."""
    for i, line in enumerate(text.split("\n")):
        if i:
            p.add_run().add_break(WD_BREAK.LINE)
        _run(p, line)


def _hidden(p: Any) -> None:
    run = _run(p, HIDDEN)
    run.font.hidden = True


_BOX_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _text_box(d: Any, texts: list[tuple[str, bool]]) -> None:
    """A paragraph holding a text box with ``texts`` (text, bold), as Word 2010+ writes one: the
    shape, and a VML copy for older readers (the same text twice in the file, once on the page)."""
    from xml.sax.saxutils import escape

    inner = "".join(
        f'<w:p><w:r><w:rPr>{"<w:b/>" if bold else ""}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        for text, bold in texts
    )
    box = f"<w:txbxContent>{inner}</w:txbxContent>"
    xml = (
        f'<w:r {_BOX_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5400000" cy="1400000"/>'
        '<wp:docPr id="100" name="Text Box 1"/><a:graphic>'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="1400000"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>{box}</wps:txbx><wps:bodyPr/>'
        "</wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:rect style="width:425pt;height:110pt"><v:textbox>{box}</v:textbox></v:rect>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    d.add_paragraph()._p.append(parse_xml(xml))


def _shade(cell: Any) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "D9D9D9")
    cell._tc.get_or_add_tcPr().append(shd)


def _level_text(h: Habits, level: int, chosen: bool, num: Any) -> str:
    if h.mark == "☑":
        return ("☑ " if chosen else "☐ ") + num(str(level))
    if h.mark == "shading" or not chosen:
        return num(str(level))
    return f"{h.mark} {num(str(level))}"


class _Writer:
    """Paragraphs into the cells of the table, numbered as the habits say."""

    def __init__(self, a: Assessment, h: Habits, lists: _Lists, num: Any) -> None:
        self.a, self.h, self.lists, self.num = a, h, lists, num

    def narrative(self, cells: list[Any]) -> None:
        h, num, title = self.h, self.num, self.a.indicator.title
        parts = [
            ("กระบวนการ วิธีการดำเนินงานเกี่ยวกับ" + title + " ของสำนักงานเขตพื้นที่การศึกษา", 1, self.a.narrative.steps),
            ("ผลการดำเนินงาน", None, self.a.narrative.results),
            ("ปัญหา อุปสรรค", 2, self.a.narrative.problems),
            ("ข้อเสนอแนะเพื่อการพัฒนา", 3, self.a.narrative.suggestions),
        ]
        for n, (heading, number, items) in enumerate(parts):
            cell = cells[min(n, len(cells) - 1)]
            typed = heading if number is None or h.headings != "numbered" else num(f"{number}. ") + heading
            if h.soft_breaks == "part":
                p = cell.add_paragraph()
                _run(p, typed, bold=True)
                for line in self._typed_lines(items):
                    p.add_run().add_break(WD_BREAK.LINE)
                    _lines(p, line)
                if not items:
                    p.add_run().add_break(WD_BREAK.LINE)
                    _run(p, "-")
                continue
            p = cell.add_paragraph()
            _run(p, typed, bold=True)
            if number is not None and h.headings in ("auto", "outline"):
                _number(p, self.lists.heads if h.headings == "auto" else self.lists.outline, 0)
            if not items:
                _run(cell.add_paragraph(), "-")
            elif h.numbers == "typed" and h.soft_breaks == "between":
                p = cell.add_paragraph()
                for i, line in enumerate(self._typed_lines(items)):
                    if i:
                        p.add_run().add_break(WD_BREAK.LINE)
                    _lines(p, line)
            elif h.numbers == "typed":
                for line in self._typed_lines(items):
                    _lines(cell.add_paragraph(), line)
                    if self.h.hidden and n == 0:
                        self._hide_some(cell)
            else:
                self._numbered(cell, items, hide=h.hidden and n == 0)

    def _typed_lines(self, items: list[Any]) -> list[str]:
        sep = "\t" if self.h.tab_after_number else " "
        out = []
        for i, item in enumerate(items, 1):
            out.append(self.num(f"{i})") + sep + item.text)
            out += [self.num(f"({i}.{j})") + " " + sub.text for j, sub in enumerate(item.items, 1)]
        return out

    def _hide_some(self, cell: Any) -> None:
        """A hidden run at the end of the last paragraph, and a whole hidden paragraph after it."""
        _hidden(cell.paragraphs[-1])
        p = cell.add_paragraph()
        _hidden(p)

    def _numbered(self, cell: Any, items: list[Any], hide: bool) -> None:
        outline = self.h.headings == "outline"
        num_id = self.lists.outline if outline else self.lists.items_for_part()
        base = 1 if outline else 0
        for i, item in enumerate(items, 1):
            p = cell.add_paragraph(style=self.lists.item_style if self.h.numbers == "style" and not outline else None)
            _lines(p, item.text)
            if num_id is not None or base:
                _number(p, num_id, base)
            if hide:
                self._hide_some(cell)
            for j, sub in enumerate(item.items, 1):
                q = cell.add_paragraph(style=p.style if self.h.sub_levels else None)
                if self.h.sub_levels:
                    _lines(q, sub.text)
                    _number(q, num_id, base + 1)
                else:
                    _lines(q, self.num(f"({i}.{j})") + " " + sub.text)

    def evidence(self, cells: list[Any]) -> None:
        h, ev = self.h, self.a.evidence
        paras: list[list[Any]] = [[], []]  # what goes where: documents, then references
        paras[0].append(("heading", None))
        paras[0] += [("document", d) for d in ev.documents]
        paras[1] += [("reference", (n, r)) for n, r in enumerate(ev.references, 1)]
        for n, group in enumerate(paras):
            cell = cells[min(n, len(cells) - 1)]
            if h.nested_table:
                table = cell.add_table(rows=len(group), cols=1)
                targets = [row.cells[0].paragraphs[0] for row in table.rows]
                cell.add_paragraph()  # Word keeps a paragraph after a table in a cell
            else:
                targets = [cell.add_paragraph() for _ in group]
            for p, (kind, value) in zip(targets, group, strict=True):
                getattr(self, f"_{kind}")(p, value)

    def _heading(self, p: Any, _value: None) -> None:
        if self.h.bullets:
            _run(p, "เอกสารที่ต้องนำส่งในระบบ", bold=True)
            _number(p, self.lists.bullets, 0)
        else:
            _run(p, "● เอกสารที่ต้องนำส่งในระบบ", bold=True)

    def _document(self, p: Any, doc: Any) -> None:
        if self.h.bullets:
            _number(p, self.lists.bullets, 0)
        _run(p, ("☑ " if doc.submitted else "☐ ") + doc.title)
        if self.h.hidden:
            _hidden(p)
        if doc.url:
            _run(p, ".....")
            self._link(p, doc.link_text, doc.url)

    def _reference(self, p: Any, value: tuple[int, Any]) -> None:
        n, ref = value
        if self.h.references_numbered:
            _number(p, self.lists.refs, 0)
            _run(p, ref.label)
        else:
            _run(p, self.num(f"{n}. ") + ref.label)
        if ref.url:
            _run(p, "....." if ref.link_text else " ")
            self._link(p, ref.link_text or ref.url, ref.url)

    def _link(self, p: Any, text: str, url: str) -> None:
        if self.h.urls == "plain":
            _run(p, url)
        else:
            _link(p, text, url, self.h.urls == "fields")


def _numbered_rubric(cell: Any, text: str, lists: _Lists) -> None:
    """A rubric's lines as paragraphs Word numbers "1." "2." (their typed numbers taken off)."""
    import re

    restarted = lists.num(_REFS, restart=True)
    for i, line in enumerate(text.split("\n")):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        _run(p, re.sub(r"^\d+\.\s*", "", line))
        _number(p, restarted, 0)


def typed_form(a: Assessment, path: Path, habits: Habits | None = None) -> Path:
    """``a`` typed into a new Word document at ``path`` with ``habits``; the path."""
    h = (habits or Habits()).fixed()
    num = to_thai_digits if h.thai_digits else (lambda s: s)
    d = docx.Document()
    lists = _Lists(d, h)
    if h.page_header:
        d.sections[0].header.paragraphs[0].text = num(f"{a.office.short_name} ปีงบประมาณ พ.ศ. {a.fiscal_year}")
    heads = [
        (num(f"มาตรฐานที่ {a.standard.number} ") + a.standard.title, True),
        (a.standard.definition or "", False),
        (num(f"ตัวบ่งชี้ที่ {a.indicator.number} ") + a.indicator.title, True),
    ]
    if h.text_box:
        _text_box(d, heads)
    else:
        for text, bold in heads:
            _run(d.add_paragraph(), text, bold=bold)
    _run(d.add_paragraph(), "ระดับคุณภาพ", bold=True)
    table = d.add_table(rows=1 if h.header_row else 0, cols=4)
    table.style = "Table Grid"
    if h.header_row:
        for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
            _run(cell.paragraphs[0], text, bold=True)
    rows = []
    rubric = a.indicator.rubric or {}
    for level in (5, 4, 3, 2, 1):
        row = table.add_row().cells
        rows.append(row)
        _run(row[0].paragraphs[0], _level_text(h, level, level == a.level, num))
        if h.mark == "shading" and level == a.level:
            _shade(row[0])
        if h.rubric_numbered:
            _numbered_rubric(row[1], rubric[level], lists)
        else:
            _lines(row[1].paragraphs[0], num(rubric[level]))
    writer = _Writer(a, h, lists, num)
    writer.narrative([r[2] for r in rows] if h.narrative_rows else [rows[0][2]])
    writer.evidence([r[3] for r in rows] if h.narrative_rows else [rows[0][3]])
    return notes_and_save(d, a, path, num)
