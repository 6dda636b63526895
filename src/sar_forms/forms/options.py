"""One frozen value for what a use case is asked to do: template, catalogue, digits, PDF, PDF/A,
chunk, jobs, converter, resume.

The same bundle used to travel as loose parameters (cli -> run_batch -> plan -> job -> producer
-> renderer, and again for the resume hash); now the CLI, the web workspace and a user's script
make one :class:`Options` and every use case takes it. It lives on the forms floor because the
producer is made from it; the batch, the books and the application layer above all read it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..domain.catalog import Catalog, default_catalog
from .context import Digits
from .render import default_template

if TYPE_CHECKING:  # a type only: options that make .docx files need no PDF floor
    from ..pdf.convert import Converter

__all__ = ["CHUNK", "Options"]

#: Forms converted in one merged document, at most: LibreOffice's cost per document loaded is
#: paid once per chunk (see benchmarks/pdf.py); a chunk that fails costs its forms a second try.
CHUNK = 10


@dataclass(frozen=True)
class Options:
    """What to make and how.

    ``template``: a .docx template instead of the official form. ``catalog``: the standards and
    indicators (the shipped catalogue when None). ``digits``: ``"thai"`` writes numbers in Thai
    digits. ``pdf``/``pdfa``: also make PDFs, as PDF/A-2b. ``chunk``: forms per merged PDF
    conversion. ``jobs``: processes (default one per core). ``converter``: the PDF converter to
    use (whoever made it closes it; without one, a use case starts local LibreOffice for its own
    run and stops it). ``resume``: skip records whose outputs are up to date. ``timeout``:
    seconds a local LibreOffice may take for one document.
    """

    template: Path | None = None
    catalog: Catalog | None = field(default=None, compare=False, repr=False)
    digits: Digits = "arabic"
    pdf: bool = False
    pdfa: bool = False
    chunk: int = CHUNK
    jobs: int | None = None
    converter: Converter | None = field(default=None, compare=False, repr=False)
    resume: bool = False
    timeout: float = 120.0

    def __post_init__(self) -> None:
        if self.template is not None and not isinstance(self.template, Path):
            object.__setattr__(self, "template", Path(self.template))
        if self.digits not in ("arabic", "thai"):
            raise ValueError(f"digits is 'arabic' or 'thai', not {self.digits!r}")
        if self.chunk < 1:
            raise ValueError(f"chunk is at least 1, not {self.chunk}")
        if self.jobs is not None and self.jobs < 1:
            raise ValueError(f"jobs is at least 1, not {self.jobs}")

    def but(self, **changes: Any) -> Options:
        """These options with ``changes`` (field names as keywords); an unknown name is a TypeError."""
        return dataclasses.replace(self, **changes) if changes else self

    def the_catalog(self) -> Catalog:
        return self.catalog if self.catalog is not None else default_catalog()

    def settings_key(self) -> bytes:
        """Everything of these options an output depends on, as bytes to hash with the data: the
        template's bytes, the digits, PDF and PDF/A, and this version of sar_forms (resume)."""
        template_sha = hashlib.sha256((self.template or default_template()).read_bytes()).hexdigest()
        return json.dumps([template_sha, self.digits, self.pdf, self.pdfa, __version__]).encode("utf-8")
