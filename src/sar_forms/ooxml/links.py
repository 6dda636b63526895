"""A rendered document's hyperlinks: relationship ids handed out as python-docx hands them out,
and the document's relationships with them added."""

from __future__ import annotations

import functools

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from lxml import etree

from .names import REL as _REL_NS

__all__ = ["Links", "relationships_with"]


class Links:
    """Hyperlink relationships of one document, numbered as python-docx numbers them."""

    def __init__(self, existing: dict[str, tuple[str, str, bool]]) -> None:
        self.ids = set(existing)
        self.by_url = {target: rid for rid, (rtype, target, ext) in existing.items() if rtype == RT.HYPERLINK and ext}
        self.new: list[tuple[str, str]] = []

    def build_url_id(self, url: str) -> str:
        if url in self.by_url:
            return self.by_url[url]
        n = 1
        while f"rId{n}" in self.ids:
            n += 1
        rid = f"rId{n}"
        self.ids.add(rid)
        self.by_url[url] = rid
        self.new.append((rid, url))
        return rid


@functools.lru_cache(maxsize=64)
def relationships_with(rels_xml: bytes, new: tuple[tuple[str, str], ...]) -> bytes:
    """The document's relationships with the hyperlinks ``new`` added: the same for every form
    that links the same addresses, so kept."""
    root = etree.fromstring(rels_xml)
    for rid, url in new:  # lxml escapes the address as an attribute needs
        etree.SubElement(
            root, f"{{{_REL_NS}}}Relationship", Id=rid, Type=RT.HYPERLINK, Target=url, TargetMode="External"
        )
    return bytes(serialize_part_xml(root))
