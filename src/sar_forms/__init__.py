"""sar_forms: the official Thai self-assessment report forms of ESA offices, as Word and PDF."""

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
    SarFormsError,
    SarFormsWarning,
    TemplateError,
    TextCleanedWarning,
)
from .forms.context import template_context
from .forms.import_report import ImportReport
from .forms.importer import import_docx
from .forms.produce import FormProducer, Produced, render_docx, render_pdf
from .forms.render import FormRenderer
from .inputs.sources import load_assessment, validate_assessment
from .pdf.convert import Converter, LibreOfficeConverter

__all__ = [
    "Assessment",
    "Catalog",
    "Converter",
    "LibreOfficeConverter",
    "CatalogError",
    "ConversionError",
    "ConverterUnavailable",
    "Evidence",
    "EvidenceDocument",
    "Finding",
    "FontError",
    "FormProducer",
    "FormRenderer",
    "ImportReport",
    "Indicator",
    "InputError",
    "Item",
    "Narrative",
    "Office",
    "Person",
    "PointFact",
    "Produced",
    "Reference",
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
    "render_docx",
    "render_pdf",
    "template_context",
    "validate_assessment",
]
