"""The Office Open XML namespaces the package reads and writes, Clark names in WordprocessingML,
and a bookmark put into a paragraph."""

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"  # relationship ids (r:id)
REL = "http://schemas.openxmlformats.org/package/2006/relationships"  # .rels parts
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def w(tag: str) -> str:
    """``{W}tag``: the name lxml gives the element ``w:tag``."""
    return f"{{{W}}}{tag}"


def add_bookmark(paragraph: etree._Element, name: str, bookmark_id: int, *, at_end: bool = False) -> None:
    """A bookmark ``name`` (an empty range) at the start of ``paragraph``'s content (after its
    properties), or, ``at_end``, after its last run."""
    start, end = etree.Element(w("bookmarkStart")), etree.Element(w("bookmarkEnd"))
    start.set(w("id"), str(bookmark_id))
    start.set(w("name"), name)
    end.set(w("id"), str(bookmark_id))
    if at_end:
        paragraph.append(start)
        paragraph.append(end)
        return
    ppr = paragraph.find(w("pPr"))
    at = 0 if ppr is None else list(paragraph).index(ppr) + 1
    paragraph.insert(at, start)
    paragraph.insert(at + 1, end)
