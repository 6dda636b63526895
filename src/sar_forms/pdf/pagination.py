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

import collections
import copy
import functools
import re
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TypeVar

from lxml import etree

from ..errors import ConversionError, SarFormsWarning
from ..ooxml.names import add_bookmark
from ..ooxml.names import w as _w
from ..ooxml.package import Package
from .postprocess import destinations, drop_destinations

__all__ = [
    "KEEP_MARK",
    "Destinations",
    "HeadingKeeper",
    "keep_headings",
    "paginate",
    "settled",
    "push_stranded",
]

_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
MAX_PUSHES = 3  # conversions more than the first, at most, to settle the headings


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
        (:func:`sar_forms.pdf.postprocess.destinations`). A PDF with none of the bookmarks (its converter did
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


R = TypeVar("R")


def paginate(
    keepers: Sequence[HeadingKeeper],
    convert: Callable[[list[int]], tuple[R, Destinations]],
    *,
    pushes: int = MAX_PUSHES,
    whole: bool = False,
) -> Iterator[tuple[R, list[int], list[int]]]:
    """The one pagination loop: convert, push the headings left at a page's foot, convert again.

    ``convert(todo)`` converts the documents of ``keepers[i]`` for ``i`` in ``todo`` (alone, or
    merged into one document) and returns its result with the PDF's named destinations. Each
    round yields ``(result, todo, pushed)``: the documents of ``todo`` not in ``pushed`` are
    settled by this result; those pushed were given empty lines before the stranded heading and
    are converted again next round (``whole``: with all the others, as a book is, whose page
    numbers depend on every form). At most ``pushes`` rounds follow the first; a caller may stop
    early (a batch leaves its pushed forms to be converted with other chunks' ones).

    A single form, a batch's merged chunk and a book all paginate here; they differ only in what
    one conversion is.
    """
    todo = list(range(len(keepers)))
    for attempt in range(pushes + 1):
        result, found = convert(todo)
        pushed: list[int] = []
        if attempt < pushes:
            pushed = [todo[k] for k in push_stranded([keepers[i] for i in todo], found)]
        yield result, todo, pushed
        if not pushed:
            return
        todo = list(range(len(keepers))) if whole else pushed


def settled(rounds: Iterator[tuple[R, list[int], list[int]]]) -> R:
    """The result of the last round of :func:`paginate`, every round run: all documents settled."""
    last = collections.deque(rounds, maxlen=1)
    if not last:
        raise ConversionError("nothing was converted")
    return last[0][0]


def keep_headings(docx: bytes, convert: Callable[[bytes], bytes]) -> bytes:
    """Convert ``docx`` with ``convert`` (.docx bytes -> PDF bytes, bookmarks exported as named
    destinations) so that no heading that keeps with its next paragraph stands alone at a page's
    foot, as Word lays it out; the PDF, without the bookmarks used to tell (:func:`paginate` with
    one document converted alone: LibreOffice's own file is kept, which a PDF/A needs whole).
    """
    keeper = HeadingKeeper(docx)

    def one(_todo: list[int]) -> tuple[bytes, Destinations]:
        pdf = convert(keeper.docx)
        return pdf, destinations(pdf)[0] if keeper.headings else {}

    pdf = settled(paginate([keeper], one))
    return drop_destinations(pdf, KEEP_MARK) if keeper.headings else pdf
