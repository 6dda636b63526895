"""The use cases the CLI, the web workspace and scripts share: an options value in, typed results out.

A face (the ``sar-forms`` command, the web workspace) parses its input, calls these and presents
what they return; it holds no use-case logic, so every face does the same thing the same way.

Each use case's module loads when the use case is first named (``app.batch`` loads the batch,
not the Word importer nor the checks): ``__init__.pyi`` lists them, for type checkers and for
``lazy_loader``, which loads them; a command pays at start only for its own use case.
"""

import lazy_loader as _lazy

from ..forms.options import Options  # every use case takes it: loaded with the package

__getattr__, __dir__, _use_cases = _lazy.attach_stub(__name__, __file__)
__all__ = ["Options", *_use_cases]
