"""Assessment -> the plain Jinja context of the form template (pure: no docx, no I/O).

All formatting happens here (numbering, ☑/☐, Buddhist Era dates, Thai digits on request),
so that a template needs only plain Jinja and docxtpl tags: anyone can render
``templates/indicator_form.docx`` with docxtpl and this context alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal, Protocol

from docxtpl import RichText

from ..domain.linebreak import thai_word_breaks
from ..domain.models import Assessment, Item
from ..domain.text import fiscal_year_span, thai_date, to_thai_digits, uri_of

__all__ = ["CHECKED", "LinkTarget", "UNCHECKED", "template_context"]

CHECKED, UNCHECKED = "\u2611", "\u2610"  # ☑ ☐
Digits = Literal["arabic", "thai"]


class LinkTarget(Protocol):
    """What hands out hyperlink relationship ids: a ``docxtpl.DocxTemplate``, or a renderer's."""

    def build_url_id(self, url: str) -> str: ...


def template_context(
    assessment: Assessment, links: LinkTarget | None = None, *, digits: Digits = "arabic", word_breaks: bool = False
) -> dict[str, Any]:
    """The context that renders ``assessment`` into the form template.

    ``links`` is the ``DocxTemplate`` (or anything with ``build_url_id``) the context will be
    rendered into: hyperlinks are relationships of that document, so an id made by another
    template instance would point nowhere. Without it, link texts are styled like links but
    carry no target (useful to inspect a context, not to produce a form).
    ``digits="thai"`` writes numbers in Thai digits (๐-๙), except in URLs and Latin words.
    ``word_breaks=True`` marks Thai word boundaries for LibreOffice (:func:`thai_word_breaks`):
    for the copy that becomes a PDF.
    """
    w = _Writer(links, digits, word_breaks)
    num = w.num
    a = assessment
    ind, std = a.indicator, a.standard
    assert a.level is not None and ind.rubric is not None  # guaranteed by Assessment's validation
    start, end = fiscal_year_span(a.fiscal_year)
    process_heading = a.narrative.process_heading or (
        f"กระบวนการ วิธีการดำเนินงานเกี่ยวกับ{ind.title} ของสำนักงานเขตพื้นที่การศึกษา"
    )
    return {
        # for numbers written in the template itself: {{ digits[2] }}. ปัญหา อุปสรรค
        "digits": [num(str(i)) for i in range(10)],
        "office": {
            "name": num(a.office.name),
            "short_name": num(a.office.short_name),
            "kind": a.office.kind,
            "province": a.office.province,
            "area": num(str(a.office.area)) if a.office.area else "",
        },
        "fiscal_year": num(str(a.fiscal_year)),
        "fiscal_year_span": num(f"{thai_date(start)} - {thai_date(end)}"),
        "round": num(str(a.round)) if a.round else "",
        "round_text": num(f"รอบ {a.round} เดือน") if a.round else "",
        "standard": {
            "number": num(str(std.number)),
            "title": num(std.title_for(a.fiscal_year)),
            "definition": num(std.definition or ""),
        },
        "indicator": {"code": num(ind.code), "number": num(str(ind.number)), "title": num(ind.title)},
        "level": num(str(a.level)),
        "levels": [
            {
                "level": num(str(level)),
                "checked": level == a.level,
                "box": CHECKED if level == a.level else UNCHECKED,
                "text": num(ind.rubric[level]),
            }
            for level in (5, 4, 3, 2, 1)
        ],
        "narrative": {
            "process_heading": num(process_heading),
            "steps": w.items(a.narrative.steps),
            "results": w.items(a.narrative.results),
            "problems": w.items(a.narrative.problems),
            "suggestions": w.items(a.narrative.suggestions),
        },
        "evidence": {"documents": w.documents(a), "references": w.references(a)},
        "notes": [{"number": num(f"{i}."), "text": num(n)} for i, n in enumerate(a.notes, 1)],
    }


class _Writer:
    """How the context writes text: digits (Arabic or Thai), word boundaries marked for the PDF's
    copy, and links as relationships of the document the context will be rendered into."""

    def __init__(self, links: LinkTarget | None, digits: Digits, word_breaks: bool) -> None:
        self.links = links
        digit_form: Callable[[str], str] = to_thai_digits if digits == "thai" else (lambda s: s)
        self.num: Callable[[str], str] = (lambda s: thai_word_breaks(digit_form(s))) if word_breaks else digit_form

    def link(self, text: str, url: str) -> RichText:
        # A character style, not direct formatting: docxtpl's own font/bold arguments write
        # w:rFonts out of schema order and no complex-script twins.
        url_id = self.links.build_url_id(uri_of(url)) if self.links is not None else None
        return RichText(text, style="Hyperlink", url_id=url_id)

    def items(self, seq: Sequence[Item]) -> list[dict[str, Any]]:
        num = self.num
        if not seq:
            return [{"label": "", "text": "-", "subitems": []}]
        return [
            {
                "label": num(f"{i})"),
                "text": num(it.text),
                "subitems": [{"label": num(f"({i}.{j})"), "text": num(sub.text)} for j, sub in enumerate(it.items, 1)],
            }
            for i, it in enumerate(seq, 1)
        ]

    def documents(self, a: Assessment) -> list[dict[str, Any]]:
        return [
            {
                "box": CHECKED if d.submitted else UNCHECKED,
                "checked": d.submitted,
                "title": self.num(d.title),
                "sep": ".....",
                "link": self.link(self.num(d.link_text), d.url) if d.url else None,
            }
            for d in a.evidence.documents
        ]

    def references(self, a: Assessment) -> list[dict[str, Any]]:
        return [
            {
                "number": self.num(f"{i}."),
                "label": self.num(r.label),
                "sep": "....." if r.link_text else " ",
                "link": self.link(self.num(r.link_text or r.url), r.url) if r.url else None,
            }
            for i, r in enumerate(a.evidence.references, 1)
        ]
