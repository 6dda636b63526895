"""Write samples/districts-example.xlsx and .csv: the batch workbook filled in for a few offices.

EXAMPLE DATA. The first office is the reference form (samples/udon2-1.2.yaml) as rows; the
other two offices are made up ("ตัวอย่าง" = example) to show several offices and levels.
Run: .venv/bin/python scripts/make_sample_workbook.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from sar_forms.inputs.sources import read_yaml
from sar_forms.inputs.tables import EVIDENCE_COLUMNS, FORM_COLUMNS
from sar_forms.inputs.workbook import init_workbook

ROOT = Path(__file__).resolve().parents[1]


def lines(items: list) -> str:
    out = []
    for it in items:
        if isinstance(it, dict):
            out.append(it["text"])
            out += [f"- {sub}" for sub in it.get("items", [])]
        else:
            out.append(it)
    return "\n".join(out)


def main() -> None:
    ref = read_yaml(ROOT / "samples" / "udon2-1.2.yaml")
    n = ref["narrative"]
    udon = {
        "form_id": "udon2-1.2", "office_name": ref["office"]["name"], "office_short_name": ref["office"]["short_name"],
        "office_kind": ref["office"]["kind"], "province": ref["office"]["province"], "area": ref["office"]["area"],
        "fiscal_year": ref["fiscal_year"], "indicator": ref["indicator"], "level": ref["level"],
        "steps": lines(n["steps"]), "results": lines(n["results"]), "problems": lines(n["problems"]),
        "suggestions": lines(n["suggestions"]),
    }  # fmt: skip
    evidence = [
        {
            "form_id": "udon2-1.2",
            "kind": "เอกสารนำส่ง",
            "title": d["title"],
            "submitted": "ใช่" if d.get("submitted") else "ไม่ใช่",
            "url": d.get("url", ""),
        }
        for d in ref["evidence"]["documents"]
    ] + [
        {
            "form_id": "udon2-1.2",
            "kind": "อ้างอิง",
            "title": r["label"],
            "url": r.get("url", ""),
            "link_text": r.get("link_text", ""),
        }
        for r in ref["evidence"]["references"]
    ]
    examples = []
    for i, (short, level) in enumerate([("สพป.ตย.1", 4), ("สพม.ตย.", 3)], start=1):
        kind = short[:4]
        examples.append({
            "form_id": f"example{i}-1.2",
            "office_name": f"สำนักงานเขตพื้นที่การศึกษา{'ประถมศึกษา' if kind == 'สพป.' else 'มัธยมศึกษา'}ตัวอย่าง"
                           + (" เขต 1" if kind == "สพป." else ""),
            "office_short_name": short, "office_kind": kind, "province": "ตัวอย่าง",
            "area": 1 if kind == "สพป." else None, "fiscal_year": 2566, "indicator": "1.2", "level": level,
            "steps": "ข้อมูลตัวอย่าง: ประชุมชี้แจงแนวทางการจัดการความรู้\n- แต่งตั้งคณะทำงาน\n- จัดทำแผน\n"
                     "ข้อมูลตัวอย่าง: แลกเปลี่ยนเรียนรู้ผ่านชุมชนแห่งการเรียนรู้ (PLC)",
            "results": "ข้อมูลตัวอย่าง: บุคลากรนำความรู้ไปใช้ในการปฏิบัติงาน",
            "problems": "ข้อมูลตัวอย่าง: เวลาในการรวมกลุ่มมีจำกัด",
            "suggestions": "ข้อมูลตัวอย่าง: ใช้การประชุมออนไลน์",
            "documents": "แผนการจัดการความรู้ (ข้อมูลตัวอย่าง) | ใช่ | https://example.org/km-plan",
        })  # fmt: skip
    rows = [udon, *examples]

    xlsx = ROOT / "samples" / "districts-example.xlsx"
    init_workbook(xlsx)
    wb = openpyxl.load_workbook(xlsx)
    for sheet, columns, data in (("forms", FORM_COLUMNS, rows), ("evidence", EVIDENCE_COLUMNS, evidence)):
        ws = wb[sheet]
        for r, row in enumerate(data, start=2):
            for c, key in enumerate(columns, start=1):
                ws.cell(row=r, column=c, value=row.get(key))
    wb["คำอธิบาย"].insert_rows(1)
    wb["คำอธิบาย"]["A1"] = "ข้อมูลตัวอย่าง (EXAMPLE DATA): offices 2 and 3 are made up; office 1 is the reference form"
    wb.save(xlsx)

    with (ROOT / "samples" / "districts-example.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(FORM_COLUMNS))
        writer.writeheader()
        for row in examples:  # the CSV carries evidence in the documents/references columns
            writer.writerow({k: row.get(k, "") for k in FORM_COLUMNS})
    print(xlsx)


if __name__ == "__main__":
    main()
