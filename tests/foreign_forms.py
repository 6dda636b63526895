"""Forms in the official layout that do not come from our template: as offices type them in Word.

Built with python-docx and direct formatting (a font and size on every run, no paragraph styles),
in the variants real files show: the table in one piece or split into several tables with the
header row repeated (as a form converted from PDF), Thai digits, check boxes as ☑/☐ characters,
Wingdings symbols (w:sym), legacy check-box form fields or Word check-box content controls,
links as hyperlinks or HYPERLINK fields.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from sar_forms import Assessment
from sar_forms.domain.text import to_thai_digits

Boxes = Literal["unicode", "wingdings", "legacy", "sdt"]


def _run(paragraph, text: str, *, bold: bool = False, size: int = 14):  # type: ignore[no-untyped-def]
    run = paragraph.add_run(text)
    run.font.name = "TH SarabunPSK"
    run.font.size = Pt(size)
    run.bold = bold
    return run


def _box(paragraph, checked: bool, boxes: Boxes) -> None:  # type: ignore[no-untyped-def]
    if boxes == "unicode":
        _run(paragraph, "☑" if checked else "☐")
    elif boxes == "wingdings":
        run = paragraph.add_run()
        sym = OxmlElement("w:sym")
        sym.set(qn("w:font"), "Wingdings")
        sym.set(qn("w:char"), "F0FE" if checked else "F0A8")
        run._r.append(sym)
    elif boxes == "legacy":
        begin = paragraph.add_run()._r
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), "begin")
        ff = OxmlElement("w:ffData")
        box = OxmlElement("w:checkBox")
        box.append(OxmlElement("w:sizeAuto"))
        default = OxmlElement("w:default")
        default.set(qn("w:val"), "1" if checked else "0")
        box.append(default)
        ff.append(box)
        fld.append(ff)
        begin.append(fld)
        instr = paragraph.add_run()._r
        it = OxmlElement("w:instrText")
        it.text = " FORMCHECKBOX "
        instr.append(it)
        end = paragraph.add_run()._r
        fe = OxmlElement("w:fldChar")
        fe.set(qn("w:fldCharType"), "end")
        end.append(fe)
    else:  # a check-box content control, as Word 2010+ inserts it
        sdt = OxmlElement("w:sdt")
        pr = OxmlElement("w:sdtPr")
        cb = OxmlElement("w14:checkbox")
        state = OxmlElement("w14:checked")
        state.set(qn("w14:val"), "1" if checked else "0")
        cb.append(state)
        pr.append(cb)
        sdt.append(pr)
        content = OxmlElement("w:sdtContent")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "☒" if checked else "☐"
        r.append(t)
        content.append(r)
        sdt.append(content)
        paragraph._p.append(sdt)
    _run(paragraph, " ")


def _link(paragraph, text: str, url: str, as_field: bool) -> None:  # type: ignore[no-untyped-def]
    if as_field:
        for kind, value in (("begin", None), ("instr", f' HYPERLINK "{url}" '), ("separate", None)):
            r = paragraph.add_run()._r
            if kind == "instr":
                it = OxmlElement("w:instrText")
                it.text = value
                r.append(it)
            else:
                fc = OxmlElement("w:fldChar")
                fc.set(qn("w:fldCharType"), kind)
                r.append(fc)
        _run(paragraph, text).underline = True
        r = paragraph.add_run()._r
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), "end")
        r.append(fc)
        return
    rid = paragraph.part.relate_to(
        url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True
    )
    h = OxmlElement("w:hyperlink")
    h.set(qn("r:id"), rid)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    h.append(r)
    paragraph._p.append(h)


HEADER = [
    "ระดับคุณภาพ",
    "คำอธิบายระดับคุณภาพ",
    "กระบวนการ วิธีการดำเนินงาน ปัญหา อุปสรรค และข้อเสนอแนะเพื่อการพัฒนา",
    "เอกสาร/หลักฐานอ้างอิง",
]


def foreign_form(
    a: Assessment,
    path: Path,
    *,
    split: bool = False,
    thai_digits: bool = False,
    boxes: Boxes = "unicode",
    field_links: bool = False,
) -> Path:
    """``a`` typed as an office would, into a new Word document at ``path``."""
    num = to_thai_digits if thai_digits else (lambda s: s)
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = num(f"{a.office.short_name} ปีงบประมาณ พ.ศ. {a.fiscal_year}")
    d.core_properties.author = "ผู้ใช้"  # who typed it, not the office: nothing to rely on
    _run(d.add_paragraph(), num(f"มาตรฐานที่ {a.standard.number} {a.standard.title}"), bold=True)
    _run(d.add_paragraph(), a.standard.definition or "")
    _run(d.add_paragraph(), num(f"ตัวบ่งชี้ที่ {a.indicator.number} {a.indicator.title}"), bold=True)
    _run(d.add_paragraph(), "ระดับคุณภาพ", bold=True)

    def new_table():  # type: ignore[no-untyped-def]
        t = d.add_table(rows=1, cols=4)
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, HEADER, strict=True):
            _run(cell.paragraphs[0], text, bold=True)
        return t

    rubric = a.indicator.rubric or {}
    parts = [
        ("1. กระบวนการ วิธีการดำเนินงานเกี่ยวกับ" + a.indicator.title + " ของสำนักงานเขตพื้นที่การศึกษา", a.narrative.steps),
        ("ผลการดำเนินงาน", a.narrative.results),
        ("2. ปัญหา อุปสรรค", a.narrative.problems),
        ("3. ข้อเสนอแนะเพื่อการพัฒนา", a.narrative.suggestions),
    ]
    table = new_table()
    first_row = None
    for level in (5, 4, 3, 2, 1):
        if split and level == 2:  # the rest in a table of its own, its header repeated
            d.add_paragraph()
            table = new_table()
        row = table.add_row().cells
        first_row = first_row or row
        p = row[0].paragraphs[0]
        _box(p, level == a.level, boxes)
        _run(p, num(str(level)))
        lines = rubric[level].split("\n")
        p = row[1].paragraphs[0]
        for i, line in enumerate(lines):
            if i:
                p.add_run().add_break(WD_BREAK.LINE)
            _run(p, num(line))
    assert first_row is not None
    cell = first_row[2]
    cell.paragraphs[0].text = ""
    for heading, items in parts:
        _run(cell.add_paragraph(), num(heading), bold=True)
        for i, item in enumerate(items, 1):
            _run(cell.add_paragraph(), num(f"{i}) ") + item.text)
            for j, sub in enumerate(item.items, 1):
                _run(cell.add_paragraph(), num(f"({i}.{j}) ") + sub.text)
        if not items:
            _run(cell.add_paragraph(), "-")
    ev = first_row[3]
    _run(ev.paragraphs[0], "● เอกสารที่ต้องนำส่งในระบบ", bold=True)
    for doc in a.evidence.documents:
        p = ev.add_paragraph()
        _box(p, doc.submitted, boxes)
        _run(p, doc.title)
        if doc.url:
            _run(p, ".....")
            _link(p, doc.link_text, doc.url, field_links)
    for n, ref in enumerate(a.evidence.references, 1):
        p = ev.add_paragraph()
        _run(p, num(f"{n}. ") + ref.label)
        if ref.url:
            _run(p, "....." if ref.link_text else " ")
            _link(p, ref.link_text or ref.url, ref.url, field_links)
    return notes_and_save(d, a, path, num)


def notes_and_save(d, a: Assessment, path: Path, num) -> Path:  # type: ignore[no-untyped-def]
    """The notes under the table, typed "1.<tab>note", and the document saved at ``path``."""
    _run(d.add_paragraph(), "หมายเหตุ :", bold=True)
    for n, note in enumerate(a.notes, 1):
        _run(d.add_paragraph(), num(f"{n}.") + "\t" + note)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path
