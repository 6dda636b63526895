"""sar_forms.run.summary: summary.xlsx, the levels of a batch at a glance."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from sar_forms.run.manifest import BatchReport, Result, Status
from sar_forms.run.summary import write_summary


def result(office: str, code: str, year: int, level: int, status: Status = Status.PRODUCED) -> Result:
    return Result(
        id=f"{office}-{code}", source="in", location="", status=status, office=office, indicator=code,
        fiscal_year=year, level=level,
    )  # fmt: skip


def test_levels_per_year_and_failures_text_never_formulas(tmp_path: Path):
    """This test ensures that each fiscal year has its sheet of office x indicator levels (a
    failed form marked ✗, colour-scaled), failures their sheet, and that a short name that looks
    like a formula is written as the text it is (no live formula in a file offices open)."""
    evil = '=HYPERLINK("http://example.invalid","x")'
    results = [
        result("สพป.อด.2", "1.2", 2565, 5),
        result("สพป.อด.2", "1.1", 2565, 3, Status.FAILED),
        result(evil, "1.2", 2566, 2),
    ]
    path = write_summary(BatchReport(tmp_path, results, 1.0))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["ปีงบประมาณ 2565", "ปีงบประมาณ 2566", "failures"]
    first = wb["ปีงบประมาณ 2565"]
    assert [c.value for c in first[1]] == ["สำนักงานเขตพื้นที่การศึกษา", "ตัวบ่งชี้ 1.1", "ตัวบ่งชี้ 1.2"]
    assert [c.value for c in first[2]] == ["สพป.อด.2", "✗", 5]
    assert first.conditional_formatting
    cell = wb["ปีงบประมาณ 2566"]["A2"]
    assert cell.value == evil and cell.data_type == "s"
    assert [c.value for c in wb["failures"][2]][:4] == ["สพป.อด.2-1.1", "in", "", "failed"]
