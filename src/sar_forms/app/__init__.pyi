"""The use cases of sar_forms.app, for type checkers and for the lazy loading in ``__init__.py``
(lazy_loader reads the ``from .module import`` lines only)."""

import sar_forms.forms.options as _options

from .batches import BatchOutcome, batch, books, count
from .forms import CheckReport, check, load, preview, render, validate
from .imports import Imported, import_folder, import_form
from .reading import OnWarning
from .years import NextYear, next_year

Options = _options.Options

__all__ = [
    "BatchOutcome",
    "CheckReport",
    "Imported",
    "NextYear",
    "OnWarning",
    "Options",
    "batch",
    "books",
    "check",
    "count",
    "import_folder",
    "import_form",
    "load",
    "next_year",
    "preview",
    "render",
    "validate",
]
