"""A .docx package read into its parts, changed as trees, and written again with fixed dates.

The one place that opens and rewrites a .docx's zip: rendering, composing, the heading keeper,
books and the Word import all go through it, so every package we write has the same member
order, dates and permissions (the same content, the same bytes)."""

from __future__ import annotations

import copy
import io
import os
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from isal import isal_zlib
from lxml import etree

__all__ = ["Deflated", "Package", "normalize_docx", "read_part", "zip_entries"]


class Package:
    """One .docx read into parts, with its main document and that document's relationships
    parsed: what :func:`merge_documents` takes documents apart into. A caller that already holds
    a document parsed (to change it before merging) passes its package, and nothing is zipped
    and read again."""

    def __init__(self, names: list[str], parts: dict[str, bytes], document: etree._Element, rels: etree._Element):
        self.names, self.parts, self.document, self.rels = names, parts, document, rels

    @classmethod
    def read(cls, data: bytes) -> Package:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = [i.filename for i in z.infolist()]
            parts = {n: z.read(n) for n in names}
        return cls(
            names,
            parts,
            etree.fromstring(parts["word/document.xml"]),
            etree.fromstring(parts["word/_rels/document.xml.rels"]),
        )

    def copy(self) -> Package:
        """A copy whose document and relationships can be taken apart without touching this one."""
        return Package(list(self.names), dict(self.parts), copy.deepcopy(self.document), copy.deepcopy(self.rels))

    def rel(self, rid: str) -> etree._Element:
        for r in self.rels:
            if r.get("Id") == rid:
                return r
        raise KeyError(rid)

    def to_bytes(self) -> bytes:
        """The package as a .docx: the document and relationships as they are now, fixed dates
        (the same package, the same bytes), the fastest compression."""
        for name, tree in (("word/document.xml", self.document), ("word/_rels/document.xml.rels", self.rels)):
            self.parts[name] = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            for name in self.names:
                if name in self.parts:
                    z.writestr(_zipinfo(name), self.parts[name])
            for name, data in self.parts.items():
                if name not in self.names:
                    z.writestr(_zipinfo(name), data)
        return out.getvalue()


def _zipinfo(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def normalize_docx(data: bytes) -> bytes:
    """Rewrite a .docx zip with fixed timestamps, in its own order: equal input, equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(_zipinfo(info.filename), src.read(info))
    return out.getvalue()


@dataclass(frozen=True)
class Deflated:
    """A zip member's data, deflated, with what the zip headers say of it."""

    data: bytes
    crc: int
    size: int

    @classmethod
    def of(cls, raw: bytes, level: int = 6) -> Deflated:
        """``raw`` deflated by zlib at ``level``: raw deflate (window bits -15), as zipfile
        writes it, in one call."""
        return cls(zlib.compress(raw, level, -15), zlib.crc32(raw), len(raw))

    @classmethod
    def quick(cls, raw: bytes) -> Deflated:
        """``raw`` deflated by ISA-L at its level 1: the same raw deflate stream format, any
        unzip reads it; on a rendered form's body a sixth of zlib level 1's time, and 8% smaller."""
        return cls(isal_zlib.compress(raw, 1, -15), isal_zlib.crc32(raw), len(raw))


def zip_entries(entries: Iterable[tuple[str, Deflated]]) -> bytes:
    """A zip of already-deflated members, with fixed timestamps (1980-01-01), in the given order.

    zipfile cannot take data that is already compressed, and compressing the template's
    untouched parts again for every document was the largest cost left in a render. This is
    the plain zip layout (local headers, central directory, end record) that zipfile itself
    writes for small archives; the tests open every output with zipfile and python-docx.
    """
    out = bytearray()
    central = bytearray()
    count = 0
    dos_time, dos_date = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00:00
    for name, member in entries:
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else 0x800
        offset = len(out)
        # what the local header and the central directory both say of a member: version needed,
        # flags, deflate, time, date, crc, compressed and plain sizes, name length
        common = (20, flags, 8, dos_time, dos_date, member.crc, len(member.data), member.size, len(encoded))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *common, 0)
        out += encoded + member.data
        # made by (0x0314: Unix, 2.0), then the common fields, extra, comment, disk, attributes, offset
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, *common, 0, 0, 0, 0, 0o100644 << 16, offset)
        central += encoded
        count += 1
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0)
    return bytes(out)


def read_part(source: bytes | str | os.PathLike[str], name: str) -> bytes | None:
    """One part of a .docx (bytes or a file), or None when the package has no such part."""
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
        return z.read(name) if name in z.namelist() else None
