"""(template, assessment) -> .docx bytes, through docxtpl with autoescape and StrictUndefined."""

from __future__ import annotations

import io
import zipfile
from importlib import resources
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate

from ._fs import atomic_write
from .context import Digits, template_context
from .errors import TemplateError
from .models import Assessment

__all__ = ["FormRenderer", "default_template", "normalize_docx", "render_docx"]

DEFAULT_TEMPLATE = "indicator_form.docx"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def default_template() -> Path:
    """The official form template shipped inside the package."""
    ref = resources.files("sar_forms").joinpath("templates", DEFAULT_TEMPLATE)
    # The package is installed as files, so the traversable is a real path.
    return Path(str(ref))


def jinja_env() -> jinja2.Environment:
    """Autoescape on (an ``&`` or ``<`` in the data would otherwise break the XML and docxtpl's
    lenient parser would silently drop text); undefined variables are errors, not blanks."""
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def normalize_docx(data: bytes) -> bytes:
    """Rewrite a .docx zip with fixed timestamps, in its own order: equal input, equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


class FormRenderer:
    """Renders assessments into one template; keep one for many documents."""

    def __init__(self, template: str | Path | None = None, *, digits: Digits = "arabic") -> None:
        self.template = Path(template) if template is not None else default_template()
        if not self.template.is_file():
            raise TemplateError("no such template file", template=str(self.template))
        self.digits: Digits = digits
        self._template_bytes = self.template.read_bytes()

    def render(self, assessment: Assessment) -> bytes:
        """The .docx of ``assessment``, as bytes."""
        tpl = DocxTemplate(io.BytesIO(self._template_bytes))
        context = template_context(assessment, tpl, digits=self.digits)
        try:
            tpl.render(context, jinja_env())
        except jinja2.TemplateError as exc:
            raise TemplateError(exc.message or str(exc), template=str(self.template),
                                line=getattr(exc, "lineno", None)) from exc
        set_core_properties(tpl, assessment)
        buf = io.BytesIO()
        tpl.save(buf)
        return normalize_docx(buf.getvalue())

    def write(self, assessment: Assessment, path: str | Path) -> Path:
        """Render ``assessment`` to ``path`` atomically; nothing is left behind on failure."""
        return atomic_write(path, self.render(assessment))


def set_core_properties(tpl: DocxTemplate, a: Assessment) -> None:
    """Title, author, subject and language of the document, for archives and PDF metadata."""
    cp = tpl.docx.core_properties
    cp.title = f"มาตรฐานที่ {a.standard.number} ตัวบ่งชี้ที่ {a.indicator.code} {a.indicator.title}"
    cp.author = a.office.name
    cp.subject = f"รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา ปีงบประมาณ พ.ศ. {a.fiscal_year}"
    cp.keywords = f"{a.office.short_name}; {a.indicator.code}; {a.fiscal_year}"
    cp.language = "th-TH"


def render_docx(
    assessment: Assessment, path: str | Path, *, template: str | Path | None = None, digits: Digits = "arabic"
) -> Path:
    """Render one assessment to a .docx file at ``path`` (written atomically)."""
    return FormRenderer(template, digits=digits).write(assessment, path)
