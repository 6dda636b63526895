"""``sar-forms`` itself: the language of the run, the arguments parsed, the command called, its
errors printed as one line and an exit code."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from ..errors import SarFormsError
from ..messages import Lang, language, speaking
from .commands import _t, _UsageError
from .parser import build_parser

__all__ = ["build_parser", "main"]


def _quiet_libraries() -> None:
    """The libraries' own log records (pypdf's "Overwriting cache for 0 44" on every PDF) are
    not for a user, who cannot act on them: only errors are shown, one line each."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.ERROR, format="sar-forms: %(name)s: %(message)s")
        logging.captureWarnings(True)  # a library's own warnings go the same way (ours are shown as data)


def _language(argv: Sequence[str]) -> Lang:
    """The ``--lang`` of the command line, read before the parser is built (its help is in it),
    else the locale's: settled once for the run, not looked up in the environment per message."""
    for k, arg in enumerate(argv):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and k + 1 < len(argv):
            value = argv[k + 1]
        if value in ("th", "en"):
            return "th" if value == "th" else "en"
    return language()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    with speaking(_language(argv)):
        args = build_parser().parse_args(argv)
        _quiet_libraries()
        try:
            return int(args.func(args))
        except _UsageError as exc:
            print(f"sar-forms: {_t('error.usage')}: {exc}", file=sys.stderr)
            return 2
        except SarFormsError as exc:
            print(f"sar-forms: {_t('error.prefix')}: {exc}", file=sys.stderr)
            return 1
