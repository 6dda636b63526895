"""The use cases the CLI, the web workspace and scripts share: an options value in, typed results out.

A face (``cli.py``, the web workspace) parses its input, calls these and presents what they
return; it holds no use-case logic, so every face does the same thing the same way.
"""

from ..forms.options import Options
from .batches import BatchOutcome, batch, books, count
from .forms import CheckReport, check, load, preview, render, validate
from .imports import Imported, import_folder, import_form
from .reading import OnWarning
from .years import NextYear, next_year

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
