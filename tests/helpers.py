"""Readers of generated documents, shared by the tests."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree
from pdf_layout import TableGeometry

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
W = "{%s}" % NS["w"]
THAI = re.compile("[\u0e00-\u0e7f]")

#: The narrative cell's headings that keep with their next paragraph (the form's own words).
HEADINGS = ["ผลการดำเนินงาน", "2. ปัญหา อุปสรรค", "3. ข้อเสนอแนะเพื่อการพัฒนา"]


def geometry_of(docx: bytes) -> TableGeometry:
    """Where a .docx's table stands on its pages (for reading its PDF's columns)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return TableGeometry.of(z.read("word/document.xml"))


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def text_of(el: etree._Element) -> str:
    """Text of an element as Word shows it: paragraphs on lines, w:br as a line break, w:tab as a tab."""
    out = []
    for node in el.iter(W + "p", W + "t", W + "br", W + "tab"):
        if node.tag == W + "p" and out:
            out.append("\n")
        elif node.tag == W + "t":
            out.append(node.text or "")
        elif node.tag == W + "br":
            out.append("\n")
        elif node.tag == W + "tab":
            out.append("\t")
    return "".join(out)


def squash(text: str) -> str:
    """Whitespace removed: for finding a sentence whatever the line breaks."""
    return re.sub(r"\s+", "", text)


def audit(path: Path) -> list[str]:
    """openxml-audit's findings (schema, semantic and Word app-compat), as strings."""
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator(max_errors=0).validate(str(path))
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]


def hyperlinks(path: Path) -> list[tuple[str, str]]:
    """(link text, target URL) of every w:hyperlink of the body, through its relationship."""
    doc = part(path, "word/document.xml")
    rels = part(path, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): (r.get("Target"), r.get("TargetMode")) for r in rels.iter("{%s}Relationship" % NS["rel"])}
    out = []
    for h in doc.iter(W + "hyperlink"):
        target, mode = targets[h.get("{%s}id" % NS["r"])]
        assert mode == "External"
        out.append(("".join(h.itertext()), target))
    return out


class Styles:
    """Resolves a run's effective complex-script font and size through styles and defaults."""

    def __init__(self, path: Path) -> None:
        root = part(path, "word/styles.xml")
        self.styles = {s.get(W + "styleId"): s for s in root.iter(W + "style")}
        self.defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        out = []
        while style_id and style_id in self.styles:
            s = self.styles[style_id]
            rpr = s.find("w:rPr", NS)
            if rpr is not None:
                out.append(rpr)
            based = s.find("w:basedOn", NS)
            style_id = based.get(W + "val") if based is not None else None
        return out

    def effective(self, run: etree._Element) -> dict[str, str | None]:
        p = run.getparent()
        while p.tag != W + "p":
            p = p.getparent()
        rpr = run.find("w:rPr", NS)
        rstyle = rpr.find("w:rStyle", NS) if rpr is not None else None
        pstyle = p.find("w:pPr/w:pStyle", NS)
        layers = [rpr] if rpr is not None else []
        layers += self._chain(rstyle.get(W + "val") if rstyle is not None else None)
        layers += self._chain(pstyle.get(W + "val") if pstyle is not None else "Normal")
        layers.append(self.defaults)
        found: dict[str, str | None] = {"cs": None, "szCs": None, "bidi": None, "theme": None}
        for layer in layers:
            fonts = layer.find("w:rFonts", NS)
            if fonts is not None:
                if found["theme"] is None and fonts.get(W + "cstheme"):
                    found["theme"] = fonts.get(W + "cstheme")
                if found["cs"] is None:
                    found["cs"] = fonts.get(W + "cs")
            sz = layer.find("w:szCs", NS)
            if found["szCs"] is None and sz is not None:
                found["szCs"] = sz.get(W + "val")
            lang = layer.find("w:lang", NS)
            if found["bidi"] is None and lang is not None:
                found["bidi"] = lang.get(W + "bidi")
        return found


def normalized_document_xml(path: Path) -> str:
    """document.xml, canonical and indented, rsids stripped: for the golden comparison."""
    root = part(path, "word/document.xml")
    for el in root.iter():
        for attr in list(el.attrib):
            if "rsid" in attr:
                del el.attrib[attr]
    canon = etree.tostring(root, method="c14n")
    tree = etree.fromstring(canon, etree.XMLParser(remove_blank_text=True))
    etree.indent(tree, space=" ")
    return etree.tostring(tree, encoding="unicode")


def process_name(pid: str) -> str:
    """The command name of a process (``soffice.bin``...), or "" once it is gone."""
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def one_page_pdf(source: Path, target: Path, *, destinations: bool) -> Path:
    """What a fake converter writes: one blank A4 page; with ``destinations``, every bookmark of
    the .docx ``source`` as a named destination on it (as LibreOffice exports them)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if destinations:
        document = etree.fromstring(zipfile.ZipFile(source).read("word/document.xml"))
        for mark in document.iter(W + "bookmarkStart"):
            writer.add_named_destination(str(mark.get(W + "name")), 0)
    with target.open("wb") as fh:
        writer.write(fh)
    return target


#: The document information every PDF of ours carries (ISO 32000-1, 14.3.3), as pdfinfo names it
#: (LibreOffice writes no ModDate: the document was not modified after it was made).
INFO_FIELDS = ("Title", "Subject", "Keywords", "Author", "CreationDate")


def document_information(pdf: bytes) -> dict[str, str]:
    """A PDF's document information as two readers see it: pdfinfo (poppler, what a person's
    viewer shows) and pypdf; the test fails where they disagree on which fields there are."""
    import subprocess

    from pypdf import PdfReader

    shown = subprocess.run(["pdfinfo", "-isodates", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    poppler = {k: v.strip() for k, _, v in (line.partition(":") for line in shown.splitlines()) if k in INFO_FIELDS}
    meta = PdfReader(io.BytesIO(pdf)).metadata or {}
    assert {f for f in INFO_FIELDS if meta.get(f"/{f}")} == set(poppler), (poppler, dict(meta))
    return poppler
