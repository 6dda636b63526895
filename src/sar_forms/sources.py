"""Reading assessments from YAML and JSON files into models, with errors that name file and field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .catalog import Catalog, _problems
from .errors import InputError
from .models import Assessment

__all__ = ["load_assessment", "parse_yaml", "read_yaml", "validate_assessment"]


class _Loader(yaml.SafeLoader):
    """YAML 1.1 without implicit floats: ``indicator: 1.10`` stays the string "1.10".

    The data holds no real numbers, while indicator codes look like them; YAML would read
    1.10 as 1.1 and lose the code.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:float"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"malformed YAML: {where}{problem}", source=source) from exc


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError("no such file", source=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", source=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=str(path)) from exc


def read_yaml(path: Path) -> Any:
    return parse_yaml(_read_text(path), str(path))


def validate_assessment(
    data: Any, *, catalog: Catalog | None = None, source: str | None = None, record: str | None = None
) -> Assessment:
    """Validate plain data (as read from YAML, JSON or a spreadsheet row) into an Assessment.

    Every problem is reported at once, each with its field path, in one :class:`InputError`.
    """
    if not isinstance(data, dict):
        raise InputError("an assessment must be a mapping of fields", source=source, record=record)
    try:
        return Assessment.model_validate(data, context={"catalog": catalog} if catalog else None)
    except ValidationError as exc:
        raise InputError(_problems(exc), source=source, record=record) from exc
    except InputError as exc:
        raise exc.located(source=source, record=record) from exc


def load_assessment(path: str | Path, *, catalog: Catalog | None = None) -> Assessment:
    """Read one assessment from a YAML (.yaml/.yml) or JSON (.json) file."""
    path = Path(path)
    text = _read_text(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}", source=str(path)) from exc
    else:
        data = parse_yaml(text, str(path))
    return validate_assessment(data, catalog=catalog, source=str(path))
