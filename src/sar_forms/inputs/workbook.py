"""The empty batch workbook offices fill: headers, drop-downs and a guide, in Thai.

The drop-downs cover whole columns (rows typed below any pre-formatted block, or appended by a
script, get them too), and the indicator drop-down offers only the indicators a row can make: a
row cannot give a rubric, so an indicator whose rubric the catalogue lacks is left out (it is
given in a data file instead). The guide says what each column takes, in Thai, with the English
beside it, and the same as docs/workbook.md.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .._fs import atomic_write
from ..domain.catalog import Catalog, default_catalog
from .tables import EVIDENCE_COLUMNS, FORM_COLUMNS, column_letter

__all__ = ["GUIDE", "init_workbook", "row_indicators"]

#: The last row of a sheet (Excel's limit): drop-downs and checks reach it.
LAST_ROW = 1_048_576

#: What each column takes, in Thai, for the guide sheet (the English is FORM_COLUMNS' and
#: EVIDENCE_COLUMNS' own).
GUIDE: dict[str, str] = {
    "form_id": "รหัสของแถวที่ไม่ซ้ำกัน แผ่นงาน evidence ใช้อ้างถึง (เช่น udon2-1.2)",
    "office_name": "ชื่อเต็ม เช่น สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2",
    "office_short_name": "เช่น สพป.อด.2 ใช้ตั้งชื่อโฟลเดอร์และไฟล์ผลลัพธ์",
    "office_kind": "สพป. หรือ สพม. (เลือกจากรายการ)",
    "province": "เช่น อุดรธานี",
    "area": "หมายเลขเขต เว้นว่างถ้าจังหวัดมีสำนักงานเดียว",
    "fiscal_year": "ปีพุทธศักราช เช่น 2565 (เลขไทยก็ได้)",
    "indicator": "รหัสตัวบ่งชี้ เช่น 1.2 (เลือกจากรายการ: เฉพาะตัวบ่งชี้ที่มีเกณฑ์ในแคตตาล็อก)",
    "level": "1-5 (เลือกจากรายการ)",
    "process_heading": "ไม่บังคับ ถ้าว่างจะใช้ตามชื่อตัวบ่งชี้",
    "steps": "บรรทัดละหนึ่งข้อ บรรทัดที่ขึ้นต้นด้วย - เป็นข้อย่อย",
    "results": "บรรทัดละหนึ่งข้อ",
    "problems": "บรรทัดละหนึ่งข้อ",
    "suggestions": "บรรทัดละหนึ่งข้อ",
    "documents": "ไม่บังคับ บรรทัดละหนึ่งเอกสาร: ชื่อเอกสาร | ใช่/ไม่ใช่ (หรือ ส่งแล้ว/ยังไม่ส่ง) | ลิงก์",
    "references": "ไม่บังคับ บรรทัดละหนึ่งรายการ: ชื่อรายการ | ลิงก์ | ข้อความของลิงก์",
    "notes": "ไม่บังคับ บรรทัดละหนึ่งข้อ ถ้าว่างจะใช้หมายเหตุตามแคตตาล็อก",
    "round": "ไม่บังคับ: 6 หรือ 12 (รอบ 6 / 12 เดือน) พิมพ์ในหัวกระดาษ",
    "kind": "เอกสารนำส่ง (มีช่องทำเครื่องหมาย) หรือ อ้างอิง (มีเลขข้อ) (เลือกจากรายการ)",
    "title": "ชื่อเอกสาร หรือชื่อรายการอ้างอิง",
    "submitted": "ใช่/ไม่ใช่ (หรือ ส่งแล้ว/ยังไม่ส่ง) เฉพาะเอกสารนำส่ง (เลือกจากรายการ)",
    "url": "ไม่บังคับ ขึ้นต้นด้วย http:// หรือ https://",
    "link_text": "ไม่บังคับ: คำที่เป็นลิงก์ เช่น คลิก",
}
_LONG = ("steps", "results", "problems", "suggestions", "documents", "references", "notes")


def row_indicators(catalog: Catalog) -> list[str]:
    """The indicators a workbook row can make a form of: those whose rubric the catalogue holds."""
    return [ind.code for ind in catalog.sorted_indicators() if ind.rubric is not None]


def init_workbook(path: str | Path, *, catalog: Catalog | None = None) -> Path:
    """Write an empty batch workbook: headers, the guide, and drop-downs from the catalogue."""
    import openpyxl  # here: only making or reading a workbook needs it
    from openpyxl.styles import Alignment, Font, PatternFill

    catalog = catalog or default_catalog()
    wb = openpyxl.Workbook()
    forms = wb.active
    forms.title = "forms"
    evidence = wb.create_sheet("evidence")
    lists = wb.create_sheet("lists")
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")
    wrap = Alignment(wrap_text=True, vertical="top")
    for ws, columns in ((forms, FORM_COLUMNS), (evidence, EVIDENCE_COLUMNS)):
        for col, (key, (label, _)) in enumerate(columns.items(), start=1):
            cell = ws.cell(row=1, column=col, value=f"{label} ({key})")
            cell.font, cell.fill, cell.alignment = head_font, head_fill, wrap
            dimension = ws.column_dimensions[cell.column_letter]
            dimension.width = 45 if key in _LONG else 18
            dimension.alignment = wrap  # the column's own style: every row typed in it wraps, none pre-made
        ws.freeze_panes = "B2"
    codes = row_indicators(catalog)
    for column, values in enumerate((codes, ["สพป.", "สพม."], ["ใช่", "ไม่ใช่"], ["เอกสารนำส่ง", "อ้างอิง"]), start=1):
        for row, value in enumerate(values, start=1):
            lists.cell(row=row, column=column, value=value)
    lists.sheet_state = "hidden"
    _dropdowns(forms, evidence, len(codes))
    _guide(wb.create_sheet("คำอธิบาย"))
    buf = io.BytesIO()
    wb.save(buf)
    return atomic_write(path, buf.getvalue())


def _dropdowns(forms: Any, evidence: Any, codes: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    def column(ws: Any, columns: dict[str, Any], key: str, dv: DataValidation) -> None:
        letter = column_letter(list(columns).index(key) + 1)
        dv.add(f"{letter}2:{letter}{LAST_ROW}")
        ws.add_data_validation(dv)

    def choose(formula: str, prompt: str) -> DataValidation:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
        dv.error, dv.errorTitle, dv.prompt = f"เลือกจากรายการ: {prompt}", "ค่าไม่ถูกต้อง", prompt
        return dv

    column(forms, FORM_COLUMNS, "indicator", choose(f"lists!$A$1:$A${max(1, codes)}", "ตัวบ่งชี้"))
    column(forms, FORM_COLUMNS, "office_kind", choose("lists!$B$1:$B$2", "สพป. หรือ สพม."))
    column(forms, FORM_COLUMNS, "level", choose('"1,2,3,4,5"', "ระดับคุณภาพ 1-5"))
    column(evidence, EVIDENCE_COLUMNS, "kind", choose("lists!$D$1:$D$2", "เอกสารนำส่ง หรือ อ้างอิง"))
    column(evidence, EVIDENCE_COLUMNS, "submitted", choose("lists!$C$1:$C$2", "ใช่ หรือ ไม่ใช่"))
    year = DataValidation(type="whole", operator="between", formula1="2500", formula2="2700", allow_blank=True)
    year.error = "ปีงบประมาณเป็นปีพุทธศักราช เช่น 2565"
    column(forms, FORM_COLUMNS, "fiscal_year", year)


def _guide(guide: Any) -> None:
    guide.column_dimensions["A"].width = 32
    guide.column_dimensions["B"].width = 80
    guide.column_dimensions["C"].width = 60
    guide.append(["แบบฟอร์มนำเข้าข้อมูล sar_forms", "แผ่นงาน forms: หนึ่งแถวต่อหนึ่งสำนักงานและตัวบ่งชี้", "English"])
    guide.append(["", "แผ่นงาน evidence: หลักฐานของแต่ละแถว อ้างถึงด้วย form_id", "forms: a row per office and indicator"])
    for sheet, columns in (("forms", FORM_COLUMNS), ("evidence", EVIDENCE_COLUMNS)):
        guide.append([])
        guide.append([f"แผ่นงาน {sheet}", "", f"sheet {sheet}"])
        for key, (label, english) in columns.items():
            guide.append([f"{label} ({key})", GUIDE[key], english])
