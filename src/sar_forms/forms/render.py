"""(template, assessment) -> .docx bytes: the form's template, prepared once, and its context.

:class:`FormRenderer` joins a template compiled once (:class:`sar_forms.ooxml.template.CompiledTemplate`)
to the indicator form's context (:func:`sar_forms.forms.context.template_context`) and document
properties (:mod:`sar_forms.forms.metadata`); :func:`renderer_for` keeps one per template file
while the file is unchanged.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from .._fs import atomic_write
from ..domain.models import Assessment
from ..ooxml.template import CompiledTemplate, ContextFactory, render_with_docxtpl
from .context import Digits, template_context
from .metadata import set_core_properties

__all__ = ["DEFAULT_TEMPLATE", "FormRenderer", "default_template", "renderer_for"]

DEFAULT_TEMPLATE = "indicator_form.docx"


def default_template() -> Path:
    """The official form template shipped inside the package."""
    # The package is installed as files, so the traversable is a real path.
    return Path(str(resources.files("sar_forms").joinpath("templates", DEFAULT_TEMPLATE)))


class FormRenderer:
    """Renders assessments into one form template; keep one for many documents (thread-safe)."""

    def __init__(
        self, template: str | Path | None = None, *, digits: Digits = "arabic", word_breaks: bool = False
    ) -> None:
        self.template = Path(template) if template is not None else default_template()
        self.digits: Digits = digits
        self.word_breaks = word_breaks  # for the copy converted to PDF (see linebreak.thai_word_breaks)
        self.compiled = CompiledTemplate(self.template)

    def _context(self, assessment: Assessment) -> ContextFactory:
        return lambda links: template_context(assessment, links, digits=self.digits, word_breaks=self.word_breaks)

    def render(self, assessment: Assessment) -> bytes:
        """The .docx of ``assessment``, as bytes."""
        # the form's context (forms.context) holds text, links and lists: never an image to refuse
        return self.compiled.render(
            self._context(assessment), lambda cp: set_core_properties(cp, assessment), plain_context=True
        )

    def render_with_docxtpl(self, assessment: Assessment) -> bytes:
        """The same document through plain docxtpl (the slow reference path)."""
        return render_with_docxtpl(
            self.template, self._context(assessment), lambda cp: set_core_properties(cp, assessment)
        )

    def write(self, assessment: Assessment, path: str | Path) -> Path:
        """Render ``assessment`` to ``path`` atomically; nothing is left behind on failure."""
        return atomic_write(path, self.render(assessment))


@functools.lru_cache(maxsize=16)
def _cached_renderer(template: Path, mtime_ns: int, size: int, digits: Digits, word_breaks: bool) -> FormRenderer:
    return FormRenderer(template, digits=digits, word_breaks=word_breaks)


def renderer_for(
    template: str | Path | None = None, digits: Digits = "arabic", *, word_breaks: bool = False
) -> FormRenderer:
    """A prepared renderer of ``template``, kept while the file is unchanged (preparing costs ~30 ms)."""
    path = (Path(template) if template is not None else default_template()).resolve()
    try:
        st = path.stat()
    except OSError:
        return FormRenderer(path, digits=digits)  # raises TemplateError naming the file
    return _cached_renderer(path, st.st_mtime_ns, st.st_size, digits, word_breaks)
