"""The public API of sar_forms, for type checkers and for the lazy loading in ``__init__.py``:
which module each public name comes from."""

from ._version import __version__
from .domain.catalog import Catalog, Indicator, Standard, default_catalog, load_catalog, points_rubric
from .domain.check import Finding, check_assessment
from .domain.models import (
    Assessment,
    Evidence,
    EvidenceDocument,
    Item,
    Narrative,
    Office,
    Person,
    PointFact,
    Reference,
    SignOff,
)
from .errors import (
    CatalogError,
    ConversionError,
    ConverterUnavailable,
    FontError,
    InputError,
    OutputError,
    SarFormsError,
    SarFormsWarning,
    TemplateError,
    TextCleanedWarning,
)
from .forms.context import template_context
from .forms.import_report import ImportReport
from .forms.importer import import_docx
from .forms.options import Options
from .forms.produce import FormProducer, Produced, render_docx, render_pdf
from .forms.render import FormRenderer
from .inputs.sources import load_assessment, validate_assessment
from .inputs.tables import Record, read_records
from .pdf.convert import Converter, LibreOfficeConverter
from .pdf.fake import FakeConverter
from .run.batch import run_batch
from .run.book import run_books
from .run.manifest import BatchReport, Result

__all__ = [
    "Assessment",
    "BatchReport",
    "Catalog",
    "CatalogError",
    "ConversionError",
    "Converter",
    "ConverterUnavailable",
    "Evidence",
    "EvidenceDocument",
    "FakeConverter",
    "Finding",
    "FontError",
    "FormProducer",
    "FormRenderer",
    "ImportReport",
    "Indicator",
    "InputError",
    "Item",
    "LibreOfficeConverter",
    "Narrative",
    "Office",
    "Options",
    "OutputError",
    "Person",
    "PointFact",
    "Produced",
    "Record",
    "Reference",
    "Result",
    "SarFormsError",
    "SarFormsWarning",
    "SignOff",
    "Standard",
    "TemplateError",
    "TextCleanedWarning",
    "__version__",
    "check_assessment",
    "default_catalog",
    "import_docx",
    "load_assessment",
    "load_catalog",
    "points_rubric",
    "read_records",
    "render_docx",
    "render_pdf",
    "run_batch",
    "run_books",
    "template_context",
    "validate_assessment",
]
