"""The book's own pages and its outline, as WordprocessingML in the template's styles.

The cover, summary, contents and sign-off are paragraphs and tables written here into the body of a
rendered form (so they share its styles, header and page); the contents' page numbers are PAGEREF
fields to each form's bookmark. The forms' headings get outline levels (standard, indicator): the
PDF's bookmarks and Word's navigation pane."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence

from lxml import etree

from ..ooxml.compose import form_mark
from ..ooxml.names import w as _w
from ..ooxml.package import Package

__all__ = ["Writer", "with_body", "with_outline"]

_TEXT_WIDTH = 9071  # twips between the template's margins (A4, 3 cm and 2 cm)


class Writer:
    """Paragraphs and tables of the front and back matter, in the template's styles."""

    def __init__(self, mark: Callable[[str], str]) -> None:
        self.mark = mark
        self.body: list[etree._Element] = []

    def p(
        self,
        text: str = "",
        style: str = "SarCell",
        *,
        align: str | None = None,
        size: int | None = None,
        bold: bool = False,
        before: int | None = None,
        outline: int | None = None,
        page_break: bool = False,
    ) -> etree._Element:
        para = etree.Element(_w("p"))
        ppr = etree.SubElement(para, _w("pPr"))
        etree.SubElement(ppr, _w("pStyle")).set(_w("val"), style)
        if page_break:
            etree.SubElement(ppr, _w("pageBreakBefore"))
        if before is not None:
            spacing = etree.SubElement(ppr, _w("spacing"))
            spacing.set(_w("before"), str(before))
        if align:
            etree.SubElement(ppr, _w("jc")).set(_w("val"), align)
        if outline is not None:
            etree.SubElement(ppr, _w("outlineLvl")).set(_w("val"), str(outline))
        if text:
            self.run(para, text, size=size, bold=bold)
        self.body.append(para)
        return para

    def run(self, para: etree._Element, text: str, *, size: int | None = None, bold: bool = False) -> None:
        r = etree.SubElement(para, _w("r"))
        if size or bold:
            rpr = etree.SubElement(r, _w("rPr"))
            if bold:
                etree.SubElement(rpr, _w("b"))
                etree.SubElement(rpr, _w("bCs"))
            if size:
                etree.SubElement(rpr, _w("sz")).set(_w("val"), str(size * 2))
                etree.SubElement(rpr, _w("szCs")).set(_w("val"), str(size * 2))
        t = etree.SubElement(r, _w("t"))
        t.text = self.mark(text)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def table(
        self,
        widths: Sequence[int],
        rows: Sequence[Sequence[str]],
        *,
        head: int = 1,
        align: Sequence[str | None] = (),
    ) -> None:
        tbl = etree.Element(_w("tbl"))
        tblpr = etree.SubElement(tbl, _w("tblPr"))
        etree.SubElement(tblpr, _w("tblStyle")).set(_w("val"), "TableGrid")
        tblw = etree.SubElement(tblpr, _w("tblW"))
        tblw.set(_w("type"), "dxa")
        tblw.set(_w("w"), str(sum(widths)))
        etree.SubElement(tblpr, _w("tblLayout")).set(_w("type"), "fixed")
        grid = etree.SubElement(tbl, _w("tblGrid"))
        for w in widths:
            etree.SubElement(grid, _w("gridCol")).set(_w("w"), str(w))
        for n, row in enumerate(rows):
            tr = etree.SubElement(tbl, _w("tr"))
            if n < head:
                trpr = etree.SubElement(tr, _w("trPr"))
                etree.SubElement(trpr, _w("cantSplit"))
                etree.SubElement(trpr, _w("tblHeader"))
            for col, (w, text) in enumerate(zip(widths, row, strict=True)):
                tc = etree.SubElement(tr, _w("tc"))
                tcpr = etree.SubElement(tc, _w("tcPr"))
                tcw = etree.SubElement(tcpr, _w("tcW"))
                tcw.set(_w("type"), "dxa")
                tcw.set(_w("w"), str(w))
                if n < head:
                    shd = etree.SubElement(tcpr, _w("shd"))
                    shd.set(_w("val"), "clear")
                    shd.set(_w("color"), "auto")
                    shd.set(_w("fill"), "D9D9D9")
                for line in text.split("\n"):
                    column_align = align[col] if col < len(align) and n >= head else None
                    self.p(line, "SarTableHead" if n < head else "SarCell", align=column_align)
                    tc.append(self.body.pop())
        self.body.append(tbl)

    def contents_entry(self, text: str, bookmark: str, page: str, *, bold: bool = False) -> None:
        para = self.p(text, "SarCell", bold=bold)
        ppr = para.find(_w("pPr"))
        assert ppr is not None
        tabs = etree.Element(_w("tabs"))
        tab = etree.SubElement(tabs, _w("tab"))
        tab.set(_w("val"), "right")
        tab.set(_w("leader"), "dot")
        tab.set(_w("pos"), str(_TEXT_WIDTH))
        style = ppr.find(_w("pStyle"))
        assert style is not None  # every paragraph here is written with its style
        style.addnext(tabs)
        ind = etree.SubElement(ppr, _w("ind"))
        ind.set(_w("right"), "0")
        etree.SubElement(etree.SubElement(para, _w("r")), _w("tab"))
        for kind, value in (("begin", None), ("instr", f" PAGEREF {bookmark} \\h "), ("separate", None)):
            r = etree.SubElement(para, _w("r"))
            if kind == "instr":
                it = etree.SubElement(r, _w("instrText"))
                it.text = value
                it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            else:
                etree.SubElement(r, _w("fldChar")).set(_w("fldCharType"), kind)
        r = etree.SubElement(para, _w("r"))
        etree.SubElement(r, _w("t")).text = page
        etree.SubElement(etree.SubElement(para, _w("r")), _w("fldChar")).set(_w("fldCharType"), "end")


def with_body(
    base: bytes, content: list[etree._Element], *, title_page: bool = False, title: str | None = None
) -> bytes:
    """``base`` (a rendered form: the template's styles, header, footer and page) with ``content``
    as its body; ``title_page``: its first page (a cover) without the running header and footer
    (``w:titlePg``, a first page with no header or footer of its own; it still counts as page 1)."""
    package = Package.read(base)
    body = package.document.find(_w("body"))
    assert body is not None
    sect = body.find(_w("sectPr"))
    for child in list(body):
        body.remove(child)
    for el in content:
        body.append(el)
    if sect is not None:
        sect = copy.deepcopy(sect)
        if title_page and sect.find(_w("titlePg")) is None:
            _insert_title_page(sect)
        body.append(sect)
    if title is not None:  # the merged document's properties are its first part's: the book's own title
        _retitle(package, title)
    # the form's hyperlinks are not used here: drop nothing, merge_documents carries only used ones
    return package.to_bytes()


_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _retitle(package: Package, title: str) -> None:
    core = package.parts.get("docProps/core.xml")
    if core is None:
        return
    root = etree.fromstring(core)
    element = root.find(_DC_TITLE)
    if element is None:
        element = etree.SubElement(root, _DC_TITLE)
    element.text = title[:255]  # a core property holds no more (as the form's own)
    package.parts["docProps/core.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# w:sectPr's children in schema order (ECMA-376, CT_SectPr), up to titlePg and after it
_SECT_BEFORE_TITLE = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
                      "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote")  # fmt: skip


def _insert_title_page(sect: etree._Element) -> None:
    """``w:titlePg`` in its place among the section's properties (Word refuses them out of order)."""
    title = etree.Element(_w("titlePg"))
    before = [el for el in sect if etree.QName(el).localname in _SECT_BEFORE_TITLE]
    if before:
        before[-1].addnext(title)
    else:
        sect.insert(0, title)


def with_outline(docx: bytes, forms: int) -> bytes:
    """Outline levels on each form's headings: the standard (level 1, at its first form) and the
    indicator (level 2): PDF bookmarks and Word's navigation pane."""
    package = Package.read(docx)
    marks = {b.get(_w("name")): b.getparent() for b in package.document.iter(_w("bookmarkStart"))}
    standards_seen: set[str] = set()
    for k in range(1, forms + 1):
        start = marks.get(form_mark(k))
        if start is None:
            continue
        standard = indicator = None
        para: etree._Element | None = start
        for _ in range(12):  # the headings stand among the form's first paragraphs
            if para is None:
                break
            text = "".join(t.text or "" for t in para.iter(_w("t"))).replace("\u200b", "").replace("\u2060", "")
            if standard is None and text.startswith("มาตรฐานที่"):
                standard = (para, text)
            elif indicator is None and text.startswith("ตัวบ่งชี้ที่"):
                indicator = para
                break
            para = para.getnext()
        if standard is not None and standard[1] not in standards_seen:
            standards_seen.add(standard[1])
            _set_outline(standard[0], 0)
        if indicator is not None:
            _set_outline(indicator, 1)
    return package.to_bytes()


def _set_outline(para: etree._Element, level: int) -> None:
    ppr = para.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        para.insert(0, ppr)
    # schema order: outlineLvl comes late in w:pPr, before divId/cnfStyle/rPr/sectPr/pPrChange
    after = next(
        (el for el in ppr if el.tag in (_w("divId"), _w("cnfStyle"), _w("rPr"), _w("sectPr"), _w("pPrChange"))), None
    )
    lvl = etree.Element(_w("outlineLvl"))
    lvl.set(_w("val"), str(level))
    if after is not None:
        after.addprevious(lvl)
    else:
        ppr.append(lvl)
