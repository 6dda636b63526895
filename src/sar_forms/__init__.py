"""sar_forms: the official Thai self-assessment report forms of ESA offices, as Word and PDF.

The package's floors, bottom up: ``domain`` (text rules, catalogue, models, checks), ``ooxml``
(packages, templates, composing, reading Word pages), ``pdf`` (converters, fonts, pagination,
post-processing), ``forms`` (the indicator form: context, rendering, properties, names, import),
``inputs`` (files, workbooks, CSV), ``run`` (batches, books), ``app`` (the use cases every face
shares), and the faces on top (``cli``). The names below are the public API.

A public name is imported when it is first used (``sar_forms.render_docx`` loads the renderer,
not the Word importer nor the books): ``__init__.pyi`` says where each one lives, for type
checkers and for ``lazy_loader``, which loads it (scientific Python's SPEC 1). A command or a
script thus pays at start only for what it uses.
"""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
