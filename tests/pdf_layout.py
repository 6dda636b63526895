"""Where the text of a form's PDF lands: pages, table columns, lines, and the breaks between them.

Read with poppler's ``pdftotext -bbox-layout`` (word boxes), not with a PDF library's text
extraction: poppler maps the glyphs of Thai fonts back to text correctly (sara am, stacked
marks), and its word boxes carry the positions needed to tell the table's columns apart.

A *line* here is what a reader sees as one line of one column: the words of one page whose
boxes share a top edge and whose left edges fall between the same column rules. Combining
marks come as zero-width words at the end of their base: they sort just before the next base.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

THAI = re.compile("[\u0e00-\u0e7f]")
INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Line:
    page: int  # 1-based
    column: int  # index into the column rules; -1 outside the table's span
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
        """The pages on which ``needle`` (whitespace ignored) stands within one line."""
        want = squash(needle)
        return sorted({ln.page for ln in self.lines if want in squash(ln.text) and (column is None or ln.column == column)})


def squash(text: str) -> str:
    return re.sub(r"\s+", "", INVISIBLE.sub("", text))


def skeleton(text: str) -> str:
    """Text without whitespace, invisible marks and combining marks: what two extractions of the
    same Thai line agree on, whatever order a PDF gives stacked marks in."""
    return "".join(c for c in squash(text) if not unicodedata.combining(c) and unicodedata.category(c) != "Mn")


def read_layout(
    pdf: Path, column_rules: list[float], body: tuple[float, float] = (0.0, 1e9), *,
    table_starts: str = "ระดับ", table_ends: str = "หมายเหตุ",
) -> Layout:
    """The lines of ``pdf``; ``column_rules`` are the x positions (pt) of the table's vertical rules,
    left to right (n + 1 rules for n columns).

    Column -1 is everything outside the table: above or below ``body`` (the page's header and
    footer), left of the first or right of the last rule, above the table's first line on a page
    (a line of column 0 starting with ``table_starts``: the repeated header row), and from the
    line starting with ``table_ends`` on.
    """
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = ElementTree.fromstring(out)
    layout = Layout(pages=0)
    ended = False
    for page_no, page in enumerate(root.iter(_XHTML + "page"), 1):
        layout.pages = page_no
        words = []
        for word in page.iter(_XHTML + "word"):
            x0, x1 = float(word.get("xMin", 0)), float(word.get("xMax", 0))
            y0, y1 = float(word.get("yMin", 0)), float(word.get("yMax", 0))
            col = -1
            if body[0] <= y0 <= body[1]:
                for i in range(len(column_rules) - 1):
                    if column_rules[i] - 1 <= x0 < column_rules[i + 1] - 1:
                        col = i
            words.append((col, (y0 + y1) / 2, x0, x1, y0, y1, word.text or ""))
        # one line: the words of a column whose vertical centres lie within 4 pt (a level's box
        # and its digit come in different fonts, with different boxes, on one line)
        groups: list[list[tuple[int, float, float, float, float, float, str]]] = []
        for w in sorted(words, key=lambda w: (w[0], w[1])):
            if groups and groups[-1][0][0] == w[0] and abs(groups[-1][0][1] - w[1]) < 4:
                groups[-1].append(w)
            else:
                groups.append([w])
        lines = []
        for group in groups:
            # a zero-width word (a combining mark) sits at the end of its base: sort it first
            group.sort(key=lambda w: w[2] - (0.01 if w[3] - w[2] < 0.01 else 0))
            text, prev_end = "", None
            for _c, _m, x0, x1, _y0, _y1, t in group:
                if prev_end is not None and x0 - prev_end > 1.0 and not unicodedata.combining(t[:1] or " "):
                    text += " "
                text += t
                prev_end = max(prev_end or x1, x1)
            lines.append(Line(page_no, group[0][0], min(w[4] for w in group), max(w[5] for w in group),
                              min(w[2] for w in group), text))
        starts = [ln.top for ln in lines if ln.column == 0 and skeleton(ln.text).startswith(skeleton(table_starts))]
        top = min(starts) if starts else None
        ends = [ln.top for ln in lines if skeleton(ln.text).startswith(skeleton(table_ends))]
        for ln in lines:
            if ended or top is None or ln.top < top - 1 or (ends and ln.top >= min(ends) - 1):
                ln.column = -1
        ended = ended or bool(ends)
        layout.lines += lines
    layout.lines.sort(key=lambda ln: (ln.page, ln.column, ln.top, ln.left))
    return layout


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
                k = next((k for k in range(1, len(skel)) if skel.startswith(right[:12], k)
                          and skel[:k].endswith(left[-12:])), None)
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
            cuts.append(f"{para[max(0, k - 10):k]}|{para[k:k + 10]}")
    return cuts


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_STYLES = ("SarHeading", "SarCellHeading", "SarNoteHeading")


def docx_paragraphs(docx: Path) -> list[tuple[str, str]]:
    """(style id, text) of every paragraph of a .docx body, tabs and line breaks as spaces."""
    import zipfile

    with zipfile.ZipFile(docx) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(_W + "p"):
        style = p.find(f"{_W}pPr/{_W}pStyle")
        text = "".join(node.text or "" if node.tag == _W + "t" else " "
                       for node in p.iter() if node.tag in (_W + "t", _W + "tab", _W + "br"))
        out.append((style.get(_W + "val", "") if style is not None else "", text))
    return out


def stranded_headings(layout: Layout, headings: list[str]) -> list[Line]:
    """Headings that end a page's column (or the page's text above or below the table) while what
    follows them goes on the next page: a heading alone at the foot of a page."""
    wanted = {skeleton(h) for h in headings if skeleton(h)}
    out = []
    for page in range(1, layout.pages):
        for column in {ln.column for ln in layout.lines if ln.page == page}:
            lines = [ln for ln in layout.lines if ln.page == page and ln.column == column]
            if column == -1:  # the text outside the table: its last line above the page's foot
                lines = [ln for ln in lines if skeleton(ln.text) and not skeleton(ln.text).isdigit()]
            if lines and skeleton(lines[-1].text) in wanted and layout.column(column, page + 1):
                out.append(lines[-1])
    return out
