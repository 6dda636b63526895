"""Who made a Word form, and when: the office, the fiscal year and the round, as its page states them.

Our own forms print the short name, year and round in the page header and keep the office's
kind, province and area in the document's properties; a hand-typed form may state them only in
its body. Whatever is not read from the page itself is reported as guessed, with its evidence."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..domain.offices import OfficeName, offices_in, parse_full_name
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


def office_and_year(
    data: dict[str, Any], header: str, above: str, text: str, meta: dict[str, Any], report: ImportReport
) -> str:
    """Fill ``data``'s office, fiscal year and round from the page header, the text above the
    table, the whole page's ``text`` and the document's properties, in that order of trust; the
    year as written ("" if none was found)."""
    short_name, year = _header_office_and_year(header)
    written = _fiscal_year(data, year, above, text, report)
    r = re.search(r"รอบ\s*([0-9๐-๙]+)\s*เดือน\s*$", header)
    if r:
        data["round"] = int(from_thai_digits(r.group(1)))
        report.found.append(say("import.found.round", value=data["round"]))
    data["office"] = _office(short_name.strip(), text, meta, report)
    return written


def _fiscal_year(data: dict[str, Any], header_year: str | None, above: str, text: str, report: ImportReport) -> str:
    """The header's year; else the one stated above the table; else the year the page names
    most often as "ปีงบประมาณ พ.ศ. NNNN" (guessed, with how often)."""
    above_year = _YEAR_AFTER.search(above)
    year = header_year or (above_year.group(1) if above_year else None)
    if year:
        data["fiscal_year"] = int(from_thai_digits(year))
        report.found.append(say("import.found.fiscal_year", value=data["fiscal_year"]))
        return year
    written: dict[int, str] = {}  # each year named, as first written (Thai or Arabic digits)
    named: Counter[int] = Counter()
    for m in _YEAR_AFTER.finditer(text):  # one pass over the page's text
        value = int(from_thai_digits(m.group(1)))
        named[value] += 1
        written.setdefault(value, m.group(1))
    if not named:
        report.unmapped.append(("fiscal_year", say("import.no_fiscal_year")))
        return ""
    data["fiscal_year"], count = named.most_common(1)[0]
    report.guessed.append(("fiscal_year", say("import.guess.fiscal_year", year=data["fiscal_year"], count=count)))
    return written[data["fiscal_year"]]


_FULL_NAME = re.compile(r"สำนักงานเขตพื้นที่การศึกษา(?:ประถมศึกษา|มัธยมศึกษา)\S*(?:\s*เขต\s*[0-9๐-๙]+)?")


def _office(short_name: str, text: str, meta: dict[str, Any], report: ImportReport) -> dict[str, Any]:
    """The office: what the page header and the properties state; the rest guessed from the
    page's text, each guess with its evidence; what nothing gives is left out and reported."""
    office: dict[str, Any] = {}
    named = offices_in(text)
    if short_name:
        office["short_name"] = short_name
        report.found.append(say("import.found.short_name", value=short_name))
    elif named:
        office["short_name"] = named[0][1]
        report.guessed.append(("office.short_name", say("import.guess.short_name", count=named[0][2])))
    said = offices_in(office.get("short_name", ""))
    by_short = said[0][0] if said else None
    office["name"], built = _full_name(by_short, text, meta, report)
    by_name = parse_full_name(office["name"]) if office["name"] and not built else None
    stored = dict(meta.get("office") or {})
    # the page's own word on the kind (its name, its short name) wins over the properties
    known = by_name or by_short
    page_kind = known.kind if known is not None else ""
    if page_kind and stored.get("kind") not in (None, page_kind):
        report.guessed.append(("office.kind", say("import.page_wins", stored=stored["kind"], page=page_kind)))
        del stored["kind"]
    for key in ("kind", "province", "area"):
        if stored.get(key) not in (None, ""):
            office[key] = stored[key]
            report.found.append(say("import.found.property", field=FieldName(f"office.{key}")))
    if not stored:  # a form not made by sar_forms: kind, province and area as its names say them
        _from_names(office, by_name, by_short, report)
    if "kind" not in office:
        report.unmapped.append(("office.kind", say("import.not_found")))
    if not office.get("name"):
        del office["name"]
    return {k: office[k] for k in ("name", "short_name", "kind", "province", "area") if k in office}


def _full_name(by_short: OfficeName | None, text: str, meta: dict[str, Any], report: ImportReport) -> tuple[str, bool]:
    """The office's full name: the properties' (ours), else the text's own spelling of the office
    the short name says, else built from the short name (True), else the first full name in the text."""
    if meta.get("office_name"):
        report.found.append(say("import.found.office_name"))
        return str(meta["office_name"]), False
    names = [m.group(0) for m in _FULL_NAME.finditer(text)]
    same = [n for n in names if by_short is not None and parse_full_name(n) == by_short]
    if same:
        report.guessed.append(("office.name", say("import.guess.office_name_of_short", count=len(same))))
        return same[0], False
    if by_short is not None and by_short.province:
        report.guessed.append(("office.name", say("import.guess.name_from_short")))
        return by_short.full_name, True
    if names:
        report.guessed.append(("office.name", say("import.guess.office_name")))
        return names[0], False
    report.unmapped.append(("office.name", say("import.fill_in")))
    return "", False


def _from_names(
    office: dict[str, Any], by_name: OfficeName | None, by_short: OfficeName | None, report: ImportReport
) -> None:
    """Kind, province and area from the full name (checked against the provinces' table), else
    from the short name; each a guess saying which."""
    for source, why in ((by_name, "import.guess.from_name"), (by_short, "import.guess.from_short_name")):
        if source is None:
            continue
        for key, value in (("kind", source.kind), ("province", source.province), ("area", source.area)):
            if key not in office and value not in (None, ""):
                office[key] = value
                report.guessed.append((f"office.{key}", say(why, value=value)))
    if "province" not in office:
        report.unmapped.append(("office.province", say("import.not_found")))
