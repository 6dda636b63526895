"""Packages from strangers opened with their size checked first: .docx forms and templates, .xlsx
workbooks (all zips), and their XML parsed with entities and DTDs refused.

A zip says how large each member will be when inflated; a few KB can inflate to gigabytes (a
2 MB .docx held 2 GB of spaces in one w:t, another 10 million empty paragraphs in 100 KB, another
10,000 header parts). So before anything is read: at most :data:`MAX_MEMBERS` members, each part
read at most :data:`MAX_PART` bytes and all parts read at most :data:`MAX_TOTAL`, and no large
member inflating more than :data:`MAX_RATIO` times (Word's XML inflates 5 to 20 times). Reading
is capped too, so a member whose header lies about its size still stops at the cap. Only XML
parts are read for a form's text: a picture, however large, is never inflated.

The limits are generous for real forms (the longest form seen is under 1 MB of XML, a national
workbook a few MB) and each refusal is an InputError naming the file and the limit.
"""

from __future__ import annotations

import os
import posixpath
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..messages import say

__all__ = [
    "MAX_MEMBERS",
    "MAX_PART",
    "MAX_RATIO",
    "MAX_TOTAL",
    "check_xml_sizes",
    "checked_zip",
    "read_all_parts",
    "read_xml_parts",
    "rel_targets",
    "rels_of",
    "safe_xml",
]

MAX_MEMBERS = 2_000  # a form has 20-40 parts, a workbook tens
MAX_PART = 32 * 2**20  # bytes of one part once inflated
MAX_TOTAL = 128 * 2**20  # bytes of all the parts read, once inflated
MAX_RATIO = 200  # inflated / compressed, for members over 1 MB inflated
_RATIO_FROM = 2**20

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def checked_zip(source: str | os.PathLike[str], what: str | None = None) -> zipfile.ZipFile:
    """The zip at ``source``, opened once its directory passes the limits; InputError otherwise
    (not a zip, not a file, too many members, a member that inflates too far)."""
    path = Path(source)
    name = what or str(path)
    if not path.is_file():
        raise InputError(say("input.not_a_file"), source=name)
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError, EOFError) as exc:
        # NotImplementedError: a flipped byte asks for "zip file version 18.4" (found by the fuzzer)
        raise InputError(say("input.not_docx", reason=str(exc)), source=name) from exc
    infos = z.infolist()
    problem = None
    if len(infos) > MAX_MEMBERS:
        problem = say("zip.members", count=len(infos), limit=MAX_MEMBERS)
    for info in infos:
        if problem is None and info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(1, info.compress_size):
            ratio = info.file_size // max(1, info.compress_size)
            problem = say("zip.ratio", part=info.filename, ratio=ratio, limit=MAX_RATIO)
    if problem is not None:
        z.close()
        raise InputError(problem, source=name)
    return z


def _read(z: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, name: str) -> bytes:
    """One member inflated, at most ``min(MAX_PART, budget)`` bytes whatever its header says."""
    cap = min(MAX_PART, budget)
    if info.file_size > cap:
        raise InputError(say("zip.part_too_large", part=info.filename, size=info.file_size, limit=cap), source=name)
    try:
        with z.open(info) as member:
            data = member.read(cap + 1)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as exc:
        raise InputError(say("input.damaged_part", part=info.filename, reason=str(exc)), source=name) from exc
    except RuntimeError as exc:  # zipfile's word for an encrypted member (a flipped flag bit, found by the fuzzer)
        raise InputError(say("zip.encrypted", part=info.filename), source=name) from exc
    if len(data) > cap:
        raise InputError(say("zip.part_too_large", part=info.filename, size=len(data), limit=cap), source=name)
    return data


class _Budget:
    """Reads members of one open package, all of them together within :data:`MAX_TOTAL`."""

    def __init__(self, z: zipfile.ZipFile, name: str) -> None:
        self.z, self.name, self.left = z, name, MAX_TOTAL

    def read(self, info: zipfile.ZipInfo) -> bytes:
        data = _read(self.z, info, self.left, self.name)
        self.left -= len(data)
        if self.left <= 0:
            raise InputError(say("zip.total", limit=MAX_TOTAL), source=self.name)
        return data


def read_xml_parts(source: str | os.PathLike[str]) -> dict[str, bytes]:
    """The XML parts of a package that its relationships reach from the package's root (the
    main document, its headers, styles and numbering, the document properties), each with its
    relationships, within the limits; a part nothing refers to (a stray header, ten thousand of
    them) and binary parts (pictures, fonts) are not read at all."""
    parts: dict[str, bytes] = {}
    with checked_zip(source) as z:
        budget = _Budget(z, str(source))
        members = {info.filename: info for info in z.infolist()}
        todo = ["_rels/.rels", "[Content_Types].xml"]
        while todo:
            part = todo.pop()
            info = members.get(part)
            if part in parts or info is None or not part.endswith((".xml", ".rels")):
                continue
            data = parts[part] = budget.read(info)
            todo += rel_targets(part, data) if part.endswith(".rels") else [rels_of(part)]
    return parts


def rels_of(part: str) -> str:
    """The name of the relationships part of ``part`` (``word/document.xml`` -> ``word/_rels/document.xml.rels``)."""
    folder, _, leaf = part.rpartition("/")
    return f"{folder}/_rels/{leaf}.rels" if folder else f"_rels/{leaf}.rels"


def rel_targets(rels: str, data: bytes, kind: str | None = None) -> list[str]:
    """The parts inside the package that the relationships part ``rels`` names (those of type
    ``kind`` only, such as ``header``, when given), as paths from the package's root; a target
    that climbs out of the package is no part of it, and damaged relationships name none."""
    try:
        root = safe_xml(data, rels, "")
    except InputError:
        return []
    folder = rels.split("_rels/")[0].rstrip("/")
    out = []
    for r in root:
        target = r.get("Target") or ""
        if r.get("TargetMode") == "External" or not target:
            continue
        if kind is not None and not (r.get("Type") or "").endswith(f"/{kind}"):
            continue
        path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
        if not path.startswith(".."):
            out.append(path)
    return out


def read_all_parts(source: str | os.PathLike[str]) -> tuple[list[str], dict[str, bytes]]:
    """Every member of a package (a template's pictures too), in order, within the limits."""
    with checked_zip(source) as z:
        budget = _Budget(z, str(source))
        names = [info.filename for info in z.infolist()]
        parts = {info.filename: budget.read(info) for info in z.infolist()}
    return names, parts


def check_xml_sizes(source: str | os.PathLike[str]) -> None:
    """For a package another library will read whole (openpyxl, a workbook): its XML members, as
    their headers declare them (zipfile inflates no more than that), within the limits."""
    name = str(source)
    with checked_zip(source) as z:
        xml = [info for info in z.infolist() if info.filename.endswith((".xml", ".rels"))]
        for info in xml:
            if info.file_size > MAX_PART:
                raise InputError(
                    say("zip.part_too_large", part=info.filename, size=info.file_size, limit=MAX_PART), source=name
                )
        if sum(info.file_size for info in xml) > MAX_TOTAL:
            raise InputError(say("zip.total", limit=MAX_TOTAL), source=name)


def safe_xml(data: bytes, part: str, source: str) -> etree._Element:
    """A part's XML as a tree, or InputError naming it: damaged, or with a DTD (a document type
    declaration is where entity tricks live: billion laughs, external files), which Office never writes."""
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:65536]:
        raise InputError(say("zip.doctype", part=part), source=source)
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(say("input.damaged_part", part=part, reason=str(exc)), source=source) from exc
