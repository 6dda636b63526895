"""The one YAML reader: assessment files, workbooks' defaults and catalogues all go through it.

It sits below the catalogue, the models and the sources, which all read YAML, so that none of
them has to import another to get it. libyaml's C parser does the parsing when PyYAML has it
(ten times the speed of the pure-Python one, which was most of a batch's time over YAML files),
with the same resolver rules and the same file-and-line errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import InputError

__all__ = ["parse_yaml", "read_text", "read_yaml"]

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """YAML 1.1 without implicit floats: ``indicator: 1.10`` stays the string "1.10".

    The data holds no real numbers, while indicator codes look like them; YAML would read
    1.10 as 1.1 and lose the code.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:float"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str, source: str) -> Any:
    """The data of a YAML document, or :class:`InputError` naming ``source``, line and column."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"malformed YAML: {where}{problem}", source=source) from exc


def read_text(path: Path) -> str:
    """A UTF-8 text file (a BOM is dropped), or :class:`InputError` saying why not."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError("no such file", source=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", source=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=str(path)) from exc


def read_yaml(path: Path) -> Any:
    return parse_yaml(read_text(path), str(path))
