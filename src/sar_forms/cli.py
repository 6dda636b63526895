"""The ``sar-forms`` command: arguments in, a use case of :mod:`sar_forms.app` called, its result
printed, an exit code; nothing imports it.

Exit codes: 0 success; 1 bad input or a failed render/conversion (the message names the file,
the field and the problem); 2 wrong command-line usage.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import textwrap
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from . import app
from .domain.catalog import load_catalog
from .errors import SarFormsError
from .forms.options import CHUNK, Options
from .inputs.tables import init_workbook
from .messages import Lang, render, say, speaking
from .pdf.convert import Converter, LibreOfficeConverter
from .run.book import BookResult
from .run.manifest import Result

__all__ = ["main"]

FORMATS = ("docx", "pdf")


class _UsageError(Exception):
    """A command line that cannot be carried out as given (exit code 2)."""


def _warn(source: str, message: str) -> None:
    print(f"{source}: {render(say('warning.prefix'))}: {render(message)}", file=sys.stderr)


def _t(key: str, **params: object) -> str:
    """The catalogue's message ``key``, in the language of this run."""
    return render(say(key, **params))


def _options(args: argparse.Namespace, **given: object) -> Options:
    """The options the command line gives (the flags a command has; the rest their defaults)."""
    catalog = getattr(args, "catalog", None)
    values: dict[str, object] = {
        "template": getattr(args, "template", None),
        "catalog": load_catalog(catalog) if catalog else None,
        "digits": "thai" if getattr(args, "thai_digits", False) else "arabic",
        "pdfa": getattr(args, "pdfa", False),
        "jobs": getattr(args, "jobs", None),
        "chunk": max(1, getattr(args, "chunk", CHUNK)),
        "resume": getattr(args, "resume", False),
    }
    try:
        return Options(**{**values, **given})  # type: ignore[arg-type]
    except ValueError as exc:
        raise _UsageError(str(exc)) from exc


def _converter(stack: contextlib.ExitStack, args: argparse.Namespace) -> Converter | None:
    """Remote unoservers when ``--converter host:port`` is given, closed when ``stack`` ends;
    else None (the use case starts local LibreOffice for its own run, and stops it)."""
    if not getattr(args, "converter", None):
        return None
    try:
        converter = LibreOfficeConverter(servers=args.converter)
    except ValueError as exc:  # not host:port
        raise _UsageError(str(exc)) from exc
    stack.enter_context(contextlib.closing(converter))
    return converter


def _formats(args: argparse.Namespace) -> list[str]:
    if args.format:
        formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
        bad = [f for f in formats if f not in FORMATS]
        if bad:
            raise _UsageError(_t("cli.unknown_format", bad=", ".join(bad), formats=", ".join(FORMATS)))
        return formats
    suffix = args.output.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise _UsageError(_t("cli.output_suffix", output=args.output))
    return [suffix]


def cmd_render(args: argparse.Namespace) -> int:
    formats = _formats(args)
    with contextlib.ExitStack() as stack:
        produced = app.render(
            args.input,
            _options(args, converter=_converter(stack, args) if "pdf" in formats else None),
            docx=args.output.with_suffix(".docx") if "docx" in formats else None,
            pdf=args.output.with_suffix(".pdf") if "pdf" in formats else None,
            on_warning=_warn,
        )
    for path in (produced.docx, produced.pdf):
        if path is not None:
            print(path)
    if formats == ["pdf"] and not args.format:
        print(_t("cli.pdf_only_hint"), file=sys.stderr)
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    print(app.preview(args.input, args.output, _options(args), page=args.page, dpi=args.dpi, on_warning=_warn))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    a = app.load(args.input, _options(args), on_warning=_warn)
    valid = _t("cli.valid", office=a.office.short_name, indicator=a.indicator.code, year=a.fiscal_year, level=a.level)
    print(f"{args.input}: {valid}")
    return 0


def _progress(total: int) -> tuple[Callable[[Result], None], contextlib.AbstractContextManager[object]]:
    """What is shown as a batch goes: a rich bar on a terminal (failures printed above it), one
    plain line a record elsewhere (pipes, logs)."""
    shown = 0

    def line(res: Result) -> str:
        files = ", ".join(p for p in (res.docx, res.pdf) if p)
        what = {"produced": files, "skipped": _t("cli.up_to_date", path=files)}.get(res.status, "")
        if res.status == "failed":
            what = "; ".join(str(e) for e in ([res.error] if res.error is not None else res.errors))
        status = _t(f"cli.status.{res.status}")
        return _t("cli.progress", shown=shown, total=total, status=status, id=res.id, what=what)

    if not sys.stderr.isatty():

        def plain(res: Result) -> None:
            nonlocal shown
            shown += 1
            print(line(res), flush=True)

        return plain, contextlib.nullcontext()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
    )
    bar = progress.add_task("sar-forms batch", total=total)

    def on_bar(res: Result) -> None:
        nonlocal shown
        shown += 1
        progress.advance(bar)
        if res.status == "failed":
            progress.console.print(line(res), style="red", markup=False, highlight=False)

    return on_bar, progress


def _book_line(res: BookResult) -> None:
    name = f"{res.office} {res.fiscal_year}" + (" " + _t("cli.round", round=res.round) if res.round else "")
    if res.error is not None:
        print(_t("cli.book_failed", name=name if res.office else "?", error=res.error), flush=True)
    else:
        print(_t("cli.book", path=res.docx, forms=res.forms, pages=res.pages), flush=True)


def cmd_batch(args: argparse.Namespace) -> int:
    # a kill (SIGTERM) stops the batch as Ctrl-C does: finished files stay, the journal is kept
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    start = time.perf_counter()
    with contextlib.ExitStack() as stack:
        converter = _converter(stack, args) if args.pdf or args.book else None
        options = _options(args, pdf=args.pdf, converter=converter)
        on_result, shown = _progress(app.count(args.input, options))
        try:
            with shown:
                outcome = app.batch(
                    args.input, args.output, options, with_books=args.book, on_result=on_result, on_warning=_warn
                )
        except KeyboardInterrupt:
            print(f"sar-forms: {_t('cli.interrupted', seconds=f'{time.perf_counter() - start:.1f}')}", file=sys.stderr)
            return 130
    report = outcome.report
    counts = {status: report.count(status) for status in ("produced", "skipped", "failed")}
    print(_t("cli.batch_done", **counts, seconds=f"{report.seconds:.1f}", manifest=report.out_dir / "manifest.csv"))
    for book in outcome.books:
        _book_line(book)
    return 0 if outcome.ok else 1


def cmd_book(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    with contextlib.ExitStack() as stack:
        options = _options(args, pdf=not args.no_pdf, converter=_converter(stack, args))
        results = app.books(args.input, args.output, options, on_book=_book_line, on_warning=_warn)
    print(_t("cli.books_done", seconds=f"{time.perf_counter() - start:.1f}"))
    return 0 if all(r.error is None for r in results) else 1


def cmd_init_workbook(args: argparse.Namespace) -> int:
    print(init_workbook(args.output, catalog=_options(args).the_catalog()))
    return 0


def _import_lines(done: app.Imported, *, folder: bool) -> None:
    """What one import says: the report's notes (not what was simply found) and why the data
    needs editing, on stderr; for a folder, one line of where it went."""
    for line in done.report.lines() if done.report else ():
        if not line.startswith("found: "):
            print(f"{done.form}: {line}", file=sys.stderr)
    if done.error is not None:
        print(f"{done.form}: {_t('error.prefix')}: {done.error}", file=sys.stderr)
    elif done.problem is not None:
        print(f"{done.form}: {_t('cli.needs_editing', problem=done.problem)}", file=sys.stderr)
    if folder:
        print(_t("cli.imported" if done.ok else "cli.needs_editing_line", form=done.form, target=done.target))


def cmd_import(args: argparse.Namespace) -> int:
    options = _options(args)
    if args.input.is_dir():
        if args.output is None:
            raise _UsageError(_t("cli.folder_needs_output"))
        results = app.import_folder(
            args.input, args.output, options, on_result=lambda done: _import_lines(done, folder=True)
        )
        good = sum(r.ok for r in results)
        print(_t("cli.import_summary", count=len(results), good=good, bad=len(results) - good))
        return 0 if good == len(results) else 1
    done = app.import_form(args.input, args.output, options)
    if args.output is None:
        print(done.yaml, end="")
    _import_lines(done, folder=False)
    return 0 if done.ok else 1


def cmd_check(args: argparse.Namespace) -> int:
    report = app.check(args.input, _options(args), on_warning=_warn)
    for f in report.findings:
        print(f"{args.input}: {f}")
    print(f"{args.input}: {_t('check.summary', errors=report.errors, warnings=report.warnings)}")
    return 0 if report.passed(strict=args.strict) else 1


def cmd_catalog(args: argparse.Namespace) -> int:
    cat = _options(args).the_catalog()
    for number in sorted(cat.standards):
        std = cat.standards[number]
        print(f"มาตรฐานที่ {number} {std.title}")
        for ind in cat.sorted_indicators():
            if ind.standard_number == number:
                rubric = _t("cli.rubric") if ind.rubric else _t("cli.no_rubric")
                points = _t("cli.points", points=ind.points) if ind.points else _t("cli.points_unknown")
                print(f"  {ind.code}  {ind.title}  ({points}, {rubric})")
    return 0


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
    p.add_argument("--page", type=int, default=1, help=_t("help.preview.page"))
    p.add_argument("--dpi", type=int, default=100, help=_t("help.preview.dpi"))
    _rendering(p)
    p.set_defaults(func=cmd_preview)

    p = sub.add_parser("validate", help=_t("help.validate"))
    p.add_argument("input", type=Path, help=_t("help.data_file"))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("check", help=_t("help.check"))
    p.add_argument("input", type=Path, help=_t("help.check.input"))
    p.add_argument("--strict", action="store_true", help=_t("help.check.strict"))
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("import", help=_t("help.import"))
    p.add_argument("input", type=Path, help=_t("help.import.input"))
    p.add_argument("-o", "--output", type=Path, help=_t("help.import.output"))
    p.set_defaults(func=cmd_import)


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

    p = sub.add_parser("catalog", help=_t("help.catalog_command"))
    p.set_defaults(func=cmd_catalog)


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


def _quiet_libraries() -> None:
    """The libraries' own log records (pypdf's "Overwriting cache for 0 44" on every PDF) are
    not for a user, who cannot act on them: only errors are shown, one line each."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.ERROR, format="sar-forms: %(name)s: %(message)s")


def _language(argv: Sequence[str]) -> Lang | None:
    """The ``--lang`` of the command line, read before the parser is built (its help is in it)."""
    for k, arg in enumerate(argv):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and k + 1 < len(argv):
            value = argv[k + 1]
        if value in ("th", "en"):
            return "th" if value == "th" else "en"
    return None


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


if __name__ == "__main__":
    sys.exit(main())
