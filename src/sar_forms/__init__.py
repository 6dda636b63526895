"""sar_forms: the official Thai self-assessment report forms of ESA offices, as Word and PDF."""

from .catalog import Catalog, Indicator, Standard, default_catalog, load_catalog, points_rubric
from .context import template_context
from .convert import Converter, LibreOfficeConverter, render_pdf
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
from .render import FormRenderer, render_docx
from .sources import load_assessment, validate_assessment

__version__ = "0.1.0"

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
    "FormRenderer",
    "Indicator",
    "InputError",
    "Item",
    "Narrative",
    "Office",
    "PointFact",
    "Reference",
    "SarFormsError",
    "SarFormsWarning",
    "Standard",
    "TemplateError",
    "TextCleanedWarning",
    "default_catalog",
    "load_assessment",
    "load_catalog",
    "points_rubric",
    "render_docx",
    "render_pdf",
    "template_context",
    "validate_assessment",
]
