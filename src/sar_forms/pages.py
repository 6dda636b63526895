"""Where a form's PDF breaks its lines and pages, and keeping headings with what follows them.

Word keeps a paragraph marked "keep with next" (``w:keepNext``) on the page of the paragraph
after it, also inside a table cell; LibreOffice does not inside table cells, so a heading of
the narrative cell (ผลการดำเนินงาน, ปัญหา อุปสรรค, ...) can stand alone at the foot of a PDF
page while Word would have moved it over. :func:`keep_headings` finds such headings in the
converted PDF and pushes them down in the copy converted to PDF, by as many empty lines of their
own style as they fill at that page's foot, so that the PDF breaks where Word does.

The PDF is read with poppler's ``pdftotext -bbox-layout``: its word boxes say where each line of
each table column lands, and it maps the glyphs of Thai fonts back to text faithfully (a PDF
library's own extraction garbles sara am and stacked marks in some fonts).
"""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from ._ooxml import w as _w
from .errors import ConversionError, ConverterUnavailable

__all__ = [
    "HeadingKeeper",
    "Layout",
    "Line",
    "TableGeometry",
    "keep_headings",
    "push_stranded",
    "read_layout",
    "skeleton",
    "stranded_headings",
]

_XHTML = "{http://www.w3.org/1999/xhtml}"
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
MAX_PUSHES = 3  # conversions more than the first, at most, to settle the headings


@dataclass
class Line:
    """One line of text as a reader sees it: of one page, and of one table column (-1: outside)."""

    page: int  # 1-based
    column: int
    top: float
    bottom: float
    left: float
    text: str


@dataclass
class Layout:
    """The lines of a PDF, in reading order per page and column."""

    pages: int
    lines: list[Line] = field(default_factory=list)

    def column(self, column: int, page: int | None = None) -> list[Line]:
        return [ln for ln in self.lines if ln.column == column and (page is None or ln.page == page)]

    def page_text(self, page: int, column: int | None = None) -> str:
        return "\n".join(ln.text for ln in self.lines if ln.page == page and (column is None or ln.column == column))

    def sub(self, first: int, last: int) -> Layout:
        """Pages ``first`` to ``last`` (1-based, inclusive) as a layout of their own, numbered from 1."""
        return Layout(
            pages=last - first + 1,
            lines=[replace(ln, page=ln.page - first + 1) for ln in self.lines if first <= ln.page <= last],
        )

    def page_of(self, needle: str, column: int | None = None) -> list[int]:
        """The pages on which ``needle`` stands within one line (compared on :func:`skeleton`)."""
        want = skeleton(needle)
        return sorted(
            {ln.page for ln in self.lines if want in skeleton(ln.text) and (column is None or ln.column == column)}
        )


def skeleton(text: str) -> str:
    """Text without whitespace, invisible marks and combining marks: what two extractions of the
    same Thai line agree on, whatever order a PDF gives stacked marks in."""
    text = _INVISIBLE.sub("", text)
    return "".join(
        c for c in text if not c.isspace() and not unicodedata.combining(c) and unicodedata.category(c) != "Mn"
    )


@dataclass(frozen=True)
class TableGeometry:
    """Where a form's table stands on its pages, in PDF points, read from the .docx."""

    column_rules: tuple[float, ...]  # x of each vertical rule, left to right
    body: tuple[float, float]  # top and bottom of the text area (between header and footer)

    @classmethod
    def of(cls, document_xml: bytes) -> TableGeometry:
        root = etree.fromstring(document_xml)
        sect = root.find(f"{_w('body')}/{_w('sectPr')}")
        size = sect.find(_w("pgSz")) if sect is not None else None
        margins = sect.find(_w("pgMar")) if sect is not None else None
        if size is None or margins is None:
            raise ConversionError("the document has no page size or margins (w:sectPr)")
        left = int(margins.get(_w("left"), "0")) / 20
        rules = [left]
        grid = root.find(f".//{_w('tbl')}/{_w('tblGrid')}")
        for col in grid.iter(_w("gridCol")) if grid is not None else ():
            rules.append(rules[-1] + int(col.get(_w("w"), "0")) / 20)
        top = int(margins.get(_w("top"), "0")) / 20
        bottom = (int(size.get(_w("h"), "0")) - int(margins.get(_w("bottom"), "0"))) / 20
        return cls(tuple(rules), (top, bottom))


def _pdftotext() -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise ConverterUnavailable("pdftotext is missing; install it with: sudo apt-get install poppler-utils")
    return exe


def read_layout(
    pdf: Path | bytes, geometry: TableGeometry, *, table_starts: str | None = None, table_ends: str | None = None
) -> Layout:
    """The lines of ``pdf``, each placed in the table column its left edge falls in.

    Column -1 is everything outside the table: above or below ``geometry.body`` (the page's
    header and footer), left of the first or right of the last rule; with ``table_starts``, what
    stands above a page's first line of column 0 that reads just that (the repeated header row);
    with ``table_ends``, everything from the line that starts with it on.
    """
    args = (
        [_pdftotext(), "-bbox-layout", "-", "-"]
        if isinstance(pdf, bytes)
        else [_pdftotext(), "-bbox-layout", str(pdf), "-"]
    )
    proc = subprocess.run(args, input=pdf if isinstance(pdf, bytes) else None, capture_output=True, check=False)
    if proc.returncode != 0:
        raise ConversionError(
            "pdftotext could not read the PDF",
            returncode=proc.returncode,
            stderr_tail=proc.stderr.decode(errors="replace")[-600:],
        )
    root = etree.fromstring(proc.stdout, etree.XMLParser(recover=True, huge_tree=True))
    rules = geometry.column_rules
    layout = Layout(pages=0)
    ended = False
    for page_no, page in enumerate(root.iter(_XHTML + "page"), 1):
        layout.pages = page_no
        words = []
        for word in page.iter(_XHTML + "word"):
            x0, x1 = float(word.get("xMin", 0)), float(word.get("xMax", 0))
            y0, y1 = float(word.get("yMin", 0)), float(word.get("yMax", 0))
            col = -1
            if geometry.body[0] - 1 <= y0 <= geometry.body[1]:
                for i in range(len(rules) - 1):
                    if rules[i] - 1 <= x0 < rules[i + 1] - 1:
                        col = i
            words.append((col, (y0 + y1) / 2, x0, x1, y0, y1, word.text or ""))
        lines = [_line(page_no, group) for group in _group_lines(words)]
        top: float | None = None
        if table_starts is not None:
            starts = [ln.top for ln in lines if ln.column == 0 and skeleton(ln.text) == skeleton(table_starts)]
            top = min(starts) if starts else float("inf")
        ends = [ln.top for ln in lines if table_ends and skeleton(ln.text).startswith(skeleton(table_ends))]
        end = 0.0 if ended else min(ends) if ends else float("inf")
        outside = {i for i, w in enumerate(words) if (top is not None and w[4] < top - 1) or w[4] >= end - 1}
        if outside:  # out of the table: one line across the page, not one per column
            words = [(-1, *w[1:]) if i in outside else w for i, w in enumerate(words)]
            lines = [_line(page_no, group) for group in _group_lines(words)]
        ended = ended or bool(ends)
        layout.lines += lines
    layout.lines.sort(key=lambda ln: (ln.page, ln.column, ln.top, ln.left))
    return layout


_Word = tuple[int, float, float, float, float, float, str]


def _group_lines(words: list[_Word]) -> list[list[_Word]]:
    """The words of a column whose vertical centres lie within 4 pt make one line (a level's box
    and its digit come in different fonts, with different boxes, on one line)."""
    groups: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: (w[0], w[1])):
        if groups and groups[-1][0][0] == w[0] and abs(groups[-1][0][1] - w[1]) < 4:
            groups[-1].append(w)
        else:
            groups.append([w])
    return groups


def _line(page: int, group: list[_Word]) -> Line:
    # a zero-width word (a combining mark) sits at the end of its base: sort it first
    group.sort(key=lambda w: w[2] - (0.01 if w[3] - w[2] < 0.01 else 0))
    text, prev_end = "", None
    for _c, _m, x0, x1, _y0, _y1, t in group:
        if prev_end is not None and x0 - prev_end > 1.0 and not unicodedata.combining(t[:1] or " "):
            text += " "
        text += t
        prev_end = x1 if prev_end is None else max(prev_end, x1)
    return Line(page, group[0][0], min(w[4] for w in group), max(w[5] for w in group), min(w[2] for w in group), text)


# ----------------------------------------------------------------------------- keep with next


def _keeps_with_next(styles: etree._Element) -> set[str]:
    """Ids of the paragraph styles that keep with the next paragraph (through w:basedOn)."""
    by_id = {s.get(_w("styleId")): s for s in styles.iter(_w("style")) if s.get(_w("type")) == "paragraph"}

    def keeps(style_id: str | None, depth: int = 0) -> bool:
        style = by_id.get(style_id or "")
        if style is None or depth > 20:
            return False
        flag = style.find(f"{_w('pPr')}/{_w('keepNext')}")
        if flag is not None:
            return flag.get(_w("val"), "true") not in ("0", "false", "off")
        based = style.find(_w("basedOn"))
        return keeps(based.get(_w("val")) if based is not None else None, depth + 1)

    return {sid for sid in by_id if keeps(sid)}


def _kept_paragraphs(root: etree._Element, keeping: set[str]) -> list[etree._Element]:
    """Paragraphs in table cells that keep with a next paragraph of the same cell."""
    out = []
    for p in root.iter(_w("p")):
        if p.getparent() is None or p.getparent().tag != _w("tc"):
            continue
        nxt = p.getnext()
        if nxt is None or nxt.tag != _w("p"):
            continue
        direct = p.find(f"{_w('pPr')}/{_w('keepNext')}")
        style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        if direct is not None:
            kept = direct.get(_w("val"), "true") not in ("0", "false", "off")
        else:
            kept = (style.get(_w("val")) if style is not None else None) in keeping
        if kept:
            out.append(p)
    return out


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(_w("t")))


def stranded_headings(layout: Layout, headings: list[str]) -> list[tuple[int, int]]:
    """(index into ``headings``, lines it fills at the foot of its page) for every heading whose
    last line is the last line of its column on a page that the column goes on from."""
    out = []
    for page in range(1, layout.pages):
        for column in {ln.column for ln in layout.lines if ln.page == page and ln.column >= 0}:
            lines = layout.column(column, page)
            if not layout.column(column, page + 1):
                continue
            for index, heading in enumerate(headings):
                want = skeleton(heading)
                got = ""
                for n, ln in enumerate(reversed(lines), 1):
                    got = skeleton(ln.text) + got
                    if got == want:
                        out.append((index, n))
                        break
                    if not want.endswith(got):
                        break
    return out


class HeadingKeeper:
    """The copy of one form converted to PDF, and the headings in its table cells that keep
    with their next paragraph: finds them stranded in a layout, pushes them down in the copy."""

    def __init__(self, docx: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            self.parts = {info.filename: z.read(info) for info in z.infolist()}
        self.docx = docx
        self.root = etree.fromstring(self.parts["word/document.xml"])
        styles = self.parts.get("word/styles.xml")
        self.headings = _kept_paragraphs(
            self.root, _keeps_with_next(etree.fromstring(styles) if styles else etree.Element("x"))
        )
        self.texts = [_text(p) for p in self.headings]
        self.pushes = 0

    def geometry(self) -> TableGeometry:
        return TableGeometry.of(self.parts["word/document.xml"])

    def stranded(self, layout: Layout) -> list[tuple[int, int]]:
        """The headings left at a page's foot in ``layout`` (the pages of this form alone)."""
        return stranded_headings(layout, self.texts) if self.headings else []

    def push(self, stranded: list[tuple[int, int]]) -> bytes:
        """The copy with empty lines (of the heading's own style) before each stranded heading."""
        for index, lines in stranded:
            heading = self.headings[index]
            for _n in range(lines):
                blank = etree.Element(_w("p"))
                ppr = heading.find(_w("pPr"))
                if ppr is not None:
                    blank.append(copy.deepcopy(ppr))
                heading.addprevious(blank)
        self.parts["word/document.xml"] = etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        self.docx = _zip(self.parts)
        self.pushes += 1
        return self.docx


def push_stranded(keepers: Sequence[HeadingKeeper], layout: Layout, ranges: Sequence[range]) -> list[int]:
    """In a PDF of several forms (``ranges``: the 0-based pages of each), push down every heading
    left at a page's foot in its form's copy; the indexes of the forms pushed (to convert again)."""
    pushed = []
    for k, (keeper, pages) in enumerate(zip(keepers, ranges, strict=True)):
        found = keeper.stranded(layout.sub(pages.start + 1, pages.stop))
        if found:
            keeper.push(found)
            pushed.append(k)
    return pushed


def keep_headings(docx: bytes, convert: Callable[[bytes], bytes]) -> bytes:
    """Convert ``docx`` with ``convert`` (.docx bytes -> PDF bytes) so that no heading that keeps
    with its next paragraph stands alone at a page's foot, as Word lays it out; the PDF.

    The first conversion is the only one unless a heading is stranded; then the copy gets empty
    lines before that heading and is converted again (at most :data:`MAX_PUSHES` times).
    """
    keeper = HeadingKeeper(docx)
    pdf = convert(docx)
    if not keeper.headings:
        return pdf
    geometry = keeper.geometry()
    for _ in range(MAX_PUSHES):
        stranded = keeper.stranded(read_layout(pdf, geometry))
        if not stranded:
            break
        pdf = convert(keeper.push(stranded))
    return pdf


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()
