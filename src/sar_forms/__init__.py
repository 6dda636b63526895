"""sar_forms: the official Thai self-assessment report forms of ESA offices, as Word and PDF."""

from ._version import __version__
from .catalog import Catalog, Indicator, Standard, default_catalog, load_catalog, points_rubric
from .context import template_context
from .convert import Converter, LibreOfficeConverter
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
from .models import Assessment, Evidence, EvidenceDocument, Item, Narrative, Office, PointFact, Reference
from .produce import FormProducer, Produced, render_docx, render_pdf
from .render import FormRenderer
from .sources import load_assessment, validate_assessment

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
    "FontError",
    "FormProducer",
    "FormRenderer",
    "Indicator",
    "InputError",
    "Item",
    "Narrative",
    "Office",
    "PointFact",
    "Produced",
    "Reference",
    "SarFormsError",
    "SarFormsWarning",
    "Standard",
    "TemplateError",
    "TextCleanedWarning",
    "__version__",
    "default_catalog",
    "load_assessment",
    "load_catalog",
    "points_rubric",
    "render_docx",
    "render_pdf",
    "template_context",
    "validate_assessment",
]
