"""A Word page read as a reader sees it: paragraphs' text run by run, check boxes, links, cells.

What the page shows, not how it was made: text is taken run by run through hyperlinks, fields,
content controls and tracked insertions; check boxes may be ☑/☒/■/☐ characters, Wingdings symbols
(``w:sym``), legacy check-box form fields or Word check-box content controls; links may be
hyperlinks or HYPERLINK fields; tables may hold content controls around their cells. Styles are
never relied on (LibreOffice renames them when it saves a file). Nothing here knows what a form
holds: the Word import of each form type maps these paragraphs to its fields."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from lxml import etree

from ..errors import InputError
from .names import REL as _REL
from .names import R as _R
from .names import w as _w
from .zipped import rel_targets, rels_of, safe_xml

__all__ = [
    "BOXES",
    "CHECKED",
    "UNCHECKED",
    "PageReader",
    "Para",
    "body_items",
    "cell_paragraphs",
    "iri",
    "referenced",
    "relationships",
    "row_cells",
    "squash",
]

CHECKED = "☑☒■✓✔☒⊠"
UNCHECKED = "☐□"
BOXES = CHECKED + UNCHECKED
# Wingdings (and Wingdings 2) code points of boxes, as w:sym writes them (F0xx or xx)
_SYMBOLS = {
    ("wingdings", 0xA8): "☐", ("wingdings", 0xFE): "☑", ("wingdings", 0xFD): "☒", ("wingdings", 0x6F): "☐",
    ("wingdings", 0x78): "☒", ("wingdings", 0xFC): "✓", ("wingdings 2", 0xA3): "☐", ("wingdings 2", 0x52): "☑",
    ("wingdings 2", 0x54): "☒", ("wingdings 2", 0x53): "☒", ("wingdings 2", 0x50): "✓", ("wingdings 2", 0xA2): "☐",
}  # fmt: skip


@dataclass
class Para:
    """A paragraph as read: its text (tabs and line breaks kept) and its links (text, url)."""

    text: str
    links: list[tuple[str, str]]


class PageReader:
    """Text of paragraphs as the page shows it, whatever made the document."""

    def __init__(self, rels: dict[str, str]) -> None:
        self.rels = rels

    def para(self, p: etree._Element) -> Para:
        out: list[str] = []
        links: list[tuple[str, str]] = []
        field_depth: list[dict[str, Any]] = []  # complex fields: instruction, result start

        def visit(el: etree._Element, link: str | None) -> None:
            tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
            if tag == "hyperlink":
                url = self.rels.get(el.get(f"{{{_R}}}id") or "", "")
                start = len("".join(out))
                for child in el:
                    visit(child, url or None)
                if url:
                    links.append(("".join(out)[start:], url))
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
                        links.append(("".join(out)[f["start"] :], m.group(1)))
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
            elif tag in ("del", "moveFrom", "pPr", "rPr", "delText"):
                return
            else:
                for child in el:
                    visit(child, link)

        visit(p, None)
        return Para("".join(out), links)


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


def body_items(root: etree._Element) -> list[etree._Element]:
    """The body's paragraphs and tables in order, content controls unwrapped."""
    body = root.find(_w("body"))
    out: list[etree._Element] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = etree.QName(child).localname
            if tag in ("p", "tbl"):
                out.append(child)
            elif tag in ("sdt", "sdtContent", "customXml", "ins"):
                walk(child)

    if body is not None:
        walk(body)
    return out


def row_cells(tr: etree._Element) -> list[etree._Element]:
    cells: list[etree._Element] = []
    for child in tr:
        tag = etree.QName(child).localname
        if tag == "tc":
            cells.append(child)
        elif tag in ("sdt", "customXml"):
            cells += [c for c in child.iter(_w("tc"))]
    return cells


def cell_paragraphs(tc: etree._Element) -> list[etree._Element]:
    return [p for p in tc.iter(_w("p")) if p.getparent() is not None]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
