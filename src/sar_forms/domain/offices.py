"""Offices by their names: the short names offices write (สพป.อด.2, สพม.ขอนแก่น) and the full ones.

An Educational Service Area Office is named by its kind, its province and its area:
``สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2`` is ``สพป.อด.2`` or ``สพป.อุดรธานี เขต 2``;
a secondary office is one per province (``สพม.ขอนแก่น``; Bangkok's two have areas, ``สพม.กท 1``);
a province with one primary office has no area (``สพป.ภูเก็ต``). The provinces and their
two-letter abbreviations are data (``data/provinces.csv``, with its source), not code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .text import from_thai_digits

__all__ = ["OfficeName", "abbreviations", "full_name", "offices_in", "parse_full_name", "provinces"]

_KINDS = {"สพป.": "ประถมศึกษา", "สพม.": "มัธยมศึกษา"}
_PREFIX = "สำนักงานเขตพื้นที่การศึกษา"


@dataclass(frozen=True)
class OfficeName:
    """An office as a name says it: kind (สพป./สพม.), province ("" when the name has none) and
    area (None when it has none)."""

    kind: str
    province: str
    area: int | None

    @property
    def full_name(self) -> str:
        return full_name(self.kind, self.province, self.area)


@cache
def provinces() -> dict[str, str]:
    """Province name -> its abbreviation, from ``data/provinces.csv``."""
    text = resources.files("sar_forms").joinpath("data/provinces.csv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("name,"):
            continue
        name, abbreviation = (cell.strip() for cell in line.split(",", 1))
        out[name] = abbreviation
    return out


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviation -> province name (กทม too, as offices write Bangkok)."""
    out = {abbr: name for name, abbr in provinces().items()}
    out["กทม"] = "กรุงเทพมหานคร"
    return out


def full_name(kind: str, province: str, area: int | None) -> str:
    """The office's official name: ``สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2``."""
    name = _PREFIX + _KINDS.get(kind, "") + province
    return f"{name} เขต {area}" if area else name


def parse_full_name(text: str) -> OfficeName | None:
    """The office a full name names, province checked against the table; None if it is none."""
    m = re.match(rf"^{_PREFIX}(ประถมศึกษา|มัธยมศึกษา)\s*(\S*?)\s*(?:เขต\s*([0-9๐-๙]{{1,2}}))?\s*$", text.strip())
    if not m or (m.group(2) and m.group(2) not in provinces()):
        return None
    kind = "สพป." if m.group(1) == "ประถมศึกษา" else "สพม."
    return OfficeName(kind, m.group(2), int(from_thai_digits(m.group(3))) if m.group(3) else None)


@cache
def _longest_first() -> tuple[str, ...]:
    return tuple(sorted(provinces(), key=len, reverse=True))


_SHORT = re.compile(r"สพ([ปม])\s*\.\s*")


def _after_kind(rest: str) -> tuple[str, str, int | None] | None:
    """(what was read, province, area) of the text after "สพป." / "สพม."."""
    for name in _longest_first():
        if rest.startswith(name):
            area = re.match(r"\s*เขต\s*([0-9๐-๙]{1,2})(?![0-9๐-๙])", rest[len(name) :])
            shown = name + (area.group(0) if area else "")
            return shown, name, int(from_thai_digits(area.group(1))) if area else None
    # an abbreviation is a word of its own: "สพป.สพป." is no office of สพ (สุพรรณบุรี)
    m = re.match(r"(กทม|[ก-ฮ]{2})(?![ก-๎])\s*\.?\s*([0-9๐-๙]{1,2})?(?![0-9๐-๙])", rest)
    if m and m.group(1) in abbreviations():
        number = int(from_thai_digits(m.group(2))) if m.group(2) else None
        return m.group(0).rstrip(), abbreviations()[m.group(1)], number
    m = re.match(r"เขต\s*([0-9๐-๙]{1,2})(?![0-9๐-๙])", rest)  # before 2564: สพม. เขต 25
    if m:
        return m.group(0), "", int(from_thai_digits(m.group(1)))
    return None


def offices_in(text: str) -> list[tuple[OfficeName, str, int]]:
    """The offices a text names by their short names, the most named first: each with the way
    the text writes it most often and how many times it is named."""
    counts: Counter[OfficeName] = Counter()
    spellings: dict[OfficeName, Counter[str]] = {}
    for m in _SHORT.finditer(text):
        found = _after_kind(text[m.end() : m.end() + 40])
        if found is None:
            continue
        shown, province, area = found
        office = OfficeName(f"สพ{m.group(1)}.", province, area)
        counts[office] += 1
        spellings.setdefault(office, Counter())[f"สพ{m.group(1)}.{shown}"] += 1
    return [(office, spellings[office].most_common(1)[0][0], n) for office, n in counts.most_common()]
