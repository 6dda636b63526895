"""A function that loads its module only when it is first called.

Where a floor needs a heavy module for one path only (the Word importer for a folder holding a
.docx, the books when books are asked for, the web workspace for ``serve``), it calls a stand-in
made here instead of importing the module at its top; the module is imported on the first call,
under Python's import lock. A type checker is shown the real function through an import under
``TYPE_CHECKING``, which also keeps the layering test's view of the imports whole.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["on_first_call"]


def on_first_call(module: str, name: str) -> Callable[..., Any]:
    """A stand-in for ``module.name`` that imports ``module`` when it is first called."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"``{module}.{name}``, imported when first called."
    return call
