"""summary.xlsx: a batch's levels at a glance, office x indicator, one sheet per fiscal year.

openpyxl is imported when a summary is written, not when this module is: a batch command pays
for it (a fifth of a second) only at its end, and a script that never writes one never does."""

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
    office and indicator stand on two sheets."""
    import openpyxl  # here, not at the top: see the module's docstring
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    done = [r for r in report.results if r.office and r.indicator and r.fiscal_year]
    years: list[int | None] = [*sorted({r.fiscal_year for r in done if r.fiscal_year})] or [None]
    for year in years:
        ws = wb.create_sheet(f"ปีงบประมาณ {year}" if year else "สรุประดับคุณภาพ")
        of_year = [r for r in done if r.fiscal_year == year]
        offices = sorted({r.office for r in of_year})
        codes = sorted_codes({r.indicator for r in of_year})
        ws.append(["สำนักงานเขตพื้นที่การศึกษา", *[f"ตัวบ่งชี้ {c}" for c in codes]])
        for cell in ws[1]:
            cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")
            cell.alignment = Alignment(horizontal="center")
        level = {
            (r.office, r.indicator): (r.level if r.status in (Status.PRODUCED, Status.SKIPPED) else "✗")
            for r in of_year
        }
        for office in offices:
            ws.append([office, *[level.get((office, c), "") for c in codes]])
        ws.column_dimensions["A"].width = 28
        if codes and offices:
            area = f"B2:{openpyxl.utils.get_column_letter(len(codes) + 1)}{len(offices) + 1}"
            ws.conditional_formatting.add(
                area,
                ColorScaleRule(
                    start_type="num",
                    start_value=1,
                    start_color="F8696B",
                    mid_type="num",
                    mid_value=3,
                    mid_color="FFEB84",
                    end_type="num",
                    end_value=5,
                    end_color="63BE7B",
                ),
            )
            for row in ws.iter_rows(min_row=2, min_col=2):
                for cell in row:
                    cell.alignment = Alignment(horizontal="center")
        ws.append([])
        ws.append([f"ปีงบประมาณ {year}; ✗ = not produced (see sheet failures)" if year else "no form was produced"])
    fails = wb.create_sheet("failures")
    fails.append(["record", "source", "location", "status", "errors"])
    for r in report.results:
        if r.status not in (Status.PRODUCED, Status.SKIPPED):
            fails.append([r.id, r.source, r.location, r.status.value, " | ".join(r.errors)])
    buf = io.BytesIO()
    wb.save(buf)
    return atomic_write(report.out_dir / SUMMARY, buf.getvalue())
