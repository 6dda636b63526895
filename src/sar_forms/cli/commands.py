"""The commands of ``sar-forms``: each takes the parsed arguments, calls a use case of :mod:`sar_forms.app`
and prints its result in the language of the run."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import app
from .._deferred import on_first_call
from ..domain.catalog import load_catalog
from ..domain.text import from_thai_digits
from ..forms.options import CHUNK, Options
from ..inputs.workbook import init_workbook
from ..messages import field_words, render, say

if TYPE_CHECKING:  # names of types only: the books load with the book command, not with every command
    from ..pdf.convert import Converter, LibreOfficeConverter
    from ..run.book import BookResult
    from ..run.manifest import Result
else:  # the PDF floor loads when remote converters are named (--converter), not for every command
    LibreOfficeConverter = on_first_call("sar_forms.pdf.convert", "LibreOfficeConverter")

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
    records = app.validate(args.input, _options(args), on_warning=_warn)
    for rec in records:
        a = rec.assessment
        if a is None:
            print(f"sar-forms: {_t('error.prefix')}: {rec.error}", file=sys.stderr)
            continue
        valid = _t(
            "cli.valid", office=a.office.short_name, indicator=a.indicator.code, year=a.fiscal_year, level=a.level
        )
        where = rec.source + (f": {rec.location}" if rec.location else "")
        print(f"{where}: {valid}")
    good = sum(rec.assessment is not None for rec in records)
    if len(records) != 1:
        print(_t("cli.valid_count", good=good, count=len(records)))
    return 0 if good == len(records) else 1


def _progress(total: int) -> tuple[Callable[[Result], None], contextlib.AbstractContextManager[object]]:
    """What is shown as a batch goes: a rich bar on a terminal (failures printed above it), one
    plain line a record elsewhere (pipes, logs)."""
    shown = 0

    def line(res: Result) -> str:
        files = ", ".join(p for p in (res.docx, res.pdf) if p)
        what = {"produced": files, "skipped": _t("cli.up_to_date", path=files)}.get(res.status, "")
        if res.status == "failed":
            what = "; ".join(str(e) for e in ([res.error] if res.error is not None else res.errors))
        what += "".join(f"; {render(note)}" for note in res.notes)
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
        print(_t("cli.book", path=res.docx, count=res.forms, pages=res.pages), flush=True)


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
    for line in done.report.notes() if done.report else ():
        print(f"{done.form}: {line}", file=sys.stderr)
    if done.error is not None:
        print(f"{done.form}: {_t('error.prefix')}: {done.error}", file=sys.stderr)
    elif done.problem is not None:
        print(f"{done.form}: {_t('cli.needs_editing', problem=done.problem)}", file=sys.stderr)
    summary = done.report.summary() if done.report else ""
    if folder and done.ok:
        print(_t("cli.imported", form=done.form, target=done.target, summary=summary))
    elif folder:
        fields = ", ".join(field_words(f) for f in done.needs) or "-"
        print(_t("cli.needs_editing_line", form=done.form, target=done.target, summary=summary, fields=fields))
    else:
        print(f"{done.form}: {summary}", file=sys.stderr)


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


def _number(text: str) -> int:
    """A number as typed on a command line, Thai digits too (๒๕๖๖)."""
    value = from_thai_digits(text).strip()
    if not value.isdigit():
        raise argparse.ArgumentTypeError(text)
    return int(value)


def cmd_next_year(args: argparse.Namespace) -> int:
    done = app.next_year(
        args.input, args.fiscal_year, _options(args), round=args.round, target=args.output, on_warning=_warn
    )
    if args.output is None:
        print(done.yaml, end="")
    for f in done.findings:
        print(f"{args.input}: {f}", file=sys.stderr)
    print(
        _t("cli.carried", target=args.output or "-", year=args.fiscal_year, count=len(done.findings)), file=sys.stderr
    )
    return 0


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
