"""summary.xlsx: a batch's levels at a glance, office x indicator, one sheet per fiscal year.

XlsxWriter (write-only) rather than openpyxl, which reads the batch workbooks: a third of its
import time, paid by every batch command (openpyxl's 0.13 s was a tenth of a 200-form batch). It
is imported when a summary is written, not when this module is: a script that never writes one
never pays for it."""

from __future__ import annotations

import io
from pathlib import Path

from .._fs import atomic_write
from ..domain.catalog import sorted_codes
from .manifest import (
    SUMMARY,
    BatchReport,
    Status,
)

__all__ = ["write_summary"]


def write_summary(report: BatchReport) -> Path:
    """summary.xlsx: per fiscal year, a sheet of office x indicator -> level, colour-scaled, and a
    sheet of the failures. Years never share a cell: FY 2565 level 5 and FY 2566 level 2 of one
    office and indicator stand on two sheets. Every text is written as text, never as a formula
    (a short name ``=HYPERLINK(...)`` stays those characters)."""
    import xlsxwriter  # here, not at the top: see the module's docstring

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    head = wb.add_format({"bold": True, "bg_color": "#D9D9D9", "align": "center"})
    centre = wb.add_format({"align": "center"})
    done = [r for r in report.results if r.office and r.indicator and r.fiscal_year]
    years: list[int | None] = [*sorted({r.fiscal_year for r in done if r.fiscal_year})] or [None]
    for year in years:
        ws = wb.add_worksheet(f"ปีงบประมาณ {year}" if year else "สรุประดับคุณภาพ")
        of_year = [r for r in done if r.fiscal_year == year]
        offices = sorted({r.office for r in of_year})
        codes = sorted_codes({r.indicator for r in of_year})
        ws.write_row(0, 0, ["สำนักงานเขตพื้นที่การศึกษา", *[f"ตัวบ่งชี้ {c}" for c in codes]], head)
        level = {
            (r.office, r.indicator): (r.level if r.status in (Status.PRODUCED, Status.SKIPPED) else "✗")
            for r in of_year
        }
        for row, office in enumerate(offices, 1):
            ws.write_string(row, 0, office)
            for col, code in enumerate(codes, 1):
                value = level.get((office, code), "")
                if isinstance(value, int):
                    ws.write_number(row, col, value, centre)
                elif value:
                    ws.write_string(row, col, value, centre)
        ws.set_column(0, 0, 28)
        if codes and offices:
            ws.conditional_format(
                1, 1, len(offices), len(codes),
                {"type": "3_color_scale", "min_type": "num", "min_value": 1, "min_color": "#F8696B",
                 "mid_type": "num", "mid_value": 3, "mid_color": "#FFEB84",
                 "max_type": "num", "max_value": 5, "max_color": "#63BE7B"},
            )  # fmt: skip
        note = f"ปีงบประมาณ {year}; ✗ = not produced (see sheet failures)" if year else "no form was produced"
        ws.write_string(len(offices) + 2, 0, note)
    fails = wb.add_worksheet("failures")
    fails.write_row(0, 0, ["record", "source", "location", "status", "errors"])
    row = 1
    for r in report.results:
        if r.status not in (Status.PRODUCED, Status.SKIPPED):
            for col, text in enumerate([r.id, r.source, r.location, r.status.value, " | ".join(r.errors)]):
                fails.write_string(row, col, text)
            row += 1
    wb.close()
    return atomic_write(report.out_dir / SUMMARY, buf.getvalue())
