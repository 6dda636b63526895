"""The message catalogue: every entry of the four tables, key -> (English, Thai)."""

from __future__ import annotations

from ._messages_cli import CLI
from ._messages_forms import FORMS
from ._messages_input import INPUT
from ._messages_web import WEB

__all__ = ["MESSAGES"]

MESSAGES: dict[str, tuple[str, str]] = {**INPUT, **FORMS, **CLI, **WEB}
