"""The ``sar-forms`` command: arguments, output and exit codes; nothing imports it.

Exit codes: 0 success; 1 bad input or a failed render/conversion (the message names the file,
the field and the problem); 2 wrong command-line usage.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import tempfile
import time
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ._fs import atomic_write
from .domain.catalog import Catalog, default_catalog, load_catalog
from .domain.check import Finding, check_assessment, check_urls
from .errors import InputError, SarFormsError, SarFormsWarning
from .forms.context import Digits
from .forms.import_report import to_yaml
from .forms.importer import import_docx
from .forms.produce import FormProducer
from .inputs.sources import load_assessment, read_data, validate_assessment
from .inputs.tables import Record, count_records, init_workbook, read_records
from .pdf.convert import Converter, LibreOfficeConverter
from .pdf.postprocess import pdf_page_to_png
from .run.batch import CHUNK, run_batch
from .run.book import BookResult, run_books
from .run.manifest import Result

__all__ = ["main"]

FORMATS = ("docx", "pdf")


class _UsageError(Exception):
    """A command line that cannot be carried out as given (exit code 2)."""


@contextmanager
def _reported_warnings(source: str) -> Iterator[None]:
    """Show our warnings as one plain line each, naming the input file."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SarFormsWarning)
        yield
    for w in caught:
        if issubclass(w.category, SarFormsWarning):
            print(f"{source}: warning: {w.message}", file=sys.stderr)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def _reading(records: Iterable[Record], source: str) -> Iterator[Record]:
    """``records`` read one at a time as a batch asks for them, each one's warnings shown as it is read."""
    it = iter(records)
    while True:
        with _reported_warnings(source):
            rec = next(it, None)
        if rec is None:
            return
        yield rec


def _catalog(args: argparse.Namespace) -> Catalog:
    return load_catalog(args.catalog) if args.catalog else default_catalog()


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


def _converter(args: argparse.Namespace, workers: int | None = 1) -> Converter:
    """Remote unoservers when ``--converter host:port`` is given, else local LibreOffice."""
    if args.converter:
        try:
            return LibreOfficeConverter(servers=args.converter)
        except ValueError as exc:  # not host:port
            raise _UsageError(str(exc)) from exc
    return LibreOfficeConverter(workers=workers)


def cmd_render(args: argparse.Namespace) -> int:
    formats = _formats(args)
    with _reported_warnings(str(args.input)):
        assessment = load_assessment(args.input, catalog=_catalog(args))
    digits: Digits = "thai" if args.thai_digits else "arabic"
    with contextlib.ExitStack() as stack:
        converter = stack.enter_context(contextlib.closing(_converter(args))) if "pdf" in formats else None
        produced = FormProducer(args.template, digits=digits, converter=converter, pdfa=args.pdfa).write(
            assessment,
            docx=args.output.with_suffix(".docx") if "docx" in formats else None,
            pdf=args.output.with_suffix(".pdf") if "pdf" in formats else None,
        )
    for path in (produced.docx, produced.pdf):
        if path is not None:
            print(path)
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    with _reported_warnings(str(args.input)):
        assessment = load_assessment(args.input, catalog=_catalog(args))
    with (
        tempfile.TemporaryDirectory(prefix="sar-forms-preview-") as tmp,
        contextlib.closing(LibreOfficeConverter(workers=1)) as converter,
    ):
        digits: Digits = "thai" if args.thai_digits else "arabic"
        produced = FormProducer(args.template, digits=digits, converter=converter).write(
            assessment, pdf=Path(tmp) / "form.pdf"
        )
        assert produced.pdf is not None
        print(pdf_page_to_png(produced.pdf, args.output, page=args.page, dpi=args.dpi))
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    # a kill (SIGTERM) stops the batch as Ctrl-C does: finished files stay, the journal is kept
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    catalog = _catalog(args)
    with warnings.catch_warnings():  # a count for the progress: the reading below tells the warnings
        warnings.simplefilter("ignore", SarFormsWarning)
        total = count_records(args.input, catalog=catalog)
    start = time.perf_counter()
    shown = 0

    def line(res: Result) -> str:
        what = {"produced": res.docx, "skipped": f"{res.docx} (up to date)"}.get(res.status, "")
        if res.status == "failed":
            what = "; ".join(res.errors)
        return f"[{shown}/{total}] {res.status}: {res.id}: {what}"

    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
        )
        bar = progress.add_task("sar-forms batch", total=total)

        def on_result(res: Result) -> None:
            nonlocal shown
            shown += 1
            progress.advance(bar)
            if res.status == "failed":
                progress.console.print(line(res), style="red", markup=False, highlight=False)
    else:
        progress = None

        def on_result(res: Result) -> None:
            nonlocal shown
            shown += 1
            print(line(res), flush=True)

    try:
        if progress is not None:
            progress.start()
        try:
            with contextlib.ExitStack() as stack:
                converter = None
                if args.pdf and args.converter:  # else run_batch starts (and stops) local LibreOffice
                    converter = stack.enter_context(contextlib.closing(_converter(args)))
                report = run_batch(
                    _reading(read_records(args.input, catalog=catalog), str(args.input)),
                    args.output,
                    pdf=args.pdf,
                    pdfa=args.pdfa,
                    jobs=args.jobs,
                    converter=converter,
                    resume=args.resume,
                    chunk=max(1, args.chunk),
                    template=args.template,
                    digits="thai" if args.thai_digits else "arabic",
                    on_result=on_result,
                )
        finally:
            if progress is not None:
                progress.stop()
    except KeyboardInterrupt:
        print(
            f"sar-forms: interrupted after {time.perf_counter() - start:.1f} s; finished files are kept, "
            "run again with --resume to finish the rest",
            file=sys.stderr,
        )
        return 130
    print(
        f"produced {report.count('produced')}, skipped {report.count('skipped')}, failed {report.count('failed')}, "
        f"in {report.seconds:.1f} s; manifest: {report.out_dir / 'manifest.csv'}"
    )
    books_ok = _books(args, read_records(args.input, catalog=catalog), args.output) if args.book else True
    return 0 if report.ok and books_ok else 1


def _books(args: argparse.Namespace, records: Iterable[Record], out: Path) -> bool:
    """Write the books of ``records``; print one line a book; whether every book was made."""
    with contextlib.ExitStack() as stack:
        converter = None
        if args.converter:
            converter = stack.enter_context(contextlib.closing(_converter(args)))

        def on_result(res: BookResult) -> None:
            name = f"{res.office} {res.fiscal_year}" + (f" รอบ {res.round}" if res.round else "") if res.office else "?"
            if res.error is not None:
                print(f"book failed: {name}: {res.error}", flush=True)
            else:
                print(f"book: {res.docx} ({res.forms} forms, {res.pages} pages)", flush=True)

        results = run_books(
            records,
            out,
            pdf=not getattr(args, "no_pdf", False),
            pdfa=args.pdfa,
            converter=converter,
            template=args.template,
            digits="thai" if args.thai_digits else "arabic",
            jobs=args.jobs,
            on_result=on_result,
        )
    return all(r.error is None for r in results)


def cmd_book(args: argparse.Namespace) -> int:
    with _reported_warnings(str(args.input)):
        records = list(read_records(args.input, catalog=_catalog(args)))
    start = time.perf_counter()
    ok = _books(args, records, args.output)
    print(f"books in {time.perf_counter() - start:.1f} s")
    return 0 if ok else 1


def cmd_init_workbook(args: argparse.Namespace) -> int:
    print(init_workbook(args.output, catalog=_catalog(args)))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    with _reported_warnings(str(args.input)):
        a = load_assessment(args.input, catalog=_catalog(args))
    print(
        f"{args.input}: valid: {a.office.short_name}, indicator {a.indicator.code}, "
        f"fiscal year {a.fiscal_year}, level {a.level}"
    )
    return 0


def _import_one(form: Path, out: Path | None, catalog: Catalog) -> bool:
    """Import one form; write its YAML (to ``out``, or print it); whether the data validates."""
    data, report = import_docx(form, catalog=catalog)
    text = to_yaml(data, report)
    if out is None:
        print(text, end="")
    else:
        atomic_write(out, text.encode("utf-8"))
    for line in report.lines():
        if not line.startswith("found: "):
            print(f"{form}: {line}", file=sys.stderr)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SarFormsWarning)
            validate_assessment(data, catalog=catalog, source=str(out or form))
    except InputError as exc:
        print(f"{form}: needs editing before use: {exc}", file=sys.stderr)
        return False
    return True


def cmd_import(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    if args.input.is_dir():
        if args.output is None:
            raise _UsageError("importing a folder needs -o DATA_DIR")
        forms = sorted(f for f in args.input.rglob("*.docx") if not f.name.startswith("~$"))
        if not forms:
            raise InputError("no .docx files in this folder", source=str(args.input))
        good = 0
        for form in forms:
            target = args.output / form.relative_to(args.input).with_suffix(".yaml")
            try:
                ok = _import_one(form, target, catalog)
            except SarFormsError as exc:
                print(f"{form}: error: {exc}", file=sys.stderr)
                ok = False
            good += ok
            print(f"{'imported' if ok else 'needs editing'}: {form} -> {target}")
        print(f"{len(forms)} forms: {good} imported, {len(forms) - good} need editing (see the messages above)")
        return 0 if good == len(forms) else 1
    return 0 if _import_one(args.input, args.output, catalog) else 1


def _field_of(field: str, message: str) -> str:
    """The field of a problem the model states about the whole form ("level 5 contradicts the points")."""
    if field:
        return field
    return message.split(" ")[0] if message.startswith(("level ", "indicator ")) else "form"


def cmd_check(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    if args.input.suffix.lower() == ".docx":
        data, _report = import_docx(args.input, catalog=catalog)
    else:
        data = read_data(args.input)
    findings = check_urls(data)
    if not findings:
        try:
            with _reported_warnings(str(args.input)):
                a = validate_assessment(data, catalog=catalog, source=str(args.input))
        except InputError as exc:
            findings = [Finding("error", _field_of(field, message), message) for field, message in exc.problems]
            findings = findings or [Finding("error", "form", str(exc))]
        else:
            findings = check_assessment(a)
    for f in findings:
        print(f"{args.input}: {f}")
    errors = sum(f.severity == "error" for f in findings)
    warned = len(findings) - errors
    print(f"{args.input}: {errors} error(s), {warned} warning(s)")
    return 1 if errors or (args.strict and warned) else 0


def cmd_catalog(args: argparse.Namespace) -> int:
    cat = _catalog(args)
    for number in sorted(cat.standards):
        std = cat.standards[number]
        print(f"มาตรฐานที่ {number} {std.title}")
        for ind in cat.sorted_indicators():
            if ind.standard_number == number:
                rubric = "rubric" if ind.rubric else "no rubric"
                points = f"{ind.points} points" if ind.points else "points ?"
                print(f"  {ind.code}  {ind.title}  ({points}, {rubric})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sar-forms", description="Official Thai SAR indicator forms, as Word and PDF."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--catalog", type=Path, help="your own catalogue YAML, laid over the shipped one")

    def converters(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--converter",
            action="append",
            metavar="HOST:PORT",
            help="convert to PDF on a running unoserver (repeat for several) instead of local LibreOffice",
        )

    p = sub.add_parser("render", help="render one assessment to .docx and/or .pdf")
    p.add_argument("input", type=Path, help="assessment file (.yaml, .yml or .json)")
    p.add_argument("-o", "--output", type=Path, required=True, help="output file; its extension picks the format")
    p.add_argument("--format", help="comma-separated formats to write: docx,pdf")
    p.add_argument("--template", type=Path, help="a .docx template instead of the official form")
    p.add_argument("--thai-digits", action="store_true", help="write numbers in Thai digits (๐-๙)")
    p.add_argument("--pdfa", action="store_true", help="archival PDF/A-2b (with .pdf)")
    converters(p)
    common(p)
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("preview", help="draw one page of the form as PNG")
    p.add_argument("input", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True, help="the .png to write")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--dpi", type=int, default=100)
    p.add_argument("--template", type=Path)
    p.add_argument("--thai-digits", action="store_true")
    common(p)
    p.set_defaults(func=cmd_preview)

    p = sub.add_parser("validate", help="check an assessment file without rendering")
    p.add_argument("input", type=Path)
    common(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("batch", help="produce the forms of many offices from a workbook, CSV or folder")
    p.add_argument("input", type=Path, help=".xlsx workbook, .csv file, or a folder of .yaml/.json files")
    p.add_argument("-o", "--output", type=Path, required=True, help="output folder (one sub-folder per office)")
    p.add_argument("--pdf", action="store_true", help="also write PDFs")
    p.add_argument("--pdfa", action="store_true", help="PDFs as PDF/A-2b")
    p.add_argument("--jobs", type=int, default=None, help="parallel processes (default: one per core)")
    p.add_argument("--resume", action="store_true", help="skip records whose outputs are up to date")
    p.add_argument(
        "--chunk", type=int, default=CHUNK, help=f"forms per merged PDF conversion (default {CHUNK}; 1: one by one)"
    )
    p.add_argument("--book", action="store_true", help="also write each office's book (see: sar-forms book)")
    p.add_argument("--template", type=Path)
    p.add_argument("--thai-digits", action="store_true")
    converters(p)
    common(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("book", help="write each office's whole report for a fiscal year as one book (.docx and .pdf)")
    p.add_argument("input", type=Path, help="as for batch: .xlsx workbook, .csv file, or a folder of .yaml/.json")
    p.add_argument("-o", "--output", type=Path, required=True, help="output folder (one sub-folder per office)")
    p.add_argument("--no-pdf", action="store_true", help="the .docx only")
    p.add_argument("--pdfa", action="store_true", help="the PDF as PDF/A-2b")
    p.add_argument("--jobs", type=int, default=None, help="LibreOffice workers (default: one per core)")
    p.add_argument("--template", type=Path)
    p.add_argument("--thai-digits", action="store_true")
    converters(p)
    common(p)
    p.set_defaults(func=cmd_book)

    p = sub.add_parser("init-workbook", help="write an empty batch workbook with headers and drop-downs")
    p.add_argument("output", type=Path, help="the .xlsx to write")
    common(p)
    p.set_defaults(func=cmd_init_workbook)

    p = sub.add_parser("import", help="read forms typed in Word (.docx, official layout) back into data (YAML)")
    p.add_argument("input", type=Path, help="a .docx form, or a folder of them")
    p.add_argument("-o", "--output", type=Path, help="the .yaml to write (a folder for a folder); default: print")
    common(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("check", help="a reviewer's checks of a form (data file or .docx) before submission")
    p.add_argument("input", type=Path, help=".yaml/.json data or a .docx form")
    p.add_argument("--strict", action="store_true", help="warnings count as errors (exit 1)")
    common(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("catalog", help="list the standards and indicators known")
    common(p)
    p.set_defaults(func=cmd_catalog)
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
