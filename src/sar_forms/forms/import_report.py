"""What an import found, guessed and could not place, and the YAML it writes with those notes.

Nothing typed is dropped silently: the report lists, field by field, what was found, what was
guessed (and from what) and the text that fitted nowhere; the YAML carries the same as comments,
a guessed field's note on its own line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .._yaml import dump_yaml
from ..messages import Text, field_words, render, say

__all__ = ["ImportReport", "to_yaml"]


@dataclass
class ImportReport:
    """Field by field: found (read from the page), guessed (and why), not mapped (the text)."""

    source: str
    found: list[str] = field(default_factory=list)
    guessed: list[tuple[str, str]] = field(default_factory=list)
    unmapped: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report, a line a note, in the language messages are shown in."""
        found = render(say("import.found"))
        return [f"{found}: {render(f)}" for f in self.found] + self.notes() + [self.summary()]

    def summary(self) -> str:
        """One line: how many fields were found, guessed and not mapped."""
        return render(
            say("import.summary", found=len(self.found), guessed=len(self.guessed), unmapped=len(self.unmapped))
        )

    def notes(self) -> list[str]:
        """What a person must look at: the guesses and the text that fitted nowhere."""
        guessed, unmapped = render(say("import.guessed")), render(say("import.unmapped"))
        out = [f"{guessed}: {field_words(f)}: {render(why)}" for f, why in self.guessed]
        return out + [f"{unmapped}: {_where(where)}: {render(text)!r}" for where, text in self.unmapped]


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")


def _comment(text: str) -> str:
    """Text made safe for one YAML comment line: a line break or other control character (a
    file named with a newline) would end the comment and start data; each becomes a space."""
    return _CONTROL.sub(" ", text)


def _where(where: str) -> str:
    """Where a note belongs: a field (in words) or a place on the page (a message)."""
    return render(where) if isinstance(where, Text) else field_words(where)


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
    guessed, unmapped = render(say("import.guessed")), render(say("import.unmapped"))
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
            body[n] = f"{line}  # {_comment(f'{guessed}: {render(pending.pop(key))}')}"
    head = [f"# {_comment(render(say('import.header', source=report.source)))}"]
    head += [f"# {_comment(f'{guessed}: {field_words(f)}: {render(why)}')}" for f, why in pending.items()]
    head += [f"# {_comment(f'{unmapped}: {_where(where)}: {render(text)[:200]!r}')}" for where, text in report.unmapped]
    return "\n".join(head + body) + "\n"
