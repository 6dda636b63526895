"""The Office Open XML namespaces the package reads and writes, and Clark names in WordprocessingML."""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"  # relationship ids (r:id)
REL = "http://schemas.openxmlformats.org/package/2006/relationships"  # .rels parts
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def w(tag: str) -> str:
    """``{W}tag``: the name lxml gives the element ``w:tag``."""
    return f"{{{W}}}{tag}"
