"""Last year's Word forms in: one file or a folder, to data (YAML) with a report of each.

What an import found, guessed and could not place is data (:class:`Imported`); whether the data
makes a form (validates) too, so the face can say "needs editing" and why. Files are written
atomically; a folder's forms are imported one by one, a bad one costing only itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._fs import atomic_write
from ..errors import InputError, SarFormsError
from ..forms.import_report import ImportReport, to_yaml
from ..forms.importer import import_docx
from ..forms.options import Options
from ..inputs.sources import validate_assessment
from ..messages import Text, say
from .reading import collected

__all__ = ["Imported", "import_folder", "import_form"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Imported:
    """One Word form read: its data and the report, the YAML written (and where), and the
    problem that keeps the data from making a form (None when it validates), or the error
    that stopped the import."""

    form: Path
    target: Path | None
    data: dict[str, Any]
    report: ImportReport | None
    yaml: str = ""
    problem: InputError | None = None
    error: SarFormsError | None = None

    @property
    def needs(self) -> list[str]:
        """The fields a person must look at: those not mapped, then those the data lacks or has wrong."""
        unmapped = self.report.unmapped if self.report else []
        fields = [where for where, _text in unmapped if not isinstance(where, Text)]  # not a place on the page
        fields += [f for f, _m in self.problem.problems if f] if self.problem else []
        return list(dict.fromkeys(fields))

    @property
    def ok(self) -> bool:
        """Imported, and the data validates."""
        return self.error is None and self.problem is None


def import_form(form: str | Path, target: str | Path | None = None, options: Options | None = None) -> Imported:
    """Import one form; write its YAML to ``target`` when given; say whether the data validates."""
    opts = options or Options()
    catalog = opts.the_catalog()
    form, out = Path(form), Path(target) if target is not None else None
    data, report = import_docx(form, catalog=catalog)
    text = to_yaml(data, report)
    if out is not None:
        atomic_write(out, text.encode("utf-8"))
    problem = None
    try:
        with collected(str(out or form), None):  # cleaned characters are in the YAML already
            validate_assessment(data, catalog=catalog, source=str(out or form))
    except InputError as exc:
        problem = exc
    return Imported(form, out, data, report, text, problem)


def import_folder(
    folder: str | Path,
    out_dir: str | Path,
    options: Options | None = None,
    *,
    on_result: Callable[[Imported], None] | None = None,
) -> list[Imported]:
    """Import every .docx under ``folder`` (Word's ``~$`` lock files left out) to the same place
    under ``out_dir`` as .yaml; :class:`InputError` if there is none."""
    folder, out = Path(folder), Path(out_dir)
    forms = sorted(f for f in folder.rglob("*.docx") if not f.name.startswith("~$"))
    if not forms:
        raise InputError(say("input.no_docx"), source=str(folder))
    results = []
    for form in forms:
        target = out / form.relative_to(folder).with_suffix(".yaml")
        try:
            result = import_form(form, target, options)
        except SarFormsError as exc:
            result = Imported(form, target, {}, None, error=exc)
        except Exception as exc:  # a fault of ours on one stranger's file costs that file only
            _log.warning("importing %s failed", form, exc_info=True)  # for a log; the user gets its error
            error = InputError(
                say("input.unexpected", kind=type(exc).__name__, reason=str(exc)[:300]), source=str(form)
            )
            result = Imported(form, target, {}, None, error=error)
        results.append(result)
        if on_result:
            on_result(result)
    return results
