"""Draw docs/images/workbook-forms.png: the first rows of the example workbook's forms sheet.

Needs LibreOffice Calc (apt-get install libreoffice-calc-nogui) and poppler; run by hand when the
workbook format changes: .venv/bin/python scripts/workbook_picture.py
Long cells are shortened (…) and a few wide columns left out, to fit one picture.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment
from openpyxl.worksheet.page import PageMargins

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    wb = openpyxl.load_workbook(ROOT / "samples" / "districts-example.xlsx")
    for name in [n for n in wb.sheetnames if n != "forms"]:
        del wb[name]
    ws = wb["forms"]
    ws.delete_rows(5, 600)
    for row in ws.iter_rows(min_row=2, max_row=4):
        for c in row:
            if isinstance(c.value, str) and c.value.count("\n") > 2:
                c.value = "\n".join(c.value.split("\n")[:3]) + "\n…"
            if isinstance(c.value, str) and len(c.value) > 160:
                c.value = c.value[:150] + "…"
    # left out: notes, references, documents, problems, process_heading
    for col in (17, 16, 15, 13, 10):
        ws.delete_cols(col)
    ws.row_dimensions[1].height = 48
    for r in (2, 3, 4):
        ws.row_dimensions[r].height = 80
    for row in ws.iter_rows(min_row=1, max_row=4):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEFGHIJKL", (13, 30, 11, 9, 10, 7, 11, 10, 10, 38, 34, 30)):
        ws.column_dimensions[col].width = width
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A3
    ws.page_margins = PageMargins(left=0.2, right=0.2, top=0.2, bottom=0.2)
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / "forms.xlsx"
        wb.save(xlsx)
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(xlsx)],
            check=True,
            capture_output=True,
        )
        out = ROOT / "docs" / "images" / "workbook-forms"
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "130",
                "-png",
                "-singlefile",
                "-x",
                "0",
                "-y",
                "0",
                "-W",
                "2150",
                "-H",
                "560",
                str(Path(tmp) / "forms.pdf"),
                str(out),
            ],
            check=True,
        )
    print(out.with_suffix(".png"))


if __name__ == "__main__":
    main()
