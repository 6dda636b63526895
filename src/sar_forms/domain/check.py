"""The checks a reviewer makes before a form is submitted: ``sar-forms check``.

``validate`` is the schema (a form that cannot be made); these are the mistakes a form can be
made with and a reviewer catches later. Each finding names the field. Errors are what a
submission would be refused for; warnings are what a reviewer would ask about.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from ..messages import field_words, render, say
from .models import Assessment, Item
from .text import fiscal_year_of, from_thai_digits

__all__ = ["Finding", "PAGE_CHARS", "check_assessment", "check_urls"]

#: About one page of the narrative column: 40 lines of 16 pt TH Sarabun, ~38 characters a line.
PAGE_CHARS = 1500
#: A fiscal year more than this many years before the current one is "far past".
PAST_YEARS = 5
_REPEAT_MIN = 30  # characters: shorter repeats ("ของ สพป.อด.2") are normal Thai prose
# "ปีงบประมาณ พ.ศ. 2565", "ปีงบประมาณ ๒๕๖๕": a fiscal year named (a date's "พ.ศ. 2564" alone is not one)
_FISCAL_YEAR = re.compile(r"ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*([0-9๐-๙]{4})")
_ROUND = re.compile(r"รอบ\s*([0-9๐-๙]{1,2})\s*เดือน")


@dataclass(frozen=True)
class Finding:
    severity: Literal["error", "warning"]
    field: str
    message: str

    def __str__(self) -> str:
        """The finding as a person reads it, in the language messages are shown in."""
        return f"{render(say(f'check.severity.{self.severity}'))}: {field_words(self.field)}: {render(self.message)}"


def check_urls(data: Any) -> list[Finding]:
    """Links that are not http(s): an error, named by field (run on the data before validation,
    which would refuse the whole form for the first one)."""
    out: list[Finding] = []
    evidence = data.get("evidence") if isinstance(data, dict) else None
    if not isinstance(evidence, dict):  # misshapen evidence is the schema's to report, by field
        return out
    for kind in ("documents", "references"):
        items = evidence.get(kind)
        for i, item in enumerate(items if isinstance(items, list) else []):
            url = item.get("url") if isinstance(item, dict) else None
            if url and urlsplit(str(url)).scheme.lower() not in ("http", "https"):
                out.append(Finding("error", f"evidence.{kind}[{i}].url", say("check.not_http", url=repr(url))))
    return out


def _items(part: str, items: list[Item]) -> Iterator[tuple[str, str]]:
    for i, item in enumerate(items):
        yield f"narrative.{part}[{i}]", item.text
        for j, sub in enumerate(item.items):
            yield f"narrative.{part}[{i}].items[{j}]", sub.text


def check_assessment(a: Assessment, *, today: dt.date | None = None) -> list[Finding]:
    """Every finding on a valid assessment, in the order of the form."""
    out: list[Finding] = []
    today = today or dt.date.today()
    current = fiscal_year_of(today)
    if a.fiscal_year > current:
        out.append(Finding("warning", "fiscal_year", say("check.year_not_begun", year=a.fiscal_year, current=current)))
    elif a.fiscal_year < current - PAST_YEARS:
        out.append(
            Finding(
                "warning",
                "fiscal_year",
                say("check.year_far_past", year=a.fiscal_year, years=PAST_YEARS, current=current),
            )
        )

    docs, refs = a.evidence.documents, a.evidence.references
    assert a.level is not None
    if a.level >= 4:
        if not docs and not refs:
            out.append(Finding("error", "evidence", say("check.no_evidence", level=a.level)))
        elif not any(d.url for d in docs) and not any(r.url for r in refs):
            out.append(Finding("warning", "evidence", say("check.no_link", level=a.level)))
    for i, d in enumerate(docs):
        if d.submitted and not d.url:
            out.append(
                Finding("warning", f"evidence.documents[{i}]", say("check.submitted_no_link", title=repr(d.title)))
            )

    n = a.narrative
    for part, items in (
        ("steps", n.steps),
        ("results", n.results),
        ("problems", n.problems),
        ("suggestions", n.suggestions),
    ):
        if not items:
            out.append(Finding("warning", f"narrative.{part}", say("check.empty_part")))
    texts = [t for part in ("steps", "results", "problems", "suggestions") for t in _items(part, getattr(n, part))]
    out += _other_years(a, texts)
    seen: dict[str, str] = {}
    for field, text in texts:
        key = re.sub(r"\s+", " ", text).strip()
        if len(key) >= _REPEAT_MIN and key in seen:
            out.append(Finding("warning", field, say("check.pasted_twice", other=seen[key])))
        seen.setdefault(key, field)
        doubled = _doubled(key)
        if doubled:
            out.append(Finding("warning", field, say("check.doubled", start=repr(doubled[:60]))))
        if len(text) > PAGE_CHARS:
            out.append(
                Finding("warning", field, say("check.too_long", length=f"{len(text):,}", page=f"{PAGE_CHARS:,}"))
            )
    return out


def _other_years(a: Assessment, texts: list[tuple[str, str]]) -> list[Finding]:
    """Text naming another fiscal year than the form's, or another round: last year's words kept
    when the form was carried into this year (``sar-forms next-year``)."""
    n = a.narrative
    every = [("narrative.process_heading", n.process_heading or ""), *texts]
    every += [(f"evidence.documents[{i}].title", d.title) for i, d in enumerate(a.evidence.documents)]
    every += [(f"evidence.references[{i}].label", r.label) for i, r in enumerate(a.evidence.references)]
    out = []
    for field, text in every:
        named = sorted({int(from_thai_digits(y)) for y in _FISCAL_YEAR.findall(text)} - {a.fiscal_year})
        if named:
            years = ", ".join(map(str, named))
            out.append(Finding("warning", field, say("check.other_year", named=years, year=a.fiscal_year)))
        rounds = {int(from_thai_digits(r)) for r in _ROUND.findall(text)}
        if a.round is not None and rounds - {a.round}:
            other = ", ".join(map(str, sorted(rounds - {a.round})))
            out.append(Finding("warning", field, say("check.other_round", named=other, round=a.round)))
    return out


def _doubled(text: str) -> str:
    """The half of ``text`` that it holds twice, one after the other (a paste done twice), or ""."""
    if len(text) < 2 * _REPEAT_MIN:
        return ""
    middle = len(text) // 2
    for cut in range(middle - 2, middle + 3):
        first, second = text[:cut].strip(), text[cut:].strip()
        if first and first == second:
            return first
    return ""
