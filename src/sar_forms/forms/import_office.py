"""Who made a Word form, and when: the office, the fiscal year and the round, as its page states them.

Our own forms print the short name, year and round in the page header and keep the office's
kind, province and area in the document's properties; a hand-typed form may state them only in
its body. Whatever is not read from the page itself is reported as guessed, with its evidence."""

from __future__ import annotations

import re
from typing import Any

from ..domain.text import from_thai_digits
from ..messages import FieldName, say
from .import_report import ImportReport

__all__ = ["office_and_year"]


_YEAR_AFTER = re.compile(r"ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*([0-9๐-๙]{4})")


def _header_office_and_year(header: str) -> tuple[str, str | None]:
    """The short name and the year as a page header states them: ours, "<short name> ปีงบประมาณ
    พ.ศ. <year>[ รอบ <n> เดือน]" (the short name any text, line breaks too); else what stands
    before the first "ปีงบประมาณ" and the year after it. Found by the word first, then one anchored
    pattern: a lazy pattern over the whole header backtracked for half a minute on 100,000 spaces."""
    ours = re.match(r"^(.*) ปีงบประมาณ พ\.ศ\. ([0-9๐-๙]{4})(?: รอบ [0-9๐-๙]+ เดือน)?$", header, re.S)
    if ours:
        return ours.group(1), ours.group(2)
    at = header.find("ปีงบประมาณ")
    year = _YEAR_AFTER.match(header, at) if at >= 0 else None
    return (header[:at].strip(), year.group(1)) if year else ("", None)


def office_and_year(data: dict[str, Any], header: str, text: str, meta: dict[str, Any], report: ImportReport) -> str:
    """Fill ``data``'s office, fiscal year and round; the year as written ("" if none was found)."""
    office: dict[str, Any] = {}
    short_name, year = _header_office_and_year(header)
    if short_name.strip():
        office["short_name"] = short_name.strip()
        report.found.append(say("import.found.short_name", value=office["short_name"]))
    if year is None:
        y = _YEAR_AFTER.search(text)
        year = y.group(1) if y else None
    if year:
        data["fiscal_year"] = int(from_thai_digits(year))
        report.found.append(say("import.found.fiscal_year", value=data["fiscal_year"]))
    else:
        report.unmapped.append(("fiscal_year", say("import.no_fiscal_year")))
    r = re.search(r"รอบ\s*([0-9๐-๙]+)\s*เดือน\s*$", header)
    if r:
        data["round"] = int(from_thai_digits(r.group(1)))
        report.found.append(say("import.found.round", value=data["round"]))
    name = meta.get("office_name")
    if name:
        office["name"] = name
        report.found.append(say("import.found.office_name"))
    else:
        n = re.search(r"สำนักงานเขตพื้นที่การศึกษา(?:ประถมศึกษา|มัธยมศึกษา)\S*(?:\s*เขต\s*[0-9๐-๙]+)?", text)
        if n:
            office["name"] = n.group(0)
            report.guessed.append(("office.name", say("import.guess.office_name")))
        else:
            office["name"] = ""
            report.unmapped.append(("office.name", say("import.fill_in")))
    stored = meta.get("office") or {}
    full, short = office.get("name", ""), office.get("short_name", "")
    # the page's own word on the kind (its name, its short name) wins over the properties
    said = (
        "สพม."
        if "มัธยม" in full or short.startswith("สพม")
        else "สพป."
        if "ประถม" in full or short.startswith("สพป")
        else ""
    )
    if said and stored.get("kind") not in (None, said):
        report.guessed.append(("office.kind", say("import.page_wins", stored=stored["kind"], page=said)))
        stored = {k: v for k, v in stored.items() if k != "kind"}
    for key in ("kind", "province", "area"):
        if stored.get(key) not in (None, ""):
            office[key] = stored[key]
            report.found.append(say("import.found.property", field=FieldName(f"office.{key}")))
    if "kind" not in office:
        kind = "สพม." if "มัธยม" in full or short.startswith("สพม") else "สพป." if full or short else ""
        office["kind"] = kind
        report.guessed.append(
            (
                "office.kind",
                say("import.guess.kind_from_name" if full else "import.guess.kind_from_short_name", kind=kind),
            )
        )
    if not stored:  # a form not made by sar_forms: province and area as its name says them
        p = re.search(r"(?:ประถมศึกษา|มัธยมศึกษา)(.+?)(?:\s*เขต\s*([0-9๐-๙]+))?$", full)
        if "province" not in office:
            office["province"] = p.group(1).strip() if p else ""
            report.guessed.append(("office.province", say("import.guess.from_name") if p else say("import.not_found")))
        if "area" not in office and p and p.group(2):
            office["area"] = int(from_thai_digits(p.group(2)))
            report.guessed.append(("office.area", say("import.guess.area")))
    data["office"] = {k: office[k] for k in ("name", "short_name", "kind", "province", "area") if k in office}
    return year or ""
