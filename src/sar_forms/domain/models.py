"""Pydantic models of one indicator's self-assessment, with their Thai-aware validators.

Every free text passes :func:`sar_forms.domain.text.clean_text` (NFC, XML-illegal characters
removed with a warning), so whatever a model holds can be placed in a .docx. An assessment
names its indicator by code and takes the titles and rubric from a :class:`Catalog`
(the shipped one unless another is given as validation context ``{"catalog": ...}``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..messages import say
from .catalog import (
    Catalog,
    CleanStr,
    Indicator,
    PointFact,
    Standard,
    Text,
    default_catalog,
    level_from_points,
)
from .text import from_thai_digits

__all__ = [
    "Assessment",
    "FieldValueError",
    "reporting_round",
    "Evidence",
    "EvidenceDocument",
    "Item",
    "Narrative",
    "Office",
    "Person",
    "PointFact",
    "Reference",
    "SignOff",
]


#: All the text of one form: about 50 pages of narrative.
MAX_FORM_CHARS = 100_000
#: Items in any one list of a form (steps, results, documents, notes...): the longest real part
#: has some 20; 200 fill some 10 pages of one column.
MAX_ITEMS = 200


_URL_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
_SPACE = re.compile(r"\s")  # what str.isspace() calls a space


def _check_url(value: str) -> str:
    control = _URL_CONTROL.findall(value)
    if control:
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in control}))
        raise ValueError(say("model.url_control", codes=codes))
    parts = urlsplit(value)
    try:
        port_ok = parts.port is None or 0 < parts.port < 65536  # "https://javascript:alert(1)": no port
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok or _SPACE.search(value):
        raise ValueError(say("model.url_scheme", value=repr(value)))
    return value


#: A web address as the user wrote it (no normalisation: it is also printed on the form).
Url = Annotated[str, Field(max_length=2048), AfterValidator(_check_url)]


def _number(value: Any) -> Any:
    """A whole number as people type it: Thai digits (๒๕๖๖), spaces around it, "เขต 2" for an
    area; anything else as it is (for the field to refuse)."""
    if isinstance(value, bool):  # YAML's yes/true is 1 to Python: no level, year or area is "true"
        raise ValueError(say("model.not_a_number", value=repr(value)))
    if isinstance(value, str):
        text = from_thai_digits(value).strip().removeprefix("เขต").strip()
        if text.isdigit():
            return int(text)
    return value


#: A whole number that Thai digits may write: fiscal year, level, area (and the round, below).
Number = Annotated[int, BeforeValidator(_number)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Office(_Model):
    """The Educational Service Area Office that reports (สำนักงานเขตพื้นที่การศึกษา)."""

    name: Text = Field(description="full name, e.g. สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2")
    short_name: Text = Field(description="e.g. สพป.อด.2")
    kind: Literal["สพป.", "สพม."] = Field(description="primary (สพป.) or secondary (สพม.) office")
    province: Text = Field(description="e.g. อุดรธานี")
    area: Number | None = Field(None, ge=1, description="area number (เขต); None where a province has one office")


class Person(_Model):
    """Someone named in a sign-off: name and position (ตำแหน่ง)."""

    name: Text = Field(description="e.g. นายสมชาย ใจดี")
    position: Text | None = Field(None, description="e.g. ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา...")


class SignOff(_Model):
    """Who prepared the office's report and who approved it: printed at the end of a book,
    with blank lines to sign on (and for whoever is not given)."""

    prepared_by: Person | None = None
    approved_by: Person | None = None


class Item(_Model):
    """One numbered item of the narrative; a step may have sub-items.

    In data files an item is a string, or a mapping ``{text: ..., items: [...]}``.
    """

    text: Text
    items: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS)

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Narrative(_Model):
    """The merged narrative cell: process steps, results, problems, suggestions."""

    process_heading: CleanStr | None = Field(
        None,
        description="heading of part 1; by default กระบวนการ วิธีการดำเนินงานเกี่ยวกับ<indicator title> "
        "ของสำนักงานเขตพื้นที่การศึกษา",
    )
    steps: list[Item] = Field(min_length=1, max_length=MAX_ITEMS, description="process steps (กระบวนการ วิธีการดำเนินงาน)")
    results: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS, description="ผลการดำเนินงาน")
    problems: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS, description="ปัญหา อุปสรรค")
    suggestions: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS, description="ข้อเสนอแนะเพื่อการพัฒนา")

    @field_validator("process_heading")
    @classmethod
    def _empty_heading_is_the_default(cls, value: str | None) -> str | None:
        return value or None  # an empty heading prints the default one, so it is the default


class EvidenceDocument(_Model):
    """A document to submit in the follow-up system, ticked when submitted."""

    title: Text
    submitted: bool = False
    url: Url | None = None
    link_text: Text = Field("คลิก", description="the words that carry the link")


class Reference(_Model):
    """A numbered reference; its URL is printed itself unless ``link_text`` is given."""

    label: Text
    url: Url | None = None
    link_text: Text | None = Field(None, description="e.g. คลิก; None prints the URL itself")


class Evidence(_Model):
    """The evidence column: the checklist of documents, then numbered references."""

    documents: list[EvidenceDocument] = Field(default_factory=list, max_length=MAX_ITEMS)
    references: list[Reference] = Field(default_factory=list, max_length=MAX_ITEMS)


class FieldValueError(ValueError):
    """A problem a model states about the whole record that one field answers for (the level that
    contradicts the points, the indicator without a rubric): the error's ``field`` names it, so
    that :class:`~sar_forms.errors.InputError` can place it beside that field as data, not by
    reading its message."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def reporting_round(value: Any) -> Any:
    """6 or 12 as the data gives it: a workbook's "12", "๑๒" or "รอบ 12 เดือน" says the same; no
    text, None; anything else as it is (for the model to refuse)."""
    if isinstance(value, str):
        text = from_thai_digits(value).replace("รอบ", "").replace("เดือน", "").strip()
        if text.isdigit():
            return int(text)
        if not text:
            return None
    return value


class Assessment(_Model):
    """One office's self-assessment of one indicator in one fiscal year.

    Give the chosen ``level``, or the per-point ``points`` facts from which the level follows
    by the rubric, or both, in which case they must agree. After validation ``level``,
    ``indicator`` (with its rubric) and ``standard`` are always filled.
    """

    office: Office
    fiscal_year: Number = Field(description="fiscal year in Buddhist Era, e.g. 2565 (๒๕๖๕ reads the same)")
    round: Literal[6, 12] | None = Field(
        None, description="the reporting round: 6 or 12 months of the fiscal year (รอบ 6 / 12 เดือน), if given"
    )
    standard: Standard = Field(description="taken from the catalogue when not given")
    indicator: Indicator = Field(description='in data files a code such as "1.2", or a mapping')
    level: Number | None = Field(
        None, ge=1, le=5, description="the chosen quality level, 1..5; follows from points when not given"
    )
    points: list[PointFact] | None = Field(None, description="per-point facts, if kept")
    narrative: Narrative
    evidence: Evidence = Field(default_factory=Evidence)
    notes: list[Text] = Field(max_length=MAX_ITEMS, description="notes under the table; the catalogue's when not given")
    sign_off: SignOff | None = Field(None, description="who prepared and approved the report (for books)")

    @field_validator("round", mode="before")
    @classmethod
    def _round(cls, value: Any) -> Any:
        return reporting_round(value)

    @field_validator("fiscal_year")
    @classmethod
    def _buddhist_era(cls, value: int) -> int:
        if 1900 <= value <= 2200:
            raise ValueError(say("model.christian_year", value=value, be=value + 543))
        if not 2500 <= value <= 2700:
            raise ValueError(say("model.not_be_year", value=value))
        return value

    @model_validator(mode="before")
    @classmethod
    def _resolve(cls, data: Any, info: ValidationInfo) -> Any:
        """Fill the indicator (from its code), the standard and the notes from the catalogue."""
        if not isinstance(data, Mapping):
            return data
        data = dict(data)
        catalog: Catalog = (info.context or {}).get("catalog") or default_catalog()

        indicator = data.get("indicator")
        if isinstance(indicator, (str, int)):
            indicator = {"code": str(indicator)}
        if isinstance(indicator, Mapping):
            code = str(indicator.get("code", ""))
            if code in catalog.indicators and set(indicator) == {"code"}:
                indicator = catalog.indicator(code)  # validated with the catalogue: not again per form
            elif code in catalog.indicators:
                indicator = {**catalog.indicator(code).model_dump(exclude_none=True), **indicator}
            elif not indicator.get("title"):
                catalog.indicator(code)  # raises CatalogError, naming the codes it knows
            data["indicator"] = indicator
            try:
                number = int(code.split(".")[0])
            except ValueError:
                number = None
            if "standard" not in data and number is not None:
                data["standard"] = catalog.standard(number)
            elif isinstance(data.get("standard"), Mapping) and number in catalog.standards:
                data["standard"] = {**catalog.standard(number).model_dump(), **data["standard"]}
        if data.get("notes") is None:
            data["notes"] = list(catalog.form_notes)
        return data

    @model_validator(mode="after")
    def _check_size(self) -> Assessment:
        """A form's own text is bounded too (a few fields at the field limit would make a PDF of
        hundreds of pages): :data:`MAX_FORM_CHARS` characters in all."""
        n, ind, std, office = self.narrative, self.indicator, self.standard, self.office
        texts = [n.process_heading or "", *self.notes, office.name, office.short_name, office.province]
        for part in (n.steps, n.results, n.problems, n.suggestions):
            for item in part:
                texts += [item.text, *(sub.text for sub in item.items)]
        texts += [d.title for d in self.evidence.documents] + [r.label for r in self.evidence.references]
        texts += [d.link_text or "" for d in self.evidence.documents] + [
            r.link_text or "" for r in self.evidence.references
        ]
        texts += [ind.title, *(ind.rubric or {}).values(), std.title, std.definition or ""]
        total = sum(map(len, texts))  # every text the form prints, whatever field it came in
        if total > MAX_FORM_CHARS:
            raise FieldValueError("narrative", say("model.too_long", total=f"{total:,}", limit=f"{MAX_FORM_CHARS:,}"))
        return self

    @model_validator(mode="after")
    def _check_level(self) -> Assessment:
        ind = self.indicator
        if ind.rubric is None:
            raise FieldValueError("indicator.rubric", say("model.no_rubric", code=ind.code))
        if self.standard.number != ind.standard_number:
            raise FieldValueError(
                "indicator", say("model.wrong_standard", code=ind.code, standard=self.standard.number)
            )
        if self.points is not None:
            if ind.points is None:
                raise FieldValueError("indicator.points", say("model.no_points", code=ind.code))
            derived = level_from_points(ind.points, self.points)
            if self.level is None:
                object.__setattr__(self, "level", derived)
            elif self.level != derived:
                clear = sum(p.clear for p in self.points)
                done = sum(p.done for p in self.points)
                raise FieldValueError(
                    "level",
                    say(
                        "model.level_vs_points",
                        level=self.level,
                        done=done,
                        points=ind.points,
                        clear=clear,
                        derived=derived,
                    ),
                )
        elif self.level is None:
            raise FieldValueError("level", say("model.no_level"))
        return self
