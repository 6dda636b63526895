"""One form's use cases: validate, render, draw a page, check before submission.

Each takes the file it reads and an :class:`~sar_forms.forms.options.Options`, and returns a
typed result; none prints. The CLI, the web workspace and a user's script call these.
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..domain.check import Finding, check_assessment, check_urls
from ..domain.models import Assessment
from ..errors import InputError
from ..forms.importer import import_docx
from ..forms.options import Options
from ..forms.produce import FormProducer, Produced
from ..inputs.sources import load_assessment, read_data, validate_assessment
from ..inputs.tables import Record, read_records
from ..messages import say
from ..pdf.convert import LibreOfficeConverter
from ..pdf.postprocess import pdf_page_to_png
from .reading import OnWarning, collected, reading

__all__ = ["CheckReport", "check", "load", "preview", "render", "validate"]


def load(source: str | Path, options: Options | None = None, *, on_warning: OnWarning | None = None) -> Assessment:
    """The validated assessment of a YAML or JSON file: :class:`InputError` naming the file and field."""
    opts = options or Options()
    with collected(str(source), on_warning):
        return load_assessment(source, catalog=opts.the_catalog())


def render(
    source: str | Path | Assessment,
    options: Options | None = None,
    *,
    docx: str | Path | None = None,
    pdf: str | Path | None = None,
    on_warning: OnWarning | None = None,
) -> Produced:
    """Write one form's .docx and/or PDF (each atomically) from a data file or an assessment. A
    PDF is converted by the options' converter, or by a LibreOffice started for this form alone."""
    opts = options or Options()
    a = source if isinstance(source, Assessment) else load(source, opts, on_warning=on_warning)
    with contextlib.ExitStack() as stack:
        converter = opts.converter
        if pdf is not None and converter is None:
            converter = stack.enter_context(contextlib.closing(LibreOfficeConverter(workers=1, timeout=opts.timeout)))
        return FormProducer.of(opts, converter).write(a, docx=docx, pdf=pdf)


def preview(
    source: str | Path | Assessment,
    png: str | Path,
    options: Options | None = None,
    *,
    page: int = 1,
    dpi: int = 100,
    on_warning: OnWarning | None = None,
) -> Path:
    """Draw one page of the form's PDF as PNG (the PDF made as ``render`` makes it)."""
    with tempfile.TemporaryDirectory(prefix="sar-forms-preview-") as tmp:
        made = render(source, options, pdf=Path(tmp) / "form.pdf", on_warning=on_warning)
        assert made.pdf is not None
        return pdf_page_to_png(made.pdf, png, page=page, dpi=dpi)


def validate(
    source: str | Path, options: Options | None = None, *, on_warning: OnWarning | None = None
) -> list[Record]:
    """Every record of ``source`` validated, as a batch would read it: a YAML or JSON file gives
    one, a workbook, a CSV file or a folder one per form; a record that does not validate carries
    its error (naming its sheet and row, or its file, and the field)."""
    opts = options or Options()
    path = Path(source)
    if path.is_file() and path.suffix.lower() in (".yaml", ".yml", ".json"):
        try:
            return [
                Record(id=path.stem, source=str(path), location="", assessment=load(path, opts, on_warning=on_warning))
            ]
        except InputError as exc:
            return [Record(id=path.stem, source=str(path), location="", error=exc)]
    return list(reading(read_records(path, catalog=opts.the_catalog()), str(path), on_warning))


@dataclass(frozen=True)
class CheckReport:
    """A reviewer's findings on one form, each naming its field; what blocks a submission."""

    source: str
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def passed(self, *, strict: bool = False) -> bool:
        """No error (and, ``strict``, no warning either)."""
        return not self.errors and not (strict and self.warnings)


def check(source: str | Path, options: Options | None = None, *, on_warning: OnWarning | None = None) -> CheckReport:
    """A reviewer's checks of a data file or a Word form: the schema's problems as errors, each
    beside its field, else the reviewer's findings (:func:`~sar_forms.domain.check.check_assessment`)."""
    opts = options or Options()
    path = Path(source)
    catalog = opts.the_catalog()
    if path.suffix.lower() not in (".docx", ".yaml", ".yml", ".json"):
        raise InputError(say("input.check_kinds"), source=str(path))
    if path.suffix.lower() == ".docx":
        with collected(str(path), None):  # the import's own notes are its report, not warnings here
            data, _report = import_docx(path, catalog=catalog)
    else:
        data = read_data(path)
    findings = check_urls(data)
    if not findings:
        try:
            with collected(str(path), on_warning):
                a = validate_assessment(data, catalog=catalog, source=str(path))
        except InputError as exc:
            findings = [Finding("error", field or "form", message) for field, message in exc.problems]
        else:
            findings = check_assessment(a)
    return CheckReport(str(path), tuple(findings))
