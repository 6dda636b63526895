"""Reading assessments from YAML and JSON files into models, with errors that name file and field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._yaml import MAX_CHARS, parse_yaml, read_text, read_yaml
from ..domain.catalog import CLEANED, Catalog
from ..domain.models import Assessment
from ..domain.text import clean_text
from ..errors import InputError
from ..messages import say

__all__ = ["load_assessment", "parse_yaml", "read_yaml", "validate_assessment"]


def validate_assessment(
    data: Any, *, catalog: Catalog | None = None, source: str | None = None, record: str | None = None
) -> Assessment:
    """Validate plain data (as read from YAML, JSON or a spreadsheet row) into an Assessment.

    Every problem is reported at once, each with its field path, in one :class:`InputError`.
    """
    if not isinstance(data, dict):
        raise InputError(say("input.not_mapping"), source=source, record=record)
    try:
        data = _cleaned(data, "")
    except RecursionError as exc:
        raise InputError(say("input.data_too_deep"), source=source, record=record) from exc
    try:
        return Assessment.model_validate(data, context={"catalog": catalog, CLEANED: True})
    except ValidationError as exc:
        raise InputError.from_validation(exc, source=source, record=record) from exc
    except InputError as exc:
        raise exc.located(source=source, record=record) from exc


def _cleaned(value: Any, path: str) -> Any:
    """Every string of the data through :func:`~sar_forms.domain.text.clean_text`, before validation:
    its warnings name the whole field (``narrative.steps[0].text``), and lone surrogates, which
    the models could not even take as text, are removed like any other character a .docx
    cannot hold."""
    if isinstance(value, str):
        return clean_text(value, field=path or "text")
    if isinstance(value, dict):  # a URL is left to the model, which refuses one holding a control character
        return {k: v if k == "url" else _cleaned(v, f"{path}.{k}" if path else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {key!r} is given twice in one object; keep one")
        out[key] = value
    return out


def load_assessment(path: str | Path, *, catalog: Catalog | None = None) -> Assessment:
    """Read one assessment from a YAML (.yaml/.yml) or JSON (.json) file."""
    return validate_assessment(read_data(path), catalog=catalog, source=str(path))


def read_data(path: str | Path) -> Any:
    """The data of a YAML (.yaml/.yml) or JSON (.json) file, unvalidated (limits and duplicate keys checked)."""
    path = Path(path)
    text = read_text(path)
    if path.suffix.lower() == ".json":
        if len(text) > MAX_CHARS:  # JSON has no aliases: its size is its text's, checked as YAML's expanded one
            raise InputError(say("input.too_large_plain", line=1, limit=f"{MAX_CHARS:,}"), source=str(path))
        try:
            data = json.loads(text, object_pairs_hook=_unique_keys)
        except RecursionError as exc:
            raise InputError(say("input.data_too_deep"), source=str(path)) from exc
        except ValueError as exc:
            if not isinstance(exc, json.JSONDecodeError):  # a key given twice
                raise InputError(str(exc), source=str(path)) from exc
            raise InputError(
                f"malformed JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}", source=str(path)
            ) from exc
    else:
        data = parse_yaml(text, str(path))
    return data
