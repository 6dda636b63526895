"""A new fiscal year from last year's form: the data carried over, the year (and round) set, and
what still names last year found for the user to edit.

Nothing is rewritten in the texts: a document titled "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2565"
is last year's document, and this year's may have another title or not exist yet; the check says
where last year is still named, the user decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._fs import atomic_write
from .._yaml import dump_yaml
from ..domain.check import Finding, check_assessment
from ..forms.import_report import ordered
from ..forms.importer import import_docx
from ..forms.options import Options
from ..inputs.sources import read_data, validate_assessment
from ..messages import render, say
from .reading import OnWarning, collected

__all__ = ["NextYear", "next_year"]


@dataclass(frozen=True)
class NextYear:
    """The form carried into ``fiscal_year``: its data, the YAML written (and where), and the
    reviewer's findings on it (last year's words among them)."""

    source: Path
    target: Path | None
    data: dict[str, Any]
    yaml: str
    findings: tuple[Finding, ...]


def next_year(
    source: str | Path,
    fiscal_year: int,
    options: Options | None = None,
    *,
    round: int | None = None,
    target: str | Path | None = None,
    on_warning: OnWarning | None = None,
) -> NextYear:
    """Last year's form (data file or Word form) as this year's data: the fiscal year (and round)
    set, validated, the findings that name another year or round; YAML written to ``target``."""
    opts = options or Options()
    path = Path(source)
    catalog = opts.the_catalog()
    with collected(str(path), on_warning):
        if path.suffix.lower() == ".docx":
            data, _report = import_docx(path, catalog=catalog)
        else:
            data = read_data(path)
        if not isinstance(data, dict):
            data = {}
        data = ordered({**data, "fiscal_year": fiscal_year, **({"round": round} if round is not None else {})})
        a = validate_assessment(data, catalog=catalog, source=str(path))
    findings = tuple(check_assessment(a))
    head = [f"# {render(say('years.carried', source=str(path), year=fiscal_year))}"]
    head += [f"# {f}" for f in findings]
    text = "\n".join(head) + "\n" + dump_yaml(data)
    out = Path(target) if target is not None else None
    if out is not None:
        atomic_write(out, text.encode("utf-8"))
    return NextYear(path, out, data, text, findings)
