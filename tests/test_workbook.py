"""sar_forms.inputs.workbook: the empty batch workbook offices fill, in Thai."""

from __future__ import annotations

import openpyxl

from sar_forms.cli import main
from sar_forms.inputs.tables import EVIDENCE_COLUMNS, FORM_COLUMNS, read_records
from sar_forms.inputs.workbook import GUIDE, LAST_ROW


def test_init_workbook_has_headers_dropdowns_on_whole_columns_and_a_thai_guide(tmp_path):
    """This test ensures that init-workbook writes both sheets' headers; drop-downs and the year
    check that reach the last row (a row appended by a script at 501 gets them too); an indicator
    list of what a row can make (only indicators with a rubric: 2.1 without one always failed);
    and a guide whose every column is explained in Thai."""
    assert main(["init-workbook", str(tmp_path / "new.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "new.xlsx")
    forms, evidence = wb["forms"], wb["evidence"]
    assert [c.value for c in forms[1]] == [f"{label} ({key})" for key, (label, _) in FORM_COLUMNS.items()]
    assert [c.value for c in evidence[1]] == [f"{label} ({key})" for key, (label, _) in EVIDENCE_COLUMNS.items()]
    rules = {str(dv.sqref): dv.formula1 for dv in forms.data_validations.dataValidation}
    assert rules[f"H2:H{LAST_ROW}"] == "lists!$A$1:$A$1" and rules[f"I2:I{LAST_ROW}"] == '"1,2,3,4,5"'
    assert rules[f"D2:D{LAST_ROW}"] == "lists!$B$1:$B$2" and rules[f"G2:G{LAST_ROW}"] == "2500"
    assert wb["lists"]["A1"].value == "1.2" and wb["lists"]["A2"].value is None
    assert {str(dv.sqref) for dv in evidence.data_validations.dataValidation} == {f"B2:B{LAST_ROW}", f"D2:D{LAST_ROW}"}
    assert forms.max_row == 1  # nothing pre-formatted below the header: appended rows land at row 2
    guide = wb["คำอธิบาย"]
    rows = {row[0]: row[1] for row in guide.iter_rows(values_only=True) if row and row[0]}
    for key, (label, _) in {**FORM_COLUMNS, **EVIDENCE_COLUMNS}.items():
        assert rows[f"{label} ({key})"] == GUIDE[key] and any("\u0e00" <= c <= "\u0e7f" for c in GUIDE[key])
    assert "ใช่/ไม่ใช่ (หรือ ส่งแล้ว/ยังไม่ส่ง)" in GUIDE["documents"] and "ใช่/ไม่ใช่" in GUIDE["submitted"]
    assert list(read_records(tmp_path / "new.xlsx")) == []  # an empty workbook is an empty batch


def test_a_workbook_sheet_over_the_row_limit_is_refused(tmp_path):
    """This test ensures that a workbook whose forms sheet holds more rows than any national batch
    (100,000 invalid rows once took 592 MB) is refused at the limit, naming it."""
    import pytest

    from sar_forms.errors import InputError
    from sar_forms.inputs.tables import MAX_ROWS

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("forms")
    ws.append(["ตัวบ่งชี้ (indicator)", "ระดับคุณภาพ (level)"])
    for _ in range(MAX_ROWS + 5):
        ws.append(["1.2", "x"])
    wb.save(tmp_path / "rows.xlsx")
    with pytest.raises(InputError, match=f"more than {MAX_ROWS} rows"):
        list(read_records(tmp_path / "rows.xlsx"))
