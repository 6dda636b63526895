"""Where a form's PDF breaks its lines and pages, and keeping headings with what follows them.

Word keeps a paragraph marked "keep with next" (``w:keepNext``) on the page of the paragraph
after it, also inside a table cell; LibreOffice does not inside table cells, so a heading of
the narrative cell (ผลการดำเนินงาน, ปัญหา อุปสรรค, ...) can stand alone at the foot of a PDF
page while Word would have moved it over. :func:`keep_headings` finds such headings and pushes
them down in the copy converted to PDF, by as many empty lines of their own style as they fill
at that page's foot, so that the PDF breaks where Word does.

Finding them needs no reading of the PDF's text: the copy converted carries three bookmarks per
heading (at its start, at its end, at the start of the paragraph after it), which LibreOffice
exports as named destinations with their page and height. A heading is stranded when its end stands on an
earlier page than the paragraph after it. The bookmarks are taken out of the PDF that is kept.

:func:`read_layout` reads a PDF the way a reader sees it, with poppler's ``pdftotext
-bbox-layout``: its word boxes say where each line of each table column lands, and it maps the
glyphs of Thai fonts back to text faithfully (a PDF library's own extraction garbles sara am and
stacked marks in some fonts). The tests judge the layout with it, independently of the bookmarks.
"""

from __future__ import annotations

import copy
import functools
import re
import shutil
import subprocess
import unicodedata
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import ConversionError, ConverterUnavailable, SarFormsWarning
from ..ooxml.compose import Package
from ..ooxml.names import add_bookmark
from ..ooxml.names import w as _w
from .postprocess import destinations, drop_destinations

__all__ = [
    "KEEP_MARK",
    "Destinations",
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


#: Names of the bookmarks :class:`HeadingKeeper` puts in a copy converted to PDF.
KEEP_MARK = "SarKeep"

#: A named destination of a PDF: its page (0-based) and the height of its line's top, in points
#: from the page's foot (None when the destination does not say).
Destinations = Mapping[str, tuple[int, float | None]]


class HeadingKeeper:
    """The copy of one form converted to PDF, with a bookmark at the start and end of each heading
    that keeps with its next paragraph in a table cell and at the start of that next paragraph:
    finds the headings left at a page's foot by those bookmarks' destinations, pushes them down.

    ``tag`` (digits) tells the bookmarks of several copies merged into one document apart; the
    names are letters and digits only (LibreOffice writes other characters escaped in the PDF).
    """

    def __init__(self, docx: bytes, tag: str = "") -> None:
        self.package = Package.read(docx)
        self.root = self.package.document
        styles = _Styles.of(self.package.parts.get("word/styles.xml", b""))
        self.headings = _kept_paragraphs(self.root, styles.keeping)
        self.texts = [_text(p) for p in self.headings]
        self.pitches = [styles.exact_line(p) for p in self.headings]
        self.marks = _marks(tag, len(self.headings))
        self.pushes = 0
        _bookmark(self.root, self.headings, self.marks)
        self._docx: bytes | None = None if self.headings else docx

    @property
    def docx(self) -> bytes:
        """The copy as .docx bytes, bookmarks (and any pushes) in (zipped when first asked)."""
        if self._docx is None:
            self._docx = self.package.to_bytes()
        return self._docx

    def retag(self, tag: str) -> None:
        """Rename the bookmarks for another ``tag`` (the copy merged with other copies anew)."""
        marks = _marks(tag, len(self.headings))
        renamed = dict(zip((m for ms in self.marks for m in ms), (m for ms in marks for m in ms), strict=True))
        for start in self.root.iter(_w("bookmarkStart")):
            name = start.get(_w("name"))
            if name in renamed:
                start.set(_w("name"), renamed[name])
        self.marks, self._docx = marks, None

    def stranded(self, destinations: Destinations) -> list[tuple[int, int]]:
        """(index into the headings, lines it fills at the page's foot) for every heading whose
        end stands on an earlier page than the paragraph after it, by the PDF's ``destinations``
        (:func:`sar_forms.pdf.destinations`). A PDF with none of the bookmarks (its converter did
        not export named destinations) tells nothing: a :class:`SarFormsWarning`, and no heading."""
        if self.headings and not any(m in destinations for marks in self.marks for m in marks):
            warnings.warn(
                "the PDF has none of the headings' bookmarks (its converter did not export named destinations): "
                "a heading left at a page's foot cannot be moved to the next page",
                SarFormsWarning,
                stacklevel=2,
            )
            return []
        out = []
        for index, (marks, pitch) in enumerate(zip(self.marks, self.pitches, strict=True)):
            start, end, after = (destinations.get(m) for m in marks)
            if start is None or end is None or after is None or end[0] >= after[0]:
                continue
            lines = 1
            if start[0] == end[0] and start[1] is not None and end[1] is not None and pitch:
                lines += max(0, round((start[1] - end[1]) / pitch))
            out.append((index, lines))
        return out

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
        self._docx = None
        self.pushes += 1
        return self.docx


def _marks(tag: str, headings: int) -> list[tuple[str, ...]]:
    """The bookmark names (start, end, after) of each of ``headings`` headings of a copy tagged ``tag``."""
    return [tuple(f"{KEEP_MARK}{tag}H{k}{end}" for end in "sen") for k in range(headings)]


def _bookmark(root: etree._Element, headings: list[etree._Element], marks: list[tuple[str, ...]]) -> None:
    """Bookmarks ``marks`` (start, end, after) at the start and end of each heading and at the start of the paragraph after it."""
    used = [int(i) for i in (b.get(_w("id")) for b in root.iter(_w("bookmarkStart"))) if i and i.isdigit()]
    next_id = max(used, default=0) + 1
    for heading, (start, end, after) in zip(headings, marks, strict=True):
        add_bookmark(heading, start, next_id)
        add_bookmark(heading, end, next_id + 1, at_end=True)
        add_bookmark(heading.getnext(), after, next_id + 2)
        next_id += 3


class _Styles:
    """What the keeper needs of a template's styles, worked out once per styles part: the
    paragraph styles that keep with the next paragraph, and each style's exact line height."""

    def __init__(self, styles: etree._Element) -> None:
        self.keeping = _keeps_with_next(styles)
        self.by_id = {s.get(_w("styleId")): s for s in styles.iter(_w("style")) if s.get(_w("type")) == "paragraph"}
        self.defaults = styles.find(f"{_w('docDefaults')}/{_w('pPrDefault')}/{_w('pPr')}")

    @staticmethod
    @functools.lru_cache(maxsize=8)
    def of(styles_xml: bytes) -> _Styles:
        return _Styles(etree.fromstring(styles_xml) if styles_xml else etree.Element("x"))

    def exact_line(self, p: etree._Element) -> float | None:
        """The paragraph's line height in points when it is exact (``w:lineRule="exact"``): its
        own spacing, its style's (through w:basedOn), or the document defaults'; else None."""
        chain = [p.find(_w("pPr"))]
        style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        style_id = style.get(_w("val")) if style is not None else None
        while style_id in self.by_id and len(chain) < 20:
            chain.append(self.by_id[style_id].find(_w("pPr")))
            based = self.by_id[style_id].find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None
        chain.append(self.defaults)
        for ppr in chain:
            spacing = ppr.find(_w("spacing")) if ppr is not None else None
            if spacing is not None and spacing.get(_w("line")) is not None:
                exact = spacing.get(_w("lineRule")) == "exact"
                return int(spacing.get(_w("line"), "0")) / 20 if exact else None
        return None


def push_stranded(keepers: Sequence[HeadingKeeper], destinations: Destinations) -> list[int]:
    """In a PDF of several forms' copies merged (each keeper tagged apart), push down every
    heading left at a page's foot in its form's copy; the indexes of the forms pushed (to
    convert again)."""
    pushed = []
    for k, keeper in enumerate(keepers):
        found = keeper.stranded(destinations)
        if found:
            keeper.push(found)
            pushed.append(k)
    return pushed


def keep_headings(docx: bytes, convert: Callable[[bytes], bytes]) -> bytes:
    """Convert ``docx`` with ``convert`` (.docx bytes -> PDF bytes, bookmarks exported as named
    destinations) so that no heading that keeps with its next paragraph stands alone at a page's
    foot, as Word lays it out; the PDF, without the bookmarks used to tell.

    The first conversion is the only one unless a heading is stranded; then the copy gets empty
    lines before that heading and is converted again (at most :data:`MAX_PUSHES` times).
    """
    keeper = HeadingKeeper(docx)
    pdf = convert(keeper.docx)
    if not keeper.headings:
        return pdf
    for _ in range(MAX_PUSHES):
        stranded = keeper.stranded(destinations(pdf)[0])
        if not stranded:
            break
        pdf = convert(keeper.push(stranded))
    return drop_destinations(pdf, KEEP_MARK)
