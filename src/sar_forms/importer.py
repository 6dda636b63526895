"""The Word import under its name before the package had floors (``sar_forms.importer.import_docx``,
as the README gave it): kept so that scripts written against it go on working. New code imports
from :mod:`sar_forms`."""

from .forms.import_report import ImportReport, to_yaml
from .forms.importer import import_docx

__all__ = ["ImportReport", "import_docx", "to_yaml"]
