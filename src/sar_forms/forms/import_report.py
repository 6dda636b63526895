"""What an import found, guessed and could not place, and the YAML it writes with those notes.

Nothing typed is dropped silently: the report lists, field by field, what was found, what was
guessed (and from what) and the text that fitted nowhere; the YAML carries the same as comments,
a guessed field's note on its own line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .._yaml import dump_yaml

__all__ = ["ImportReport", "to_yaml"]


@dataclass
class ImportReport:
    """Field by field: found (read from the page), guessed (and why), not mapped (the text)."""

    source: str
    found: list[str] = field(default_factory=list)
    guessed: list[tuple[str, str]] = field(default_factory=list)
    unmapped: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"found: {f}" for f in self.found]
        out += [f"guessed: {f}: {why}" for f, why in self.guessed]
        out += [f"not mapped: {where}: {text!r}" for where, text in self.unmapped]
        return out


def ordered(data: dict[str, Any]) -> dict[str, Any]:
    order = [
        "office",
        "fiscal_year",
        "round",
        "standard",
        "indicator",
        "level",
        "points",
        "narrative",
        "evidence",
        "notes",
    ]
    return {k: data[k] for k in order if k in data}


def to_yaml(data: dict[str, Any], report: ImportReport) -> str:
    """The data as YAML in the documented format. A guessed field gets its comment on its own
    line (``name: ...  # guessed: ...``); guesses inside lists and text that fitted nowhere are
    listed as comments on top."""
    body = dump_yaml(data).splitlines()
    pending = dict(report.guessed)
    path: list[tuple[int, str]] = []  # (indent, key) of the mappings the line is in
    for n, line in enumerate(body):
        m = re.match(r"^( *)([A-Za-z_]+):", line)
        if not m:
            continue
        indent = len(m.group(1))
        while path and path[-1][0] >= indent:
            path.pop()
        path.append((indent, m.group(2)))
        key = ".".join(k for _i, k in path)
        if key in pending:
            body[n] = f"{line}  # guessed: {pending.pop(key)}"
    head = [f"# imported by sar-forms from {report.source}"]
    head += [f"# guessed: {f}: {why}" for f, why in pending.items()]
    head += [f"# not mapped: {where}: {text[:200]!r}" for where, text in report.unmapped]
    return "\n".join(head + body) + "\n"
