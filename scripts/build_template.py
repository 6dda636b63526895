"""Build templates/indicator_form.docx, the official indicator form, as a docxtpl template.

Run it again after changing the layout (``.venv/bin/python scripts/build_template.py``); the
result is committed so that office staff can open and restyle it in Word, and the golden test
shows the change in review.

Why it is built this way:
- Thai is a complex script in Word: the font comes from ``w:rFonts/@w:cs``, the size from
  ``w:szCs``, bold from ``w:bCs``, and the language from ``w:lang/@w:bidi``. They are set in
  the styles (docDefaults and each style), so every run gets them without direct formatting.
- The styles part is written whole: python-docx's default one is 438 KB of Office 2010 styles
  with theme fonts (which would override TH Sarabun) and a stylesWithEffects twin that Word
  flags when it disagrees with styles.xml. That twin, the thumbnail and customXml are dropped.
- The five level rows are static (no ``{%tr%}`` loop), and the narrative and evidence cells
  are merged down them with a real ``w:vMerge`` (docxtpl's ``{% vm %}`` writes it out of the
  schema order), so each cell's text is written once.
- ``w:tblGrid`` carries the column widths: LibreOffice lays columns out from it, not from the
  cell widths.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Twips

FONT = "TH Sarabun New"
SYMBOL_FONT = "Segoe UI Symbol"  # has ☑ ☐; fontconfig maps it to DejaVu Sans on Linux
CM = 567  # twips


@dataclass(frozen=True)
class Layout:
    """The page and the table: every number that decides where lines and pages break.

    Sizes in half-points (Word's w:sz), lengths in twips. ``line`` values are exact line
    pitches: Word and LibreOffice then break pages at the same lines whatever font metrics the
    reader's TH Sarabun (or its stand-in) has (see docs/templates.md).
    """

    landscape: bool = False
    margins: tuple[int, int, int, int] = (1701, 1134, 1418, 1134)  # official: left 3, right 2, top 2.5, bottom 2 cm
    header_footer: int = 567  # 1 cm from the page edge
    body_size: int = 32  # 16 pt (TH Sarabun's 16 pt, which sets like 11 pt of a Latin font)
    body_line: int = 360  # 18 pt: 1.125 x 16 pt, room for stacked marks (see docs/templates.md)
    table_size: int = 32
    table_line: int = 360
    columns: tuple[float, ...] = (1.7, 3.1, 7.1, 4.1)  # level | rubric | narrative | evidence, cm (16 cm in all)

    @property
    def page(self) -> tuple[int, int]:
        return (16838, 11906) if self.landscape else (11906, 16838)

    @property
    def text_width(self) -> int:
        return self.page[0] - self.margins[0] - self.margins[1]

    @property
    def column_widths(self) -> tuple[int, ...]:
        total = sum(self.columns)
        widths = [round(self.text_width * c / total) for c in self.columns[:-1]]
        return (*widths, self.text_width - sum(widths))


LAYOUT = Layout()
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def rpr(
    *,
    bold: bool = False,
    size: int | None = None,
    font: str | None = None,
    color: str | None = None,
    underline: bool = False,
    lang: bool = False,
) -> str:
    """Run properties in schema order, always with the complex-script twins."""
    out = ""
    if font:
        out += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
    if bold:
        out += "<w:b/><w:bCs/>"
    if color:
        out += f'<w:color w:val="{color}"/>'
    if size:
        out += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    if underline:
        out += '<w:u w:val="single"/>'
    if lang:
        # Latin words are English (Thai line breaking would split 'Facebook'); Thai is th-TH
        out += '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="th-TH"/>'
    return f"<w:rPr>{out}</w:rPr>" if out else ""


def pstyle(
    style_id: str, name: str, *, ppr: str = "", rpr_xml: str = "", based_on: str = "Normal", next_id: str | None = None
) -> str:
    nxt = f'<w:next w:val="{next_id}"/>' if next_id else ""
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="{based_on}"/>{nxt}<w:qFormat/>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}{rpr_xml}</w:style>'
    )


def hanging(left: int, hang: int) -> str:
    return f'<w:ind w:left="{left}" w:hanging="{hang}"/>'


def spacing(line: int, before: int = 0, after: int = 0) -> str:
    """An exact line pitch: the same lines per page in Word and LibreOffice, whatever the font's own
    line height (Laksaman's is 1.72 em, Sarabun's 1.30 em, TH Sarabun New's another)."""
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="exact"/>'


def styles(lay: Layout) -> str:
    """The whole styles part. Paragraph properties are written in CT_PPr's schema order
    (keepNext, keepLines, spacing, ind, jc)."""
    ts, tl, bl = lay.table_size, lay.table_line, lay.body_line
    cell = "SarCell"
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
<w:docDefaults>
<w:rPrDefault>{rpr(font=FONT, size=lay.body_size, lang=True)}</w:rPrDefault>
<w:pPrDefault><w:pPr>{spacing(bl)}</w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr>{spacing(tl)}<w:jc w:val="right"/></w:pPr>{rpr(size=ts)}</w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr>{spacing(tl)}<w:jc w:val="center"/></w:pPr>{rpr(size=ts)}</w:style>
<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>{rpr(color="0563C1", underline=True)}</w:style>
<w:style w:type="character" w:customStyle="1" w:styleId="SarCheckBox"><w:name w:val="SAR Check Box"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="1"/><w:qFormat/>{rpr(font=SYMBOL_FONT, size=ts - 10)}</w:style>
{pstyle("SarHeading", "SAR Heading", ppr=f"<w:keepNext/>{spacing(bl, 60)}", rpr_xml=rpr(bold=True))}
{pstyle("SarDefinition", "SAR Definition", ppr=f'{spacing(bl, 0, 120)}<w:ind w:firstLine="720"/><w:jc w:val="thaiDistribute"/>')}
{pstyle(cell, "SAR Cell", ppr=spacing(tl), rpr_xml=rpr(size=ts))}
{pstyle("SarTableHead", "SAR Table Head", ppr='<w:keepNext/><w:jc w:val="center"/>', rpr_xml=rpr(bold=True), based_on=cell)}
{pstyle("SarLevel", "SAR Level", ppr='<w:jc w:val="center"/>', rpr_xml=rpr(bold=True), based_on=cell)}
{pstyle("SarCellHeading", "SAR Cell Heading", ppr=f"<w:keepNext/>{spacing(tl, 60)}", rpr_xml=rpr(bold=True), based_on=cell)}
{pstyle("SarItem", "SAR Item", ppr=hanging(397, 397), based_on=cell)}
{pstyle("SarSubItem", "SAR Sub-item", ppr=hanging(851, 454), based_on=cell)}
{pstyle("SarEvidence", "SAR Evidence", ppr=hanging(340, 340), based_on=cell)}
{pstyle("SarNoteHeading", "SAR Note Heading", ppr=f"<w:keepNext/>{spacing(bl, 240)}", rpr_xml=rpr(bold=True))}
{pstyle("SarNote", "SAR Note", ppr=hanging(680, 340))}
</w:styles>"""


STYLE_NAMES = dict(re.findall(r'w:styleId="(\w+)"><w:name w:val="([^"]+)"', styles(LAYOUT)))


def set_tcpr(cell, *, shade: str | None = None) -> None:
    """Cell shading, placed before w:vAlign as CT_TcPr's sequence requires."""
    tcPr = cell._tc.get_or_add_tcPr()
    if shade:
        shd = parse_xml(f'<w:shd {W} w:val="clear" w:color="auto" w:fill="{shade}"/>')
        anchor = tcPr.find(qn("w:vAlign"))
        if anchor is not None:
            anchor.addprevious(shd)
        else:
            tcPr.append(shd)


def para(container, text: str | list = "", style: str = "SarCell"):
    """A paragraph of runs; a run is a string, ("box", text) for the checkbox style, or "\\t"."""
    p = container.add_paragraph(style=STYLE_NAMES.get(style, style))
    for part in [text] if isinstance(text, str) else text:
        if part == "\t":
            p.add_run().add_tab()
        elif isinstance(part, tuple):
            p.add_run(part[1], style=STYLE_NAMES["SarCheckBox"])
        elif part:
            p.add_run(part)
    return p


def items_block(cell, seq: str) -> None:
    """Numbered items with their sub-items, one paragraph each."""
    para(cell, f"{{%p for it in {seq} %}}")
    para(cell, ["{{ it.label }}", "\t", "{{ it.text }}"], "SarItem")
    para(cell, "{%p for sub in it.subitems %}")
    para(cell, ["{{ sub.label }}", "\t", "{{ sub.text }}"], "SarSubItem")
    para(cell, "{%p endfor %}")
    para(cell, "{%p endfor %}")


def build(out: Path, lay: Layout = LAYOUT) -> None:
    d = docx.Document()
    part = d.part
    # Drop what the default package carries and a form does not need (see the module docstring).
    for rid, rel in list(part.rels.items()):
        if rel.reltype in (STYLES_WITH_EFFECTS, RT.NUMBERING, RT.CUSTOM_XML):
            part.drop_rel(rid)
    pkg_rels = part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg_rels.pop(rid)
    d.part._styles_part._element = parse_xml(styles(lay).encode("utf-8"))

    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE if lay.landscape else WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = (Twips(v) for v in lay.page)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = (Twips(v) for v in lay.margins)
    sec.header_distance = sec.footer_distance = Twips(lay.header_footer)
    header = sec.header.paragraphs[0]
    header.style = "header"
    header.add_run("{{ office.short_name }} ปีงบประมาณ พ.ศ. {{ fiscal_year }}{% if round %} {{ round_text }}{% endif %}")
    footer = sec.footer.paragraphs[0]
    footer.style = "footer"
    footer._p.append(parse_xml(f'<w:fldSimple {W} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))

    body = d
    for p in body.paragraphs:  # the default document's empty paragraph
        p._p.getparent().remove(p._p)
    para(body, "มาตรฐานที่ {{ standard.number }} {{ standard.title }}", "SarHeading")
    para(body, "{%p if standard.definition %}")
    para(body, "{{ standard.definition }}", "SarDefinition")
    para(body, "{%p endif %}")
    para(body, "ตัวบ่งชี้ที่ {{ indicator.number }} {{ indicator.title }}", "SarHeading")
    para(body, "ระดับคุณภาพ", "SarHeading")

    table = d.add_table(rows=6, cols=4)
    tbl = table._tbl
    tblPr = tbl.tblPr
    tblPr.append(parse_xml(f'<w:tblStyle {W} w:val="TableGrid"/>'))
    tblPr.insert(0, tblPr[-1])  # tblStyle is first in CT_TblPr
    for el in tblPr.findall(qn("w:tblW")):
        el.set(qn("w:w"), str(lay.text_width))
        el.set(qn("w:type"), "dxa")
    tblPr.append(parse_xml(f'<w:tblLayout {W} w:type="fixed"/>'))
    look = tblPr.find(qn("w:tblLook"))
    if look is not None:
        tblPr.append(look)  # tblLook is last
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), lay.column_widths):
        col.set(qn("w:w"), str(width))
    for row in table.rows:
        for cell, width in zip(row.cells, lay.column_widths):
            cell.width = Twips(width)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)

    head = table.rows[0]
    trPr = head._tr.get_or_add_trPr()
    trPr.append(parse_xml(f"<w:cantSplit {W}/>"))
    trPr.append(parse_xml(f"<w:tblHeader {W}/>"))
    titles = (
        "ระดับ คุณภาพ",
        "คำอธิบายระดับคุณภาพ",
        "กระบวนการ วิธีการดำเนินงาน ปัญหา อุปสรรค และข้อเสนอแนะเพื่อการพัฒนา",
        "เอกสาร/หลักฐานอ้างอิง",
    )
    for cell, title in zip(head.cells, titles):
        para(cell, title, "SarTableHead")
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        set_tcpr(cell, shade="D9D9D9")

    for i in range(5):
        cells = table.rows[i + 1].cells
        para(cells[0], [("box", f"{{{{ levels[{i}].box }}}}"), f" {{{{ levels[{i}].level }}}}"], "SarLevel")
        para(cells[1], f"{{{{ levels[{i}].text }}}}")
    for i in range(2, 6):  # a cell needs a paragraph; the continued cells of the merges get one
        for c in (2, 3):
            para(table.cell(i, c))

    narrative = table.cell(1, 2).merge(table.cell(5, 2))
    para(narrative, "{{ digits[1] }}. {{ narrative.process_heading }}", "SarCellHeading")
    items_block(narrative, "narrative.steps")
    para(narrative, "ผลการดำเนินงาน", "SarCellHeading")
    items_block(narrative, "narrative.results")
    para(narrative, "{{ digits[2] }}. ปัญหา อุปสรรค", "SarCellHeading")
    items_block(narrative, "narrative.problems")
    para(narrative, "{{ digits[3] }}. ข้อเสนอแนะเพื่อการพัฒนา", "SarCellHeading")
    items_block(narrative, "narrative.suggestions")

    evidence = table.cell(1, 3).merge(table.cell(5, 3))
    para(evidence, "{%p if evidence.documents %}")
    para(evidence, [("box", "●"), " เอกสารที่ต้องนำส่งในระบบ"], "SarCellHeading")
    para(evidence, "{%p endif %}")
    para(evidence, "{%p for d in evidence.documents %}")
    para(
        evidence,
        [("box", "{{ d.box }}"), " {{ d.title }}", "{% if d.link %}", "{{ d.sep }}", "{{r d.link }}", "{% endif %}"],
        "SarEvidence",
    )
    para(evidence, "{%p endfor %}")
    para(evidence, "{%p if evidence.documents and evidence.references %}")
    para(evidence, "", "SarCell")
    para(evidence, "{%p endif %}")
    para(evidence, "{%p for ref in evidence.references %}")
    para(
        evidence,
        ["{{ ref.number }} {{ ref.label }}", "{% if ref.link %}", "{{ ref.sep }}", "{{r ref.link }}", "{% endif %}"],
        "SarEvidence",
    )
    para(evidence, "{%p endfor %}")
    for cell in (narrative, evidence):
        # merge() leaves the merged cells' empty paragraphs at the end: drop them, keep one at least
        ps = cell._tc.findall(qn("w:p"))
        for p in ps[1:]:
            if not "".join(p.itertext()).strip():
                cell._tc.remove(p)

    para(body, "หมายเหตุ :", "SarNoteHeading")
    para(body, "{%p for n in notes %}")
    para(body, ["{{ n.number }}", "\t", "{{ n.text }}"], "SarNote")
    para(body, "{%p endfor %}")

    # Empty paragraphs removed at the top-level keep a final one before sectPr (Word requires
    # a paragraph after a table at the end of a cell or body): the notes give that.
    cp = d.core_properties
    cp.title = "แบบรายงานการประเมินตนเอง ตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2560"
    cp.author = cp.last_modified_by = "sar_forms"
    cp.subject = cp.keywords = cp.comments = ""
    cp.language = "th-TH"
    cp.revision = 1
    cp.created = cp.modified = dt.datetime(2024, 1, 1)
    d.settings.element.find(qn("w:themeFontLang")).set(qn("w:bidi"), "th-TH")
    out.parent.mkdir(parents=True, exist_ok=True)
    d.save(out)


if __name__ == "__main__":
    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / "templates" / "indicator_form.docx"
    )
    build(target)
    print(target)
