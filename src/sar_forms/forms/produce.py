"""One owner of "assessment -> files": the .docx, the copy that becomes the PDF, and writing them
with sha256s.

The .docx a user gets and the copy converted to PDF (Thai word boundaries marked for LibreOffice:
:func:`sar_forms.domain.linebreak.thai_word_breaks`) are rendered here from one template; the PDF
is made from the copy by the PDF floor's recipe (:mod:`sar_forms.pdf.recipe`: convert, keep
headings with what follows them, set the language, make it reproducible), after one check that
the converter sets the template's Thai font in a Thai font. The converter is always given (any
:class:`~sar_forms.pdf.convert.Converter`); the producer never starts one. ``render_docx`` and
``render_pdf`` are thin wrappers for one form; batches keep one producer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from .._deferred import on_first_call
from .._fs import atomic_write
from ..domain.models import Assessment
from ..domain.text import fiscal_year_span
from ..errors import ConversionError, FontError, SarFormsError
from ..messages import say
from ..ooxml.names import w as _w
from ..ooxml.package import read_part
from .context import Digits
from .options import Options
from .render import FormRenderer, renderer_for

if TYPE_CHECKING:
    from ..pdf.convert import Converter, LibreOfficeConverter
    from ..pdf.recipe import Pushed, pdf_from_copy, pdfs_from_copies, settle_merged
else:  # the PDF floor loads with the first PDF: a producer of .docx files never needs it
    LibreOfficeConverter = on_first_call("sar_forms.pdf.convert", "LibreOfficeConverter")
    pdf_from_copy = on_first_call("sar_forms.pdf.recipe", "pdf_from_copy")
    pdfs_from_copies = on_first_call("sar_forms.pdf.recipe", "pdfs_from_copies")
    settle_merged = on_first_call("sar_forms.pdf.recipe", "settle_merged")

__all__ = [
    "FormProducer",
    "Produced",
    "document_date",
    "docx_to_pdf",
    "render_docx",
    "render_pdf",
    "template_thai_font",
]


def template_thai_font(template: Path) -> str:
    """The complex-script font a template's document defaults name (TH Sarabun New here)."""
    styles = etree.fromstring(read_part(template, "word/styles.xml") or b"<none/>")
    fonts = styles.find("/".join(map(_w, ("docDefaults", "rPrDefault", "rPr", "rFonts"))))
    font = fonts.get(_w("cs")) if fonts is not None else None
    if not font:
        raise FontError(say("template.no_cs_font"), document=str(template))
    return str(font)


@dataclass(frozen=True)
class Produced:
    """The files one form became, with the sha256 of each (empty where not asked for)."""

    docx: Path | None = None
    docx_sha256: str = ""
    pdf: Path | None = None
    pdf_sha256: str = ""


def document_date(assessment: Assessment | None = None) -> dt.datetime:
    """The date a form's PDF carries: ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds
    convention), else the last day of the form's fiscal year, so that the same data always makes
    the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    if assessment is not None:
        end = fiscal_year_span(assessment.fiscal_year)[1]
        return dt.datetime(end.year, end.month, end.day, tzinfo=dt.timezone.utc)
    return dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


class FormProducer:
    """Makes the files of forms from assessments, with one template, options and converter.

    ``converter`` is needed only for PDFs; whoever made it closes it. Safe to use from several
    threads at once (a batch converts on as many threads as its converter has workers).
    """

    def __init__(
        self,
        template: str | Path | None = None,
        *,
        digits: Digits = "arabic",
        converter: Converter | None = None,
        pdfa: bool = False,
    ) -> None:
        self.docx_renderer: FormRenderer = renderer_for(template, digits)
        self.template = self.docx_renderer.template
        self.digits, self.converter, self.pdfa = digits, converter, pdfa
        self._checked_font = threading.Event()

    @classmethod
    def of(cls, options: Options, converter: Converter | None = None) -> FormProducer:
        """A producer with ``options``' template, digits and PDF/A, and ``converter`` (else the options')."""
        return cls(options.template, digits=options.digits, converter=converter or options.converter, pdfa=options.pdfa)

    def docx(self, assessment: Assessment) -> bytes:
        """The form as .docx bytes."""
        return self.docx_renderer.render(assessment)

    def pdf_copy(self, assessment: Assessment) -> bytes:
        """The .docx that becomes the PDF: Thai word boundaries marked for LibreOffice's line breaking."""
        return renderer_for(self.template, self.digits, word_breaks=True).render(assessment)

    def check_font(self) -> None:
        """The pre-flight, once: the converter sets the template's Thai font in a Thai font."""
        if not self._checked_font.is_set():
            self.require_converter().check_font(template_thai_font(self.template))
            self._checked_font.set()

    def pdf_from_copy(self, copy: bytes, when: dt.datetime | None = None) -> bytes:
        self.check_font()
        return pdf_from_copy(copy, self.require_converter(), pdfa=self.pdfa, when=when or document_date())

    def pdfs_from_copies(
        self, copies: Sequence[bytes], whens: Sequence[dt.datetime], *, defer_pushed: bool = False
    ) -> list[bytes | SarFormsError | Pushed]:
        """The PDFs of many forms' copies, converted together (:func:`pdfs_from_copies`, forms
        pushed left as :class:`Pushed` with ``defer_pushed``); if that fails, each form alone, so
        that one bad form costs only itself: its item is then the error."""
        self.check_font()
        if len(copies) > 1 and not self.pdfa:
            try:
                converter = self.require_converter()
                out: list[bytes | SarFormsError | Pushed] = [
                    *pdfs_from_copies(copies, converter, whens=whens, defer_pushed=defer_pushed)
                ]
                return out
            except SarFormsError:
                pass  # one by one below: the failure is told by the form that causes it
        return [*self._one_by_one(copies, whens)]

    def pdfs_from_pushed(self, pushed: Sequence[Pushed]) -> list[bytes | SarFormsError]:
        """The PDFs of forms left :class:`Pushed` by merged conversions (of any chunks), converted
        together, pushed again if need be; if that fails, each form alone, from its copy."""
        self.check_font()
        keepers = [item.keeper for item in pushed]
        for k, keeper in enumerate(keepers):
            keeper.retag(str(k))  # tell them apart in one document
        copies, whens = [item.copy for item in pushed], [item.when for item in pushed]
        try:
            pushes = min(item.pushes_left for item in pushed)
            settled = settle_merged(copies, keepers, self.require_converter(), self.pdfa, whens, pushes, False)
        except SarFormsError:
            return self._one_by_one(copies, whens)
        out: list[bytes | SarFormsError] = []
        for result in settled:  # not deferred: every one is a PDF
            assert isinstance(result, bytes)
            out.append(result)
        return out

    def _one_by_one(self, copies: Sequence[bytes], whens: Sequence[dt.datetime]) -> list[bytes | SarFormsError]:
        out: list[bytes | SarFormsError] = []
        for copy, when in zip(copies, whens, strict=True):
            try:
                out.append(self.pdf_from_copy(copy, when))
            except SarFormsError as exc:
                out.append(exc)
        return out

    def pdf(self, assessment: Assessment) -> bytes:
        """The form as PDF bytes (through the converter); the same data gives the same bytes."""
        return self.pdf_from_copy(self.pdf_copy(assessment), document_date(assessment))

    def write(
        self, assessment: Assessment, *, docx: str | Path | None = None, pdf: str | Path | None = None
    ) -> Produced:
        """Write the form to ``docx`` and/or ``pdf``, each atomically: a file appears whole or not at all."""
        out = Produced()
        if docx is not None:
            data = self.docx(assessment)
            out = Produced(atomic_write(docx, data), hashlib.sha256(data).hexdigest())
        if pdf is not None:
            data = self.pdf(assessment)
            out = Produced(out.docx, out.docx_sha256, atomic_write(pdf, data), hashlib.sha256(data).hexdigest())
        return out

    def require_converter(self) -> Converter:
        """The converter given, or :class:`ConversionError` if none was (a .docx-only producer)."""
        if self.converter is None:
            raise ConversionError(say("pdf.no_converter"))
        return self.converter


def render_docx(
    assessment: Assessment, path: str | Path, *, template: str | Path | None = None, digits: Digits = "arabic"
) -> Path:
    """Render one assessment to a .docx file at ``path`` (written atomically)."""
    produced = FormProducer(template, digits=digits).write(assessment, docx=path)
    assert produced.docx is not None
    return produced.docx


def render_pdf(
    assessment: Assessment,
    path: str | Path,
    *,
    template: str | Path | None = None,
    digits: Digits = "arabic",
    pdfa: bool = False,
    converter: Converter | None = None,
) -> Path:
    """Render one assessment to a PDF file at ``path`` (written atomically).

    Without a ``converter`` one LibreOffice is started for this document and stopped after;
    for many documents keep a :class:`LibreOfficeConverter` and pass it.
    """
    with contextlib.ExitStack() as stack:
        if converter is None:
            converter = stack.enter_context(LibreOfficeConverter(workers=1))
        produced = FormProducer(template, digits=digits, converter=converter, pdfa=pdfa).write(assessment, pdf=path)
    assert produced.pdf is not None
    return produced.pdf


def docx_to_pdf(docx: Path, path: Path, converter: Converter, *, pdfa: bool = False) -> Path:
    """Convert a .docx made for PDF (see :meth:`FormProducer.pdf_copy`) to a finished PDF at ``path``."""
    return atomic_write(path, pdf_from_copy(Path(docx).read_bytes(), converter, pdfa=pdfa, when=document_date()))
