"""A Word page read as a reader sees it: paragraphs' text run by run, list numbers, check boxes,
links, cells.

What the page shows, not how it was made: text is taken run by run through hyperlinks, fields,
content controls and tracked insertions; list numbers that Word draws from numbering.xml are put
in front of the text as drawn (:mod:`sar_forms.ooxml.numbering`); hidden runs (``w:vanish``) and
deleted text are not text; a text box's paragraphs and a nested table's rows are read where they
stand; check boxes may be ☑/☒/■/☐ characters, Wingdings symbols (``w:sym``), legacy check-box form
fields or Word check-box content controls; links may be hyperlinks or HYPERLINK fields; tables may
hold content controls around their cells. A paragraph splits into lines at its soft line breaks
(:meth:`Para.lines`). Styles are never relied on for meaning (LibreOffice renames them when it
saves a file). Nothing here knows what a form holds: the Word import of each form type maps these
lines to its fields."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit, urlunsplit

from lxml import etree

from ..errors import InputError
from .names import REL as _REL
from .names import R as _R
from .names import w as _w
from .numbering import Label
from .zipped import rel_targets, rels_of, safe_xml

__all__ = [
    "BOXES",
    "CHECKED",
    "UNCHECKED",
    "Link",
    "PageReader",
    "Para",
    "blocks",
    "body_items",
    "cell_fill",
    "iri",
    "paragraphs",
    "referenced",
    "relationships",
    "row_cells",
    "squash",
    "table_rows",
]

CHECKED = "☑☒■✓✔☒⊠"
UNCHECKED = "☐□"
BOXES = CHECKED + UNCHECKED
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Wingdings (and Wingdings 2) code points of boxes, as w:sym writes them (F0xx or xx)
_SYMBOLS = {
    ("wingdings", 0xA8): "☐", ("wingdings", 0xFE): "☑", ("wingdings", 0xFD): "☒", ("wingdings", 0x6F): "☐",
    ("wingdings", 0x78): "☒", ("wingdings", 0xFC): "✓", ("wingdings 2", 0xA3): "☐", ("wingdings 2", 0x52): "☑",
    ("wingdings 2", 0x54): "☒", ("wingdings 2", 0x53): "☒", ("wingdings 2", 0x50): "✓", ("wingdings 2", 0xA2): "☐",
}  # fmt: skip


class Link(NamedTuple):
    """A link on the page: the text that carries it, where it points, where that text starts."""

    text: str
    url: str
    start: int = 0


@dataclass
class Para:
    """A paragraph (or one line of it) as read: its text with the list number Word draws in
    front (tabs and line breaks kept), its links, its number's label, and whether it continues
    the line before it in the same paragraph (after a soft line break)."""

    text: str
    links: list[Link]
    label: Label | None = None
    continued: bool = False
    _own: int = field(default=0, repr=False)  # where the text after the label starts

    @property
    def own(self) -> str:
        """The text without the list number Word draws (the whole text when none)."""
        return self.text[self._own :]

    def lines(self) -> list[Para]:
        """The paragraph split at its soft line breaks (``w:br``, Shift+Enter): the first line
        keeps the label; each later one is ``continued``; links go with the line they are on."""
        if "\n" not in self.text:
            return [self]
        out: list[Para] = []
        start = 0
        for n, line in enumerate(self.text.split("\n")):
            end = start + len(line)
            links = [Link(k.text, k.url, k.start - start) for k in self.links if start <= k.start <= end]
            if n == 0:
                out.append(replace(self, text=line, links=links))
            else:
                out.append(Para(line, links, continued=True))
            start = end + 1
        return out

    @classmethod
    def joined(cls, paras: list[Para], sep: str) -> Para:
        """One paragraph of ``paras`` (the cells of a nested table's row), ``sep`` between them."""
        text, links = "", []
        for n, para in enumerate(paras):
            if n:
                text += sep
            links += [Link(k.text, k.url, k.start + len(text)) for k in para.links]
            text += para.text
        first = paras[0] if paras else None
        return cls(text, links, first.label if first else None, _own=first._own if first else 0)


class PageReader:
    """Text of paragraphs as the page shows it, whatever made the document."""

    def __init__(self, rels: dict[str, str], labels: dict[etree._Element, Label] | None = None) -> None:
        self.rels = rels
        self.labels = labels or {}

    def para(self, p: etree._Element) -> Para:
        """One paragraph's own text (its text boxes are :meth:`paras_of`'s)."""
        label = self.labels.get(p)
        out: list[str] = [label.text + label.suffix] if label else []
        links: list[Link] = []
        field_depth: list[dict[str, Any]] = []  # complex fields: instruction, result start

        def visit(el: etree._Element, link: str | None) -> None:
            tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
            if tag == "hyperlink":
                url = self.rels.get(el.get(f"{{{_R}}}id") or "", "")
                start = len("".join(out))
                for child in el:
                    visit(child, url or None)
                if url:
                    links.append(Link("".join(out)[start:], url, start))
                return
            if tag == "fldChar":
                kind = el.get(_w("fldCharType"))
                if kind == "begin":
                    box = el.find(f"{_w('ffData')}/{_w('checkBox')}")
                    checked = None
                    if box is not None:
                        flag = box.find(_w("checked"))
                        if flag is None:
                            flag = box.find(_w("default"))
                        checked = flag is not None and flag.get(_w("val"), "1") not in ("0", "false")
                    field_depth.append({"instr": "", "box": checked, "start": None})
                elif kind == "separate" and field_depth:
                    field_depth[-1]["start"] = len("".join(out))
                elif kind == "end" and field_depth:
                    f = field_depth.pop()
                    if f["box"] is not None:
                        out.append("☑" if f["box"] else "☐")
                    m = re.search(r'HYPERLINK\s+"([^"]+)"', f["instr"])
                    if m and f["start"] is not None:
                        links.append(Link("".join(out)[f["start"] :], m.group(1), f["start"]))
                return
            if tag == "instrText":
                if field_depth:
                    field_depth[-1]["instr"] += el.text or ""
                return
            if field_depth and field_depth[-1]["start"] is None:
                # inside a field's instruction part: not shown
                for child in el:
                    visit(child, link)
                return
            if tag == "t":
                text = el.text or ""
                if re.search("[\uf000-\uf0ff]", text):  # a symbol font's character, as LibreOffice saves w:sym
                    out.append(_symbol_text(el, text))
                else:
                    out.append(text)
            elif tag == "tab":
                if el.getparent() is not None and etree.QName(el.getparent()).localname == "r":
                    out.append("\t")
            elif tag in ("br", "cr"):
                if el.get(_w("type")) not in ("page", "column"):
                    out.append("\n")
            elif tag == "sym":
                font = (el.get(_w("font")) or "").lower()
                code = int(el.get(_w("char")) or "0", 16) & 0xFF
                out.append(_SYMBOLS.get((font, code), ""))
            elif tag in ("del", "moveFrom", "pPr", "rPr", "delText", "txbxContent", "Fallback"):
                return  # not shown, or shown as paragraphs of its own (a text box's)
            elif tag == "r" and _hidden(el):
                return
            else:
                for child in el:
                    visit(child, link)

        visit(p, None)
        return Para("".join(out), links, label, _own=len(out[0]) if label else 0)

    def paras_of(self, p: etree._Element) -> list[Para]:
        """A paragraph, then the paragraphs of the text boxes anchored in it."""
        return [self.para(p)] + [q for box in _boxes_of(p) for q in self.cell_paras(box)]

    def cell_paras(self, container: etree._Element) -> list[Para]:
        """The paragraphs of a table cell (or a text box) in order; a nested table's row is one
        paragraph, its cells' text side by side."""
        out: list[Para] = []
        for el in blocks(container):
            if etree.QName(el).localname == "p":
                out += self.paras_of(el)
                continue
            for tr in table_rows(el):
                cells = [Para.joined(self.cell_paras(tc), "\n") for tc in row_cells(tr)]
                cells = [c for c in cells if c.text.strip()]
                if cells:
                    out.append(Para.joined(cells, " "))
        return out

    def cell_text(self, tc: etree._Element) -> str:
        return "\n".join(p.text for p in self.cell_paras(tc))


def _hidden(run: etree._Element) -> bool:
    """A run marked hidden (``w:vanish``): Word neither shows nor prints it."""
    vanish = run.find(f"{_w('rPr')}/{_w('vanish')}")
    return vanish is not None and vanish.get(_w("val"), "true") not in ("0", "false", "off")


def _boxes_of(p: etree._Element) -> list[etree._Element]:
    """The text boxes' contents anchored in paragraph ``p`` (Word's fallback copy of each left out)."""
    out = []
    for box in p.iter(_w("txbxContent")):
        parent = box.getparent()
        while parent is not None and parent is not p:
            tag = etree.QName(parent).localname
            if tag in ("txbxContent", "Fallback", "del"):
                break
            parent = parent.getparent()
        else:
            out.append(box)
    return out


def _symbol_text(t: etree._Element, text: str) -> str:
    """Private-use characters (U+F0xx) of a Wingdings run as the boxes they draw."""
    run = t.getparent()
    fonts = run.find(f"{_w('rPr')}/{_w('rFonts')}") if run is not None else None
    font = ""
    if fonts is not None:
        font = next((fonts.get(_w(a)) or "" for a in ("ascii", "hAnsi", "cs") if fonts.get(_w(a))), "")
    if not font.lower().startswith("wingdings"):
        return text  # private-use characters of an ordinary font: the user's own
    font = font.lower()
    return "".join(_SYMBOLS.get((font, ord(c) & 0xFF), "") if "\uf000" <= c <= "\uf0ff" else c for c in text)


def relationships(parts: dict[str, bytes], name: str) -> dict[str, str]:
    p = PurePosixPath(name)
    rels = parts.get(str(p.parent / "_rels" / (p.name + ".rels")))
    if not rels:
        return {}
    try:
        root = safe_xml(rels, name, "")
    except InputError:
        return {}  # damaged relationships: its links are lost, the text is still read
    return {
        r.get("Id", ""): r.get("Target", "")
        for r in root.iter(f"{{{_REL}}}Relationship")
        if r.get("TargetMode") == "External"
    }


def referenced(parts: dict[str, bytes], name: str, kind: str) -> list[str]:
    """The parts of type ``kind`` (``header``, ``footer``) that part ``name`` refers to, inside the
    package: a part no relationship names is not the document's and is not read."""
    rels = rels_of(name)
    return [target for target in rel_targets(rels, parts.get(rels, b""), kind) if target in parts]


def iri(uri: str) -> str:
    """A link target back as the user wrote it: IDNA host and percent-encoded UTF-8 decoded
    (what :func:`sar_forms.domain.text.uri_of` encoded); an ASCII address as it is."""
    if "xn--" not in uri and not re.search(r"%[89A-Fa-f][0-9A-Fa-f]", uri):
        return uri
    parts = urlsplit(uri)
    host = parts.hostname or ""
    try:
        host = host.encode("ascii").decode("idna") if "xn--" in host else host
    except UnicodeError:
        pass
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, unquote(parts.path), unquote(parts.query), unquote(parts.fragment)))


def blocks(container: etree._Element) -> list[etree._Element]:
    """The paragraphs and tables of a body, cell or text box in order, content controls unwrapped."""
    out: list[etree._Element] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag in ("p", "tbl"):
                out.append(child)
            elif tag in ("sdt", "sdtContent", "customXml", "ins", "smartTag"):
                walk(child)

    walk(container)
    return out


def body_items(root: etree._Element) -> list[etree._Element]:
    """The body's paragraphs and tables in order, content controls unwrapped."""
    body = root.find(_w("body"))
    return blocks(body) if body is not None else []


def paragraphs(root: etree._Element) -> Iterable[etree._Element]:
    """Every paragraph of a part in document order, Word's fallback copies of text boxes left out."""
    for p in root.iter(_w("p")):
        parent = p.getparent()
        while parent is not None and etree.QName(parent).localname != "Fallback":
            parent = parent.getparent()
        if parent is None:
            yield p


def table_rows(tbl: etree._Element) -> list[etree._Element]:
    """A table's own rows (a nested table's rows are its cell's), content controls unwrapped."""
    return _own(tbl, "tr", tbl)


def row_cells(tr: etree._Element) -> list[etree._Element]:
    """A row's own cells, content controls unwrapped."""
    return _own(tr, "tc", _table_of(tr))


def _own(parent: etree._Element, tag: str, table: etree._Element | None) -> list[etree._Element]:
    """``parent``'s children ``w:{tag}``, also those inside content controls, of ``table`` only."""
    out: list[etree._Element] = []
    for child in parent:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name == tag:
            out.append(child)
        elif name in ("sdt", "customXml"):
            out += [el for el in child.iter(_w(tag)) if _table_of(el) is table]
    return out


def _table_of(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and etree.QName(parent).localname != "tbl":
        parent = parent.getparent()
    return parent


_NO_FILL = {"", "auto", "ffffff", "none"}


def cell_fill(tc: etree._Element) -> str:
    """A cell's background colour (``w:shd/@w:fill``, lower case), "" when it has none or white."""
    shd = tc.find(f"{_w('tcPr')}/{_w('shd')}")
    fill = (shd.get(_w("fill")) or "").lower() if shd is not None else ""
    return "" if fill in _NO_FILL else fill


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
