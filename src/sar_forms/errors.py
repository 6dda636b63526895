"""The whole exception and warning tree of sar_forms.

::

    SarFormsError                 every error the library raises
    ├── InputError                bad input data: names the source, record and field
    │   └── CatalogError          an unknown standard or indicator, or a bad catalogue
    ├── TemplateError             a template that does not render (names template and line)
    ├── OutputError               an output path that cannot be written (names the path)
    └── ConversionError           LibreOffice failed, timed out or wrote no usable PDF
        ├── ConverterUnavailable  LibreOffice (or poppler) is not installed
        └── FontError             the template's Thai font does not resolve to a Thai font

    SarFormsWarning (UserWarning)
    └── TextCleanedWarning        characters that cannot live in a .docx were removed

Context (which file, which record) is attached in one place, where the input is read,
with :meth:`InputError.located`, not at every raise.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from ._messages_data import MESSAGES
from .messages import Text, field_words, render, say

__all__ = [
    "CatalogError",
    "ConversionError",
    "ConverterUnavailable",
    "FontError",
    "InputError",
    "OutputError",
    "SarFormsError",
    "SarFormsWarning",
    "TemplateError",
    "TextCleanedWarning",
]


class SarFormsError(Exception):
    """Root of every error raised by sar_forms.

    Its text is rendered when it is shown, in the language messages are shown in
    (:mod:`sar_forms.messages`): ``args`` keep the English text, as Python's own errors do."""

    _where: str = ""  # the file, template or path it concerns, before its message
    _message: str | None = None  # a catalogue message (messages.Text), rendered when shown
    _tail: str = ""  # what follows the message as it is (LibreOffice's stderr)

    def __str__(self) -> str:
        if self._message is None:
            return super().__str__()
        where = f"{self._where}: " if self._where else ""
        return where + render(self._message) + self._tail

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled whole (a batch's worker process hands its errors back): the subclasses'
        # keyword-only attributes (problems, source, record, template, ...) survive the trip
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(cls: type[SarFormsError], args: tuple[Any, ...], state: dict[str, Any]) -> SarFormsError:
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    return exc


class _HasErrors(Protocol):  # pydantic's ValidationError, without importing pydantic here
    def errors(self) -> Any: ...


class InputError(SarFormsError):
    """Input data that cannot make a form.

    ``problems`` holds one ``(field, message)`` pair per problem found, where ``field`` is a
    dotted path such as ``narrative.steps[2].text`` (empty for the record as a whole).
    """

    def __init__(
        self,
        problems: list[tuple[str, str]] | str,
        *,
        source: str | None = None,
        record: str | None = None,
    ) -> None:
        if isinstance(problems, str):
            problems = [("", problems)]
        self.problems = list(problems)
        self.source = source
        self.record = record
        super().__init__(self._text())

    @classmethod
    def from_validation(cls, exc: _HasErrors, *, source: str | None = None, record: str | None = None) -> InputError:
        """The problems of a pydantic ``ValidationError``, each with its dotted field path."""
        problems = []
        for err in exc.errors():
            path = ""
            for part in err["loc"]:
                path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
            # a model's own check names the field it concerns on the error it raised
            named = getattr((err.get("ctx") or {}).get("error"), "field", "")
            if named and isinstance(named, str):
                path = f"{path}.{named}" if path else named
            problems.append((path, _message_of(err)))
        return cls(problems, source=source, record=record)

    @property
    def field(self) -> str:
        """The field of the first problem (``""`` when it concerns the whole record)."""
        return self.problems[0][0] if self.problems else ""

    def located(self, *, source: str | None = None, record: str | None = None) -> InputError:
        """Return the same error with its source file and record filled in."""
        return type(self)(
            self.problems,
            source=source if source is not None else self.source,
            record=record if record is not None else self.record,
        )

    def __str__(self) -> str:
        return self._text()

    def _text(self) -> str:
        """The problems as a person reads them, in the language messages are shown in: each
        field in words (Thai) or as its path (English), with its message."""
        where = ": ".join(p for p in (self.source, self.record) if p)
        lines = [
            f"{field_words(field)}: {render(message)}" if field else render(message) for field, message in self.problems
        ]
        if len(lines) == 1:
            return f"{where}: {lines[0]}" if where else lines[0]
        count = render(say("error.problems", count=len(lines)))
        head = f"{where}: {count}" if where else count
        return head + "".join(f"\n  - {line}" for line in lines)


class CatalogError(InputError):
    """An unknown standard or indicator, or a catalogue file that cannot be used."""


class TemplateError(SarFormsError):
    """A .docx template that cannot be rendered."""

    def __init__(self, message: str, *, template: str | None = None, line: int | None = None):
        self.template = template
        self.line = line
        where = template or "template"
        if line is not None:
            where += f", line {line}"
        self._where, self._message = where, message
        super().__init__(f"{where}: {message}")


class OutputError(SarFormsError):
    """A file or folder that cannot be written: a parent that is a file, no permission, a
    folder where a file should go, a full disk."""

    def __init__(self, message: str, *, path: str) -> None:
        self.path = path
        self._where, self._message = path, message
        super().__init__(f"{path}: {message}")


class ConversionError(SarFormsError):
    """A conversion to PDF that did not give a usable PDF."""

    def __init__(
        self,
        message: str,
        *,
        document: str | None = None,
        returncode: int | None = None,
        stderr_tail: str = "",
    ) -> None:
        self.document = document
        self.returncode = returncode
        self.stderr_tail = stderr_tail
        text = f"{document}: {message}" if document else message
        if stderr_tail:
            text += f"\n{stderr_tail}"
        self._where, self._message, self._tail = document or "", message, f"\n{stderr_tail}" if stderr_tail else ""
        super().__init__(text)


class ConverterUnavailable(ConversionError):
    """The converter's programs are not installed."""


class FontError(ConversionError):
    """The Thai font a template names would be silently replaced by a non-Thai font."""


class SarFormsWarning(UserWarning):
    """Root of every warning issued by sar_forms."""


class TextCleanedWarning(SarFormsWarning):
    """Characters that XML (and so Word) cannot hold were removed from a text."""


def _message_of(err: dict[str, Any]) -> str:
    """One pydantic error's message: the catalogue message our own check raised, or pydantic's
    error type as a catalogue message (its English text pydantic's own), or pydantic's text."""
    ctx = err.get("ctx") or {}
    original = ctx.get("error")
    if original is not None and original.args and isinstance(original.args[0], Text):
        return original.args[0]
    english = str(err["msg"]).removeprefix("Value error, ")
    key = f"pydantic.{err['type']}"
    last = err["loc"][-1] if err.get("loc") else ""
    if err["type"] == "extra_forbidden" and isinstance(last, str) and not last.isascii():
        key = "pydantic.extra_forbidden_text"  # "- ขั้นตอน: ..." read as a mapping: the text wants quotes
    if key not in MESSAGES:
        return english
    params = {k: v for k, v in ctx.items() if k != "error"}
    if "expected" in params:  # pydantic's "6 or 12", "'a', 'b' or 'c'"
        params["expected"] = Text(
            "pydantic.choices",
            {"en": str(params["expected"]), "th": re.sub(r" or ", " หรือ ", str(params["expected"]))},
        )
    return Text(key, params, english=english)
