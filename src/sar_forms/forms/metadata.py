"""The form's document properties: what archives, PDF viewers and ``sar-forms import`` read of it.

Rendering writes them (title, author, subject, keywords, language, and in the comments the data the
page does not print, as ``sar_forms:{json}``); the Word import reads the same format back, so
both sides share this module and neither needs the other."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..domain.models import Assessment
from ..errors import InputError
from ..ooxml.zipped import safe_xml

if TYPE_CHECKING:  # python-docx only types the argument: reading a form's properties needs none of it
    from docx.opc.coreprops import CoreProperties

__all__ = ["META_PREFIX", "form_metadata", "read_form_metadata", "set_core_properties"]

_CORE_LIMIT = 255  # characters: python-docx (and Word's own dialog) hold no more in a core property


def _core(text: str) -> str:
    return text if len(text) <= _CORE_LIMIT else text[: _CORE_LIMIT - 1] + "…"


def set_core_properties(cp: CoreProperties, a: Assessment) -> None:
    """Title, author, subject and language of the document, for archives and PDF metadata;
    a long name or title is cut to the 255 characters a core property holds (the form itself
    prints it whole)."""
    cp.title = _core(f"มาตรฐานที่ {a.standard.number} ตัวบ่งชี้ที่ {a.indicator.code} {a.indicator.title}")
    cp.author = _core(a.office.name)
    cp.subject = _core(f"รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา ปีงบประมาณ พ.ศ. {a.fiscal_year}")
    cp.keywords = _core(f"{a.office.short_name}; {a.indicator.code}; {a.fiscal_year}")
    cp.language = "th-TH"
    cp.comments = form_metadata(a)


#: The core property comments of our forms start so: what the page does not print, for ``import``.
META_PREFIX = "sar_forms:"


def form_metadata(a: Assessment) -> str:
    """``sar_forms:{json}``: the office's kind, province and area and the per-point facts (0 not
    done, 1 done, 2 clear), which the form does not print; ``sar-forms import`` reads them back.
    Points are left out if they would not fit the 255 characters of a core property."""
    office = {"kind": a.office.kind, "province": a.office.province, "area": a.office.area}
    meta: dict[str, Any] = {"office": office}
    if a.points:
        meta["points"] = "".join("2" if p.clear else "1" if p.done else "0" for p in a.points)
    text = META_PREFIX + json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
    if len(text) > _CORE_LIMIT:
        text = META_PREFIX + json.dumps({"office": office}, ensure_ascii=False, separators=(",", ":"))
    return _core(text)


_DC = "http://purl.org/dc/elements/1.1/"


#: The most of a document's comments read for our metadata: ours is at most 255 characters (a core
#: property's limit), so anything longer was not written by us.
_META_CHARS = 4096


def read_form_metadata(core_xml: bytes | None) -> dict[str, Any]:
    """What :func:`form_metadata` and :func:`set_core_properties` wrote, read back from a .docx's
    core properties, checked like any input: the office's kind, province and area and the
    per-point facts where they have the type and size ours have (anything else is dropped, not
    believed), the author as ``office_name``; ``{}`` for a document that is not one of our forms
    (a hand-typed one) or whose properties are damaged."""
    if not core_xml or len(core_xml) > 1_000_000:
        return {}
    try:
        root = safe_xml(core_xml, "docProps/core.xml", "")
    except InputError:  # damaged, or a DTD: the page speaks instead
        return {}
    creator = root.find(f"{{{_DC}}}creator")
    description = root.find(f"{{{_DC}}}description")
    text = (description.text or "") if description is not None else ""
    if not text.startswith(META_PREFIX) or len(text) > _META_CHARS:
        return {}
    try:
        raw = json.loads(text[len(META_PREFIX) :])
    except (ValueError, RecursionError):
        return {}
    out: dict[str, Any] = {}
    office = raw.get("office") if isinstance(raw, dict) else None
    if isinstance(office, dict):
        checked = {
            "kind": office.get("kind") if office.get("kind") in ("สพป.", "สพม.") else None,
            "province": office.get("province") if isinstance(office.get("province"), str) else None,
            "area": office.get("area") if type(office.get("area")) is int and 0 < office["area"] < 1000 else None,
        }
        if checked["province"] is not None and len(checked["province"]) > 100:
            checked["province"] = None
        out["office"] = {k: v for k, v in checked.items() if v is not None}
    points = raw.get("points") if isinstance(raw, dict) else None
    if isinstance(points, str) and 0 < len(points) <= 64 and set(points) <= set("012"):
        out["points"] = points
    if creator is not None and creator.text and len(creator.text) <= 255:
        out["office_name"] = creator.text
    return out
