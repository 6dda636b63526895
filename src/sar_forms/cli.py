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
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from . import app
from .domain.catalog import load_catalog
from .errors import SarFormsError
from .forms.options import CHUNK, Options
from .inputs.tables import init_workbook
from .pdf.convert import Converter, LibreOfficeConverter
from .run.book import BookResult
from .run.manifest import Result

__all__ = ["main"]

FORMATS = ("docx", "pdf")


class _UsageError(Exception):
    """A command line that cannot be carried out as given (exit code 2)."""


def _warn(source: str, message: str) -> None:
    print(f"{source}: warning: {message}", file=sys.stderr)


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
            raise _UsageError(f"unknown format {', '.join(bad)}; choose from {', '.join(FORMATS)}")
        return formats
    suffix = args.output.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise _UsageError(f"{args.output}: the output must end in .docx or .pdf, or give --format")
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
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    print(app.preview(args.input, args.output, _options(args), page=args.page, dpi=args.dpi, on_warning=_warn))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    a = app.load(args.input, _options(args), on_warning=_warn)
    print(
        f"{args.input}: valid: {a.office.short_name}, indicator {a.indicator.code}, "
        f"fiscal year {a.fiscal_year}, level {a.level}"
    )
    return 0


def _progress(total: int) -> tuple[Callable[[Result], None], contextlib.AbstractContextManager[object]]:
    """What is shown as a batch goes: a rich bar on a terminal (failures printed above it), one
    plain line a record elsewhere (pipes, logs)."""
    shown = 0

    def line(res: Result) -> str:
        what = {"produced": res.docx, "skipped": f"{res.docx} (up to date)"}.get(res.status, "")
        if res.status == "failed":
            what = "; ".join(res.errors)
        return f"[{shown}/{total}] {res.status}: {res.id}: {what}"

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
    name = f"{res.office} {res.fiscal_year}" + (f" รอบ {res.round}" if res.round else "") if res.office else "?"
    if res.error is not None:
        print(f"book failed: {name}: {res.error}", flush=True)
    else:
        print(f"book: {res.docx} ({res.forms} forms, {res.pages} pages)", flush=True)


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
            print(
                f"sar-forms: interrupted after {time.perf_counter() - start:.1f} s; finished files are kept, "
                "run again with --resume to finish the rest",
                file=sys.stderr,
            )
            return 130
    report = outcome.report
    print(
        f"produced {report.count('produced')}, skipped {report.count('skipped')}, failed {report.count('failed')}, "
        f"in {report.seconds:.1f} s; manifest: {report.out_dir / 'manifest.csv'}"
    )
    for book in outcome.books:
        _book_line(book)
    return 0 if outcome.ok else 1


def cmd_book(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    with contextlib.ExitStack() as stack:
        options = _options(args, pdf=not args.no_pdf, converter=_converter(stack, args))
        results = app.books(args.input, args.output, options, on_book=_book_line, on_warning=_warn)
    print(f"books in {time.perf_counter() - start:.1f} s")
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
        print(f"{done.form}: error: {done.error}", file=sys.stderr)
    elif done.problem is not None:
        print(f"{done.form}: needs editing before use: {done.problem}", file=sys.stderr)
    if folder:
        print(f"{'imported' if done.ok else 'needs editing'}: {done.form} -> {done.target}")


def cmd_import(args: argparse.Namespace) -> int:
    options = _options(args)
    if args.input.is_dir():
        if args.output is None:
            raise _UsageError("importing a folder needs -o DATA_DIR")
        results = app.import_folder(
            args.input, args.output, options, on_result=lambda done: _import_lines(done, folder=True)
        )
        good = sum(r.ok for r in results)
        print(f"{len(results)} forms: {good} imported, {len(results) - good} need editing (see the messages above)")
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
    print(f"{args.input}: {report.errors} error(s), {report.warnings} warning(s)")
    return 0 if report.passed(strict=args.strict) else 1


def cmd_catalog(args: argparse.Namespace) -> int:
    cat = _options(args).the_catalog()
    for number in sorted(cat.standards):
        std = cat.standards[number]
        print(f"มาตรฐานที่ {number} {std.title}")
        for ind in cat.sorted_indicators():
            if ind.standard_number == number:
                rubric = "rubric" if ind.rubric else "no rubric"
                points = f"{ind.points} points" if ind.points else "points ?"
                print(f"  {ind.code}  {ind.title}  ({points}, {rubric})")
    return 0


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--catalog", type=Path, help="your own catalogue YAML, laid over the shipped one")


def _converters(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--converter",
        action="append",
        metavar="HOST:PORT",
        help="convert to PDF on a running unoserver (repeat for several) instead of local LibreOffice",
    )


def _rendering(p: argparse.ArgumentParser, *, pdfa: str | None = None) -> None:
    p.add_argument("--template", type=Path, help="a .docx template instead of the official form")
    p.add_argument("--thai-digits", action="store_true", help="write numbers in Thai digits (๐-๙)")
    if pdfa:
        p.add_argument("--pdfa", action="store_true", help=pdfa)


def _one_form_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("render", help="render one assessment to .docx and/or .pdf")
    p.add_argument("input", type=Path, help="assessment file (.yaml, .yml or .json)")
    p.add_argument("-o", "--output", type=Path, required=True, help="output file; its extension picks the format")
    p.add_argument("--format", help="comma-separated formats to write: docx,pdf")
    _rendering(p, pdfa="archival PDF/A-2b (with .pdf)")
    _converters(p)
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("preview", help="draw one page of the form as PNG")
    p.add_argument("input", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True, help="the .png to write")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--dpi", type=int, default=100)
    _rendering(p)
    p.set_defaults(func=cmd_preview)

    p = sub.add_parser("validate", help="check an assessment file without rendering")
    p.add_argument("input", type=Path)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("check", help="a reviewer's checks of a form (data file or .docx) before submission")
    p.add_argument("input", type=Path, help=".yaml/.json data or a .docx form")
    p.add_argument("--strict", action="store_true", help="warnings count as errors (exit 1)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("import", help="read forms typed in Word (.docx, official layout) back into data (YAML)")
    p.add_argument("input", type=Path, help="a .docx form, or a folder of them")
    p.add_argument("-o", "--output", type=Path, help="the .yaml to write (a folder for a folder); default: print")
    p.set_defaults(func=cmd_import)


def _many_form_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("batch", help="produce the forms of many offices from a workbook, CSV or folder")
    p.add_argument("input", type=Path, help=".xlsx workbook, .csv file, or a folder of .yaml/.json files")
    p.add_argument("-o", "--output", type=Path, required=True, help="output folder (one sub-folder per office)")
    p.add_argument("--pdf", action="store_true", help="also write PDFs")
    p.add_argument("--jobs", type=int, default=None, help="parallel processes (default: one per core)")
    p.add_argument("--resume", action="store_true", help="skip records whose outputs are up to date")
    p.add_argument(
        "--chunk", type=int, default=CHUNK, help=f"forms per merged PDF conversion (default {CHUNK}; 1: one by one)"
    )
    p.add_argument("--book", action="store_true", help="also write each office's book (see: sar-forms book)")
    _rendering(p, pdfa="PDFs as PDF/A-2b")
    _converters(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("book", help="write each office's whole report for a fiscal year as one book (.docx and .pdf)")
    p.add_argument("input", type=Path, help="as for batch: .xlsx workbook, .csv file, or a folder of .yaml/.json")
    p.add_argument("-o", "--output", type=Path, required=True, help="output folder (one sub-folder per office)")
    p.add_argument("--no-pdf", action="store_true", help="the .docx only")
    p.add_argument("--jobs", type=int, default=None, help="LibreOffice workers (default: one per core)")
    _rendering(p, pdfa="the PDF as PDF/A-2b")
    _converters(p)
    p.set_defaults(func=cmd_book)

    p = sub.add_parser("init-workbook", help="write an empty batch workbook with headers and drop-downs")
    p.add_argument("output", type=Path, help="the .xlsx to write")
    p.set_defaults(func=cmd_init_workbook)

    p = sub.add_parser("catalog", help="list the standards and indicators known")
    p.set_defaults(func=cmd_catalog)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sar-forms", description="Official Thai SAR indicator forms, as Word and PDF."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _one_form_commands(sub)
    _many_form_commands(sub)
    for command in sub.choices.values():
        _common(command)
    return parser


def _quiet_libraries() -> None:
    """The libraries' own log records (pypdf's "Overwriting cache for 0 44" on every PDF) are
    not for a user, who cannot act on them: only errors are shown, one line each."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.ERROR, format="sar-forms: %(name)s: %(message)s")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _quiet_libraries()
    try:
        return int(args.func(args))
    except _UsageError as exc:
        print(f"sar-forms: usage error: {exc}", file=sys.stderr)
        return 2
    except SarFormsError as exc:
        print(f"sar-forms: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
