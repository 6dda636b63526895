"""Many .docx documents of one template as one document: each its own section, in order.

Used two ways: a batch converts a chunk of forms as one merged document (LibreOffice pays its
fixed cost per document loaded, not per page) and splits the PDF again; a book is its front
matter and every form of an office, one after the other.

Each document keeps everything that makes its pages: its body, its own header and footer parts
(they hold the office and year), its hyperlinks, its page size and margins (its ``w:sectPr``,
ending its section as a paragraph's section break). Ids that must be unique in a package
(relationships, bookmarks, drawings) are renumbered. The documents must come from one template:
styles, numbering, settings and theme are the first document's (checked: equal styles).

Every section starts on a new page; ``restart_numbering`` makes each one's page numbers start
at 1 (what the form's single conversion shows), otherwise they run on through the whole.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from ..errors import TemplateError
from ..messages import say
from .names import CT as _CT
from .names import WP as _WP
from .names import R as _R
from .names import add_bookmark
from .names import w as _w
from .package import Package
from .zipped import rels_of

__all__ = ["Merged", "Package", "form_mark", "merge_documents"]

_HEADER = f"{_R}/header"
_FOOTER = f"{_R}/footer"
_HYPERLINK = f"{_R}/hyperlink"
_CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_CT_FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
_MARK = "SarForm"
_WITH_RID = etree.XPath("descendant-or-self::*[@r:id]", namespaces={"r": _R})


def form_mark(index: int) -> str:
    """The bookmark that opens document ``index`` (0-based) of a merged document."""
    return f"{_MARK}{index:05d}"


@dataclass(frozen=True)
class Merged:
    """The merged .docx and, per document, the bookmark at its start (see :func:`form_mark`)."""

    docx: bytes
    marks: tuple[str, ...]


def merge_documents(documents: Sequence[bytes | Package], *, restart_numbering: bool = True) -> Merged:
    """One .docx holding ``documents`` (rendered from one template; .docx bytes, or packages
    already read, which are left as they are) in order, each starting on a new page with a
    bookmark (:func:`form_mark`) before its first paragraph."""
    if not documents:
        raise ValueError("nothing to merge")

    def read(document: bytes | Package) -> Package:
        return document.copy() if isinstance(document, Package) else Package.read(document)

    base = read(documents[0])
    body = base.document.find(_w("body"))
    assert body is not None
    for child in list(body):
        body.remove(child)
    content_types = etree.fromstring(base.parts["[Content_Types].xml"])
    used_ids = {r.get("Id") for r in base.rels}
    for r in list(base.rels):  # hyperlinks, headers and footers come again with each document
        if r.get("Type") in (_HYPERLINK, _HEADER, _FOOTER):
            base.rels.remove(r)
            if r.get("Type") != _HYPERLINK:
                _drop_part(base, content_types, "word/" + str(r.get("Target")))
    counters = {"rel": 0, "part": 0, "bookmark": 0, "drawing": 0}
    marks = []
    for index, data in enumerate(documents):
        source = read(data)  # the first document read again: the base's own body was emptied above
        if source.parts.get("word/styles.xml") != base.parts.get("word/styles.xml"):
            raise TemplateError(say("compose.other_template", number=index + 1))
        src_body = source.document.find(_w("body"))
        assert src_body is not None
        children = list(src_body)
        sect = src_body.find(_w("sectPr"))
        if sect is None:
            raise TemplateError(say("compose.no_section", number=index + 1))
        children.remove(sect)
        sect = copy.deepcopy(sect)
        _carry_relationships(source, base, content_types, children, sect, used_ids, counters)
        _renumber(children, counters)
        if restart_numbering:
            _restart_numbering(sect)
        mark = form_mark(index)
        marks.append(mark)
        _open_with_bookmark(children, mark, counters)
        for child in children:
            body.append(child)
        if index < len(documents) - 1:
            _end_section(body, sect)
        else:
            body.append(sect)
    base.parts["[Content_Types].xml"] = etree.tostring(
        content_types, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    return Merged(base.to_bytes(), tuple(marks))


def _drop_part(package: Package, content_types: etree._Element, name: str) -> None:
    package.parts.pop(name, None)
    package.parts.pop(rels_of(name), None)
    for o in list(content_types):
        if o.get("PartName") == "/" + name:
            content_types.remove(o)


def _new_id(used: set[str | None], counters: dict[str, int]) -> str:
    while True:
        counters["rel"] += 1
        rid = f"rIdM{counters['rel']}"
        if rid not in used:
            used.add(rid)
            return rid


def _carry_relationships(
    source: Package,
    base: Package,
    content_types: etree._Element,
    children: list[etree._Element],
    sect: etree._Element,
    used: set[str | None],
    counters: dict[str, int],
) -> None:
    """Give every relationship that ``children`` and ``sect`` use a new id in the merged document:
    headers and footers become new parts of their own; hyperlinks, and parts both documents
    share by name (an image of the template), keep their targets."""
    renamed: dict[str, str] = {}
    attr = f"{{{_R}}}id"
    holders = [el for child in children for el in _WITH_RID(child)]  # XPath: in C, not element by element
    holders += [el for el in sect if el.get(attr)]
    for el in holders:
        old = str(el.get(attr))
        if old not in renamed:
            rel = source.rel(old)
            rtype = rel.get("Type")
            new = _new_id(used, counters)
            copied = copy.deepcopy(rel)
            copied.set("Id", new)
            if rtype in (_HEADER, _FOOTER):
                counters["part"] += 1
                kind = "header" if rtype == _HEADER else "footer"
                target = f"{kind}_m{counters['part']}.xml"
                name = "word/" + str(rel.get("Target"))
                base.parts["word/" + target] = source.parts[name]
                if rels_of(name) in source.parts:
                    base.parts[rels_of("word/" + target)] = source.parts[rels_of(name)]
                override = etree.SubElement(content_types, f"{{{_CT}}}Override")
                override.set("PartName", "/word/" + target)
                override.set("ContentType", _CT_HEADER if kind == "header" else _CT_FOOTER)
                copied.set("Target", target)
            base.rels.append(copied)
            renamed[old] = new
        el.set(attr, renamed[old])


def _renumber(children: list[etree._Element], counters: dict[str, int]) -> None:
    """Bookmark and drawing ids unique across the merged document."""
    bookmark_ids: dict[str, str] = {}
    for child in children:
        for el in child.iter(_w("bookmarkStart"), _w("bookmarkEnd")):
            old = str(el.get(_w("id")))
            if old not in bookmark_ids:
                counters["bookmark"] += 1
                bookmark_ids[old] = str(counters["bookmark"])
            el.set(_w("id"), bookmark_ids[old])
        for el in child.iter(f"{{{_WP}}}docPr"):
            counters["drawing"] += 1
            el.set("id", str(counters["drawing"]))


def _restart_numbering(sect: etree._Element) -> None:
    numbering = sect.find(_w("pgNumType"))
    if numbering is None:
        numbering = etree.Element(_w("pgNumType"))
        # schema order: after pgBorders/lnNumType, before cols
        anchor = next((el for el in sect if el.tag in (_w("cols"), _w("formProt"), _w("vAlign"))), None)
        if anchor is not None:
            anchor.addprevious(numbering)
        else:
            sect.append(numbering)
    numbering.set(_w("start"), "1")


def _open_with_bookmark(children: list[etree._Element], name: str, counters: dict[str, int]) -> None:
    """A bookmark around the start of the first paragraph of the document (in a table if it opens with one)."""
    first = next((p for child in children for p in child.iter(_w("p"))), None)
    if first is None:
        first = etree.Element(_w("p"))
        children.insert(0, first)
    counters["bookmark"] += 1
    add_bookmark(first, name, counters["bookmark"])


def _end_section(body: etree._Element, sect: etree._Element) -> None:
    """End the section at the last paragraph appended (as its section break), or at a new empty
    paragraph when the document ends in a table."""
    last = body[-1] if len(body) else None
    if last is None or last.tag != _w("p") or last.find(f"{_w('pPr')}/{_w('sectPr')}") is not None:
        last = etree.SubElement(body, _w("p"))
    ppr = last.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        last.insert(0, ppr)
    # schema order inside w:pPr: sectPr comes after everything but w:pPrChange
    change = ppr.find(_w("pPrChange"))
    if change is not None:
        change.addprevious(sect)
    else:
        ppr.append(sect)
