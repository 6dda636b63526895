"""The batch under its name before the package had floors (``sar_forms.batch.run_batch``): kept so
that scripts written against it go on working. New code imports from :mod:`sar_forms`."""

from .forms.naming import output_paths, safe_name
from .run.batch import CHUNK, run_batch
from .run.manifest import BatchReport, Result, Status

__all__ = ["CHUNK", "BatchReport", "Result", "Status", "output_paths", "run_batch", "safe_name"]
