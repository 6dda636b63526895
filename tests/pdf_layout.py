"""Reading a form's PDF as a reader sees it, for the layout tests.

Poppler's ``pdftotext -bbox-layout`` gives the box of every word: they say where each line of
each table column lands, and poppler maps the glyphs of Thai fonts back to text faithfully (a PDF
library's own extraction garbles sara am and stacked marks in some fonts). The tests judge the
layout with it, independently of the bookmarks the library's heading keeper goes by: which
breaks fall inside a Thai word, which heading stands at a page's foot, the paragraphs of a .docx
to look for.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from lxml import etree

from sar_forms.errors import ConversionError, ConverterUnavailable
from sar_forms.ooxml.names import w as _w

_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")

THAI = re.compile("[\u0e00-\u0e7f]")
HEADING_STYLES = ("SarHeading", "SarCellHeading", "SarNoteHeading")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def wrapped_joins(layout: Layout, paragraphs: list[str]) -> list[tuple[Line, Line, str, int]]:
    """Every place where a paragraph of ``paragraphs`` wraps from one line to the next inside a
    column with a Thai letter on both sides: (line, next line, paragraph, index in the paragraph
    of the first character after the break). Consecutive lines of a column are tried, across
    pages too; lines are matched to paragraphs on their :func:`skeleton`."""
    skeletons = []
    for para in paragraphs:
        chars = [(i, c) for i, c in enumerate(para) if skeleton(c)]
        skeletons.append((para, "".join(c for _, c in chars), [i for i, _ in chars]))
    joins = []
    by_column: dict[int, list[Line]] = {}
    for ln in layout.lines:
        if ln.column >= 0:
            by_column.setdefault(ln.column, []).append(ln)
    for lines in by_column.values():
        for a, b in zip(lines, lines[1:]):
            left, right = skeleton(a.text), skeleton(b.text)
            if not (left and right and THAI.match(left[-1]) and THAI.match(right[0])):
                continue
            for para, skel, index in skeletons:
                k = next(
                    (
                        k
                        for k in range(1, len(skel))
                        if skel.startswith(right[:12], k) and skel[:k].endswith(left[-12:])
                    ),
                    None,
                )
                if k is not None:
                    joins.append((a, b, para, index[k]))
                    break
    return joins


def cut_words(joins: list[tuple[Line, Line, str, int]]) -> list[str]:
    """The joins that cut a Thai word, as ``left|right`` snippets.

    A break is between words when it falls on a boundary of PyThaiNLP's newmm segmentation of
    the paragraph, or splits one of its tokens into two words of PyThaiNLP's dictionary (newmm
    keeps compounds such as การบริหาร whole; การ|บริหาร is still a break between words).
    """
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize

    words = thai_words()
    cuts = []
    for _a, _b, para, k in joins:
        pos, ok = 0, False
        for token in word_tokenize(para, engine="newmm"):
            if pos == k:
                ok = True
            elif pos < k < pos + len(token):
                ok = token[: k - pos] in words and token[k - pos :] in words
            pos += len(token)
        if not ok:
            cuts.append(f"{para[max(0, k - 10) : k]}|{para[k : k + 10]}")
    return cuts


def docx_paragraphs(docx: Path) -> list[tuple[str, str]]:
    """(style id, text) of every paragraph of a .docx body, tabs and line breaks as spaces."""
    with zipfile.ZipFile(docx) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(_W + "p"):
        style = p.find(f"{_W}pPr/{_W}pStyle")
        text = "".join(
            node.text or "" if node.tag == _W + "t" else " "
            for node in p.iter()
            if node.tag in (_W + "t", _W + "tab", _W + "br")
        )
        out.append((style.get(_W + "val", "") if style is not None else "", text))
    return out


_XHTML = "{http://www.w3.org/1999/xhtml}"


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
