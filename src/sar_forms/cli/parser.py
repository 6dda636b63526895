"""The command line of ``sar-forms``: its commands, their arguments and their help, in the
language of the run (argparse's own headings too, and no Thai word cut by its wrapping)."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path

from .._deferred import on_first_call
from ..forms.options import CHUNK
from .commands import (
    _number,
    _t,
    cmd_batch,
    cmd_book,
    cmd_catalog,
    cmd_check,
    cmd_import,
    cmd_init_workbook,
    cmd_next_year,
    cmd_preview,
    cmd_render,
    cmd_validate,
)


def _within(low: int, high: int) -> Callable[[str], int]:
    """An argument's number, from ``low`` to ``high`` (``--dpi 30000`` drew a 1x1 picture)."""

    def number(text: str) -> int:
        value = _number(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(_t("cli.between", low=low, high=high, value=value))
        return value

    return number


class _Formatter(argparse.HelpFormatter):
    """Help that never cuts a word: Thai writes no spaces between words, so a phrase is one
    "word" to textwrap, which would break it anywhere (เล่มเดีย|ว); a long phrase stays whole."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        text = " ".join(text.split())
        return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else _t("help.usage") + " ")


def _titled(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The parser's own headings in the language of this run (argparse has no Thai of its own)."""
    parser._positionals.title = _t("help.positionals")
    parser._optionals.title = _t("help.options")
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = _t("help.help")
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--catalog", type=Path, help=_t("help.catalog"))
    p.add_argument("--lang", choices=("th", "en"), default=argparse.SUPPRESS, help=_t("help.lang"))


def _converters(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--converter",
        action="append",
        metavar="HOST:PORT",
        help=_t("help.converter"),
    )


def _rendering(p: argparse.ArgumentParser, *, pdfa: str | None = None) -> None:
    p.add_argument("--template", type=Path, help=_t("help.template"))
    p.add_argument("--thai-digits", action="store_true", help=_t("help.thai_digits"))
    if pdfa:
        p.add_argument("--pdfa", action="store_true", help=pdfa)


def _one_form_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("render", help=_t("help.render"))
    p.add_argument("input", type=Path, help=_t("help.render.input"))
    p.add_argument("-o", "--output", type=Path, required=True, help=_t("help.render.output"))
    p.add_argument("--format", help=_t("help.render.format"))
    _rendering(p, pdfa=_t("help.render.pdfa"))
    _converters(p)
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("preview", help=_t("help.preview"))
    p.add_argument("input", type=Path, help=_t("help.data_file"))
    p.add_argument("-o", "--output", type=Path, required=True, help=_t("help.preview.output"))
    p.add_argument("--page", type=_within(1, 10_000), default=1, help=_t("help.preview.page"))
    p.add_argument("--dpi", type=_within(20, 600), default=100, help=_t("help.preview.dpi"))
    _rendering(p)
    p.set_defaults(func=cmd_preview)

    p = sub.add_parser("validate", help=_t("help.validate"))
    p.add_argument("input", type=Path, help=_t("help.validate.input"))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("check", help=_t("help.check"))
    p.add_argument("input", type=Path, help=_t("help.check.input"))
    p.add_argument("--strict", action="store_true", help=_t("help.check.strict"))
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("next-year", help=_t("help.next_year"))
    p.add_argument("input", type=Path, help=_t("help.next_year.input"))
    p.add_argument("--fiscal-year", type=_number, required=True, help=_t("help.next_year.year"))
    p.add_argument("--round", type=_number, choices=(6, 12), help=_t("help.next_year.round"))
    p.add_argument("-o", "--output", type=Path, help=_t("help.next_year.output"))
    p.set_defaults(func=cmd_next_year)

    p = sub.add_parser("import", help=_t("help.import"))
    p.add_argument("input", type=Path, help=_t("help.import.input"))
    p.add_argument("-o", "--output", type=Path, help=_t("help.import.output"))
    p.set_defaults(func=cmd_import)


def _web(name: str) -> Callable[[argparse.Namespace], int]:
    """A web workspace command, imported when it runs (see :mod:`sar_forms.cli.web_commands`)."""
    return on_first_call(f"{__package__}.web_commands", name)


def _store_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=Path("sar-forms-data"), help=_t("help.serve.data"))
    p.add_argument("--database", help=_t("help.serve.database"))


def _admin_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("admin", help=_t("help.admin"))
    admin = p.add_subparsers(dest="admin_command", required=True, metavar="COMMAND")
    a = admin.add_parser("add-office", help=_t("help.admin.add_office"))
    a.add_argument("short_name")
    a.add_argument("--name", required=True)
    a.add_argument("--kind", required=True, choices=("สพป.", "สพม."))
    a.add_argument("--province", required=True)
    a.add_argument("--area", type=_number)
    _store_arguments(a)
    a = admin.add_parser("add-user", help=_t("help.admin.add_user"))
    a.add_argument("login")
    a.add_argument("--office")
    a.add_argument("--role", choices=("coordinator", "editor", "reviewer"))
    a.add_argument("--admin", action="store_true", help=_t("help.admin.admin"))
    _store_arguments(a)
    a = admin.add_parser("assign", help=_t("help.admin.assign"))
    a.add_argument("login")
    a.add_argument("--office", required=True)
    a.add_argument("--indicator", required=True)
    _store_arguments(a)
    a = admin.add_parser("token", help=_t("help.admin.token"))
    a.add_argument("login")
    a.add_argument("--revoke", action="store_true", help=_t("help.admin.revoke"))
    _store_arguments(a)
    a = admin.add_parser("passwd", help=_t("help.admin.passwd"))
    a.add_argument("login")
    _store_arguments(a)
    p.set_defaults(func=_web("cmd_admin"))
    p = sub.add_parser("backup", help=_t("help.backup"))
    p.add_argument("-o", "--output", type=Path, required=True)
    _store_arguments(p)
    p.set_defaults(func=_web("cmd_backup"))
    p = sub.add_parser("restore", help=_t("help.restore"))
    p.add_argument("input", type=Path)
    _store_arguments(p)
    p.set_defaults(func=_web("cmd_restore"))


def _many_form_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("batch", help=_t("help.batch"))
    p.add_argument("input", type=Path, help=_t("help.batch.input"))
    p.add_argument("-o", "--output", type=Path, required=True, help=_t("help.batch.output"))
    p.add_argument("--pdf", action="store_true", help=_t("help.batch.pdf"))
    p.add_argument("--jobs", type=int, default=None, help=_t("help.batch.jobs"))
    p.add_argument("--resume", action="store_true", help=_t("help.batch.resume"))
    p.add_argument("--chunk", type=int, default=CHUNK, help=_t("help.batch.chunk", chunk=CHUNK))
    p.add_argument("--book", action="store_true", help=_t("help.batch.book"))
    _rendering(p, pdfa=_t("help.batch.pdfa"))
    _converters(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("book", help=_t("help.book"))
    p.add_argument("input", type=Path, help=_t("help.book.input"))
    p.add_argument("-o", "--output", type=Path, required=True, help=_t("help.batch.output"))
    p.add_argument("--no-pdf", action="store_true", help=_t("help.book.no_pdf"))
    p.add_argument("--jobs", type=int, default=None, help=_t("help.book.jobs"))
    _rendering(p, pdfa=_t("help.book.pdfa"))
    _converters(p)
    p.set_defaults(func=cmd_book)

    p = sub.add_parser("init-workbook", help=_t("help.init_workbook"))
    p.add_argument("output", type=Path, help=_t("help.init_workbook.output"))
    p.set_defaults(func=cmd_init_workbook)

    p = sub.add_parser("serve", help=_t("help.serve"))
    _store_arguments(p)
    p.add_argument("--host", default="127.0.0.1", help=_t("help.serve.host"))
    p.add_argument("--port", type=_within(1, 65535), default=8000, help=_t("help.serve.port"))
    p.add_argument("--token", help=_t("help.serve.token"))
    p.add_argument("--workers", type=_within(1, 16), default=2, help=_t("help.serve.workers"))
    p.add_argument("--add", type=Path, nargs="*", default=[], metavar="FILE", help=_t("help.serve.add"))
    p.set_defaults(func=_web("cmd_serve"))
    _admin_commands(sub)

    p = sub.add_parser("catalog", help=_t("help.catalog_command"))
    p.set_defaults(func=cmd_catalog)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sar-forms", description=_t("help.description"), formatter_class=_Formatter)
    parser.add_argument("--lang", choices=("th", "en"), help=_t("help.lang"))
    sub = parser.add_subparsers(dest="command", required=True)
    _one_form_commands(sub)
    _many_form_commands(sub)
    for command in sub.choices.values():
        _common(command)
        command.formatter_class = _Formatter
        _titled(command)
    return _titled(parser)
