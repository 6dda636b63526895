"""Every message a person reads, in Thai and in English, from one catalogue.

Why a typed catalogue of our own rather than gettext: the messages are few (a few hundred), both
languages stand side by side where a reviewer reads them, a test checks that every message has
both and that their placeholders agree, and nothing has to be compiled (.po to .mo) at build or
install time. A message is made where the problem is found, as a :class:`Text`: a ``str`` whose
value is the English sentence (so code and logs that treat it as text keep working), which also
keeps its key and parameters, so that a face renders it in the reader's language at the moment it
shows it (:func:`render`). The language is the face's choice (``--lang``, the web user's), else
the locale's (``LANG=th_TH.UTF-8`` gives Thai), else English.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from ._messages_data import MESSAGES

__all__ = ["FieldName", "Lang", "Text", "field_words", "language", "render", "say", "speaking"]

Lang = Literal["th", "en"]

_CHOSEN: contextvars.ContextVar[Lang | None] = contextvars.ContextVar("sar_forms_language", default=None)


def language() -> Lang:
    """The language messages are shown in: the one chosen (:func:`speaking`), else the locale's."""
    chosen = _CHOSEN.get()
    if chosen is not None:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "th" if value.lower().startswith("th") else "en"
    return "en"


@contextlib.contextmanager
def speaking(lang: Lang | None) -> Iterator[None]:
    """Show messages in ``lang`` within the block (None: as the locale says)."""
    token = _CHOSEN.set(lang)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


class Text(str):
    """A message of the catalogue: its English text as a ``str``, and its key and parameters to
    render it in another language. Parameters that are themselves :class:`Text` render in the
    same language."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, params: Mapping[str, Any] | None = None, *, english: str | None = None) -> Text:
        values = dict(params or {})
        entry = MESSAGES[key]
        text = english if english is not None else entry[0].format(**values)
        self = super().__new__(cls, text)
        self.key, self.params = key, values
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # errors cross to worker processes whole
        return (_rebuild, (self.key, self.params, str(self)))

    def render(self, lang: Lang | None = None) -> str:
        lang = lang or language()
        if lang == "en":
            return str(self)
        values = {k: render(v, lang) if isinstance(v, str) else v for k, v in self.params.items()}
        return MESSAGES[self.key][1].format(**values)


def _rebuild(key: str, params: dict[str, Any], english: str) -> Text:
    return Text(key, params, english=english)


def say(key: str, **params: Any) -> Text:
    """The catalogue's message ``key`` with ``params`` (a KeyError for a key it lacks); where the
    catalogue has ``key.one`` and ``count`` is 1, that one (English says "1 form", not "1 forms")."""
    if params.get("count") == 1 and f"{key}.one" in MESSAGES:
        key = f"{key}.one"
    return Text(key, params)


class FieldName(str):
    """A field's dotted path as a message's parameter: shown in the form's words in Thai."""

    def render(self, lang: Lang | None = None) -> str:
        return field_words(str(self), lang)


def render(text: str, lang: Lang | None = None) -> str:
    """``text`` in ``lang`` (the current language without it): a :class:`Text` or
    :class:`FieldName` rendered, any other string as it is."""
    return text.render(lang) if isinstance(text, Text | FieldName) else text


#: The words of a field's path, for a person: what the form calls the part (Thai), by the
#: path's names. A path the table lacks is shown as it is.
_FIELD_WORDS = {
    "office": "สำนักงานเขตพื้นที่การศึกษา",
    "office.name": "ชื่อสำนักงานเขตพื้นที่การศึกษา",
    "office.short_name": "ชื่อย่อสำนักงาน",
    "office.kind": "ประเภทสำนักงาน (สพป./สพม.)",
    "office.province": "จังหวัด",
    "office.area": "เขต",
    "fiscal_year": "ปีงบประมาณ",
    "round": "รอบการรายงาน",
    "standard": "มาตรฐาน",
    "indicator": "ตัวบ่งชี้",
    "indicator.rubric": "เกณฑ์การพิจารณาของตัวบ่งชี้",
    "indicator.points": "จำนวนประเด็นการพิจารณา",
    "level": "ระดับคุณภาพ",
    "points": "ผลการพิจารณารายประเด็น",
    "narrative": "ผลการดำเนินงาน",
    "narrative.process_heading": "หัวข้อกระบวนการดำเนินงาน",
    "narrative.steps": "ขั้นตอนการดำเนินงาน",
    "narrative.results": "ผลการดำเนินงาน",
    "narrative.problems": "ปัญหา อุปสรรค",
    "narrative.suggestions": "ข้อเสนอแนะเพื่อการพัฒนา",
    "evidence": "หลักฐานอ้างอิง",
    "evidence.documents": "เอกสารนำส่ง",
    "evidence.references": "เอกสารอ้างอิง",
    "notes": "หมายเหตุ",
    "sign_off": "การรับรองรายงาน",
    "form": "แบบรายงาน",
}
_LEAF_WORDS = {
    "text": "ข้อความ",
    "items": "ข้อย่อย",
    "title": "ชื่อเอกสาร",
    "url": "ลิงก์",
    "link_text": "ข้อความของลิงก์",
    "label": "ชื่อรายการ",
    "submitted": "สถานะการส่ง",
    "done": "ดำเนินการแล้ว",
    "clear": "เห็นผลชัดเจน",
    "name": "ชื่อ",
    "position": "ตำแหน่ง",
}
_INDEX = re.compile(r"\[(\d+)\]")


def field_words(path: str, lang: Lang | None = None) -> str:
    """A field's dotted path (``narrative.steps[2].text``) as a person reads it: in Thai the
    form's own words with the item's number, the path after it (``ขั้นตอนการดำเนินงาน ข้อ 3
    ข้อความ (narrative.steps[2].text)``); in English the path."""
    if (lang or language()) == "en" or not path:
        return path
    plain = _INDEX.sub("", path)
    parts = plain.split(".")
    for cut in range(len(parts), 0, -1):
        head = ".".join(parts[:cut])
        if head in _FIELD_WORDS:
            break
    else:
        return path
    numbers = [int(n) + 1 for n in _INDEX.findall(path)]
    words = [_FIELD_WORDS[head]] + [f"ข้อ {n}" for n in numbers]
    words += [_LEAF_WORDS.get(part, part) for part in parts[cut:]]
    return f"{' '.join(words)} ({path})"
