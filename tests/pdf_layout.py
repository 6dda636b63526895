"""Reading a form's PDF as a reader sees it, for the layout tests.

The line reader itself is the library's (:mod:`sar_forms.pdf.pagination`, poppler's word boxes); here
are what only the tests ask of it: which breaks fall inside a Thai word, and the paragraphs
of a .docx to look for.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from sar_forms.pdf.pagination import Layout, Line, skeleton

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
