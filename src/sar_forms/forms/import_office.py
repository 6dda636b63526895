"""Who made a Word form, and when: the office, the fiscal year and the round, as its page states them.

Our own forms print the short name, year and round in the page header and keep the office's
kind, province and area in the document's properties; a hand-typed form may state them only in
its body. Whatever is not read from the page itself is reported as guessed, with its evidence."""

from __future__ import annotations

import re
from typing import Any

from ..domain.text import from_thai_digits
from .import_report import ImportReport

__all__ = ["office_and_year"]


def office_and_year(data: dict[str, Any], header: str, text: str, meta: dict[str, Any], report: ImportReport) -> str:
    """Fill ``data``'s office, fiscal year and round; the year as written ("" if none was found)."""
    office: dict[str, Any] = {}
    # ours: "<short name> ปีงบประมาณ พ.ศ. <year>[ รอบ <n> เดือน]", the short name any text; else the first year
    m = re.match(r"^(.*) ปีงบประมาณ พ\.ศ\. ([0-9๐-๙]{4})(?: รอบ [0-9๐-๙]+ เดือน)?$", header, re.S) or re.search(
        r"^(.*?)\s*ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*([0-9๐-๙]{4})", header.strip(), re.S
    )
    if m and m.group(1).strip():
        office["short_name"] = m.group(1).strip()
        report.found.append(f"office.short_name: {office['short_name']} (page header)")
    year = m.group(2) if m else None
    if year is None:
        y = re.search(r"ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*([0-9๐-๙]{4})", text)
        year = y.group(1) if y else None
    if year:
        data["fiscal_year"] = int(from_thai_digits(year))
        report.found.append(f"fiscal_year: {data['fiscal_year']}")
    else:
        report.unmapped.append(("fiscal_year", "no 'ปีงบประมาณ พ.ศ. NNNN' in the page header or above the table"))
    r = re.search(r"รอบ\s*([0-9๐-๙]+)\s*เดือน\s*$", header)
    if r:
        data["round"] = int(from_thai_digits(r.group(1)))
        report.found.append(f"round: {data['round']} (page header)")
    name = meta.get("office_name")
    if name:
        office["name"] = name
        report.found.append("office.name: from the document's properties (author)")
    else:
        n = re.search(r"สำนักงานเขตพื้นที่การศึกษา(?:ประถมศึกษา|มัธยมศึกษา)\S*(?:\s*เขต\s*[0-9๐-๙]+)?", text)
        if n:
            office["name"] = n.group(0)
            report.guessed.append(("office.name", "the first office name found in the text"))
        else:
            office["name"] = ""
            report.unmapped.append(("office.name", "not on the page: fill it in"))
    stored = meta.get("office") or {}
    for key in ("kind", "province", "area"):
        if stored.get(key) not in (None, ""):
            office[key] = stored[key]
            report.found.append(f"office.{key}: from the document's properties")
    full = office.get("name", "")
    if "kind" not in office:
        short = office.get("short_name", "")
        kind = "สพม." if "มัธยม" in full or short.startswith("สพม") else "สพป." if full or short else ""
        office["kind"] = kind
        report.guessed.append(("office.kind", f"{kind} from the office's {'name' if full else 'short name'}"))
    if not stored:  # a form not made by sar_forms: province and area as its name says them
        p = re.search(r"(?:ประถมศึกษา|มัธยมศึกษา)(.+?)(?:\s*เขต\s*([0-9๐-๙]+))?$", full)
        if "province" not in office:
            office["province"] = p.group(1).strip() if p else ""
            report.guessed.append(("office.province", "from the office's name" if p else "not found: fill it in"))
        if "area" not in office and p and p.group(2):
            office["area"] = int(from_thai_digits(p.group(2)))
            report.guessed.append(("office.area", "from the office's name (เขต N)"))
    data["office"] = {k: office[k] for k in ("name", "short_name", "kind", "province", "area") if k in office}
    return year or ""
