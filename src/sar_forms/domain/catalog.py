"""The catalogue of standards and indicators, loaded from YAML data, and the rubric builder.

Official wording is data: the catalogue shipped in the package carries only what the
reference form and public sources confirm (see ``data/catalog.yaml``); users extend or
correct it with their own catalogue file, which is laid over the shipped one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .._yaml import parse_yaml, read_yaml
from ..errors import CatalogError
from ..messages import say
from .text import clean_text

__all__ = [
    "Catalog",
    "Indicator",
    "PointFact",
    "Standard",
    "default_catalog",
    "level_from_points",
    "load_catalog",
    "points_rubric",
    "sorted_codes",
    "CLEANED",
    "MAX_FIELD_CHARS",
]

LEVELS = (5, 4, 3, 2, 1)


#: The validation context's key saying that every text of the data went through
#: :func:`~sar_forms.domain.text.clean_text` already (``inputs.sources.validate_assessment`` cleans
#: the data first, for the field paths in its warnings): the models then do not clean it again.
CLEANED = "sar_forms.cleaned"


def _clean(value: str, info: ValidationInfo) -> str:
    if info.context is not None and info.context.get(CLEANED):
        return value  # clean already: stripping its ends (str_strip_whitespace) cannot unclean it
    return clean_text(value, field=info.field_name or "text")


#: The longest text one field may hold: about 25 pages of a form's narrative column. Generous on
#: purpose (the longest real narrative seen is under 2,000 characters); it bounds what a single
#: mistaken paste (a whole report into one cell) costs to render and convert.
MAX_FIELD_CHARS = 50_000

#: Free text from users: cleaned by :func:`~sar_forms.domain.text.clean_text` (warns on removals).
CleanStr = Annotated[str, Field(max_length=MAX_FIELD_CHARS), AfterValidator(_clean)]


def _clean_required(value: str, info: ValidationInfo) -> str:
    value = _clean(value, info)
    if not value.strip():
        raise ValueError(say("model.empty_text"))
    return value


#: Free text that may not be empty (nor become empty when cleaned).
Text = Annotated[str, Field(min_length=1, max_length=MAX_FIELD_CHARS), AfterValidator(_clean_required)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Standard(_Model):
    """A standard of the ESA Office Standards B.E. 2560 (มาตรฐาน)."""

    number: int = Field(ge=1, description="1, 2 or 3")
    title: Text = Field(description="e.g. การบริหารจัดการองค์การสู่ความเป็นเลิศ")
    definition: CleanStr | None = Field(None, description="the paragraph '... หมายถึง ...', if known")
    renamed: dict[int, Text] = Field(
        default_factory=dict,
        description="later titles by the first fiscal year (BE) that uses them",
    )

    def title_for(self, fiscal_year: int) -> str:
        """The title in force in ``fiscal_year`` (standard 3 was renamed from FY 2564)."""
        title = self.title
        for since in sorted(self.renamed):
            if fiscal_year >= since:
                title = self.renamed[since]
        return title


class Indicator(_Model):
    """An indicator (ตัวบ่งชี้) with the rubric text of its five quality levels."""

    code: str = Field(pattern=r"^\d+\.\d+$", description='"1.2": standard 1, indicator 2')
    title: Text
    points: int | None = Field(None, ge=1, description="how many points of consideration (ประเด็นการพิจารณา)")
    rubric: dict[int, Text] | None = Field(
        None, description="text of levels 5..1; None when the official wording is not known"
    )

    @field_validator("rubric", mode="before")
    @classmethod
    def _rubric(cls, value: Any) -> Any:
        if isinstance(value, Mapping) and value.get("pattern") is not None:
            if value.get("pattern") != "points":
                raise ValueError("the only rubric pattern is 'points'")
            return points_rubric(int(value["points"]))
        return value

    @field_validator("rubric")
    @classmethod
    def _rubric_levels(cls, value: dict[int, str] | None) -> dict[int, str] | None:
        if value is None:
            return None
        if set(value) != set(LEVELS):
            raise ValueError(f"needs the text of levels 5, 4, 3, 2 and 1 exactly, got {sorted(value)}")
        return {level: value[level] for level in LEVELS}

    @property
    def standard_number(self) -> int:
        return int(self.code.split(".")[0])

    @property
    def number(self) -> int:
        """The indicator's number within its standard (2 for "1.2")."""
        return int(self.code.split(".")[1])


class PointFact(_Model):
    """What was found on one point of consideration: done at all, and done clearly."""

    title: CleanStr | None = None
    done: bool
    clear: bool = False

    @model_validator(mode="after")
    def _clear_needs_done(self) -> PointFact:
        if self.clear and not self.done:
            raise ValueError(say("model.clear_not_done"))
        return self


def points_rubric(points: int) -> dict[int, str]:
    """The five-level rubric of the pattern "done in all N points, and K of them clear".

    For N = 4 this is, word for word, the rubric of indicator 1.2 in the reference form
    (the catalogue test holds it to that). Levels 5, 4 and 3 need N, N-1 and N-2 clear
    points; level 2 at least one; level 1 is a point not done, or none clear. The pattern
    needs N >= 4 so that every level can be reached.
    """
    if points < 4:
        raise ValueError(f"the points pattern needs at least 4 points, got {points}")
    done = f"1. มีการดำเนินการ ครบทั้ง {points} ประเด็น และ"
    two = "1 ประเด็น" if points == 4 else f"1 - {points - 3} ประเด็น"
    return {
        5: f"{done}\n2. มีความชัดเจน ครบทั้ง {points} ประเด็น",
        4: f"{done}\n2. มีความชัดเจน {points - 1} ประเด็น",
        3: f"{done}\n2. มีความชัดเจน {points - 2} ประเด็น",
        2: f"{done}\n2. มีความชัดเจน {two}",
        1: f"1. มีการดำเนินการไม่ครบทุกประเด็น หรือ\n2. มีการดำเนินการครบทั้ง {points} ประเด็น และไม่ชัดเจนทุกประเด็น",
    }


def level_from_points(points: int, facts: Iterable[PointFact]) -> int:
    """The level that :func:`points_rubric` gives to these facts."""
    facts = list(facts)
    if len(facts) != points:
        raise ValueError(say("model.points_count", points=points, given=len(facts)))
    if not all(f.done for f in facts):
        return 1
    clear = sum(f.clear for f in facts)
    if clear >= points - 2:
        return 5 - (points - clear)
    return 2 if clear >= 1 else 1


class Catalog(_Model):
    """Standards and indicators known, with the notes printed under every form."""

    form_notes: list[Text] = Field(default_factory=list)
    standards: dict[int, Standard] = Field(default_factory=dict)
    indicators: dict[str, Indicator] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _indicators_have_standards(self) -> Catalog:
        for code, ind in self.indicators.items():
            if code != ind.code:
                raise ValueError(f"indicator listed as {code!r} has code {ind.code!r}")
            if ind.standard_number not in self.standards:
                raise ValueError(f"indicator {code} belongs to standard {ind.standard_number}, which is not listed")
        return self

    def standard(self, number: int) -> Standard:
        try:
            return self.standards[number]
        except KeyError:
            raise CatalogError(
                [("standard", say("catalog.unknown_standard", number=number, known=str(sorted(self.standards))))]
            ) from None

    def indicator(self, code: str) -> Indicator:
        try:
            return self.indicators[code]
        except KeyError:
            known = ", ".join(sorted_codes(self.indicators))
            raise CatalogError(
                [("indicator", say("catalog.unknown_indicator", code=repr(code), known=known))]
            ) from None

    def merged(self, other: Catalog) -> Catalog:
        """This catalogue with ``other`` laid over it: its entries add to or replace ours."""
        return Catalog(
            form_notes=other.form_notes or self.form_notes,
            standards={**self.standards, **other.standards},
            indicators={**self.indicators, **other.indicators},
        )

    def sorted_indicators(self) -> list[Indicator]:
        return [self.indicators[c] for c in sorted_codes(self.indicators)]


def sorted_codes(codes: Iterable[str]) -> list[str]:
    return sorted(codes, key=lambda c: tuple(int(p) for p in re.findall(r"\d+", c)))


def _from_yaml_data(data: Any, source: str) -> Catalog:
    """Build a catalogue from the YAML layout: standards, each with its indicators."""
    if not isinstance(data, Mapping):
        raise CatalogError("a catalogue file must be a mapping with 'standards'", source=source)
    standards: dict[int, Any] = {}
    indicators: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    listed = data.get("standards") or []
    if not isinstance(listed, list):
        raise CatalogError([("standards", say("catalog.standards_list"))], source=source)
    for i, std in enumerate(listed):
        if not isinstance(std, Mapping):
            problems.append((f"standards[{i}]", "must be a mapping"))
            continue
        std = dict(std)
        inds = std.pop("indicators", None) or []
        if not isinstance(inds, list):
            problems.append((f"standards[{i}].indicators", say("catalog.indicators_list")))
            inds = []
        for j, ind in enumerate(inds):
            if isinstance(ind, Mapping) and "code" in ind:
                indicators[str(ind["code"])] = ind
            else:
                problems.append((f"standards[{i}].indicators[{j}]", "needs a code"))
        standards[std.get("number", i + 1)] = std
    if problems:
        raise CatalogError(problems, source=source)
    try:
        return Catalog(form_notes=data.get("form_notes") or [], standards=standards, indicators=indicators)
    except ValidationError as exc:
        raise CatalogError.from_validation(exc, source=source) from exc


def load_catalog(path: str | Path, *, base: Catalog | None = None) -> Catalog:
    """Load a user's catalogue file and lay it over ``base`` (the shipped catalogue by default)."""
    path = Path(path)
    own = _from_yaml_data(read_yaml(path), str(path))
    return (base if base is not None else default_catalog()).merged(own)


_DEFAULT: Catalog | None = None


def default_catalog() -> Catalog:
    """The catalogue shipped inside the package (``sar_forms/data/catalog.yaml``)."""
    global _DEFAULT
    if _DEFAULT is None:
        text = resources.files("sar_forms").joinpath("data/catalog.yaml").read_text("utf-8")
        _DEFAULT = _from_yaml_data(parse_yaml(text, "sar_forms/data/catalog.yaml"), "sar_forms/data/catalog.yaml")
    return _DEFAULT
