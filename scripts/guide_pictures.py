"""Draw the Thai user guide's pictures of the commands (docs/คู่มือ.md): what a user types and
what sar-forms answers, in Thai, as a terminal shows it.

Run by hand after a change of the commands' wording (``.venv/bin/python scripts/guide_pictures.py``);
needs LibreOffice and poppler, as ``scripts/run`` installs them. Each picture is a real run of the
command (LANG=th_TH.UTF-8), set as a small dark page of a .docx in the Thai font stand-in and
drawn through sar_forms' own converter: Thai is shaped by LibreOffice, as in the forms.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from sar_forms.pdf.convert import LibreOfficeConverter
from sar_forms.pdf.postprocess import pdf_page_to_png

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
CLI = Path(sys.executable).with_name("sar-forms")


def run(args: list[str], cwd: Path) -> str:
    """``$ sar-forms ARGS`` and what it printed (both streams), as the user sees it."""
    env = dict(os.environ, LANG="th_TH.UTF-8", COLUMNS="100")
    done = subprocess.run([str(CLI), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    shown = (done.stdout + done.stderr).rstrip("\n")
    return "$ sar-forms " + " ".join(args) + ("\n" + shown if shown else "")


def terminal(text: str, docx: Path) -> Path:
    """``text`` as a terminal's page: light text on dark, one paragraph a line."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.left_margin, section.right_margin = Cm(26), Cm(0.8), Cm(0.8)
    lines = text.splitlines()
    section.top_margin = section.bottom_margin = Cm(0.6)
    section.page_height = Cm(1.8 + 0.72 * sum(1 + len(line) // 85 for line in lines))
    background = doc.element.body.makeelement(qn("w:background"), {qn("w:color"): "1E1E1E"})
    doc.element.insert(0, background)
    settings = doc.settings.element
    settings.append(settings.makeelement(qn("w:displayBackgroundShape"), {}))
    for line in lines:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        run_ = p.add_run(line or " ")
        run_.font.size = Pt(13)
        run_.font.name = "DejaVu Sans Mono"
        run_._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), "TH Sarabun New")
        run_._r.get_or_add_rPr().append(run_._r.makeelement(qn("w:szCs"), {qn("w:val"): "38"}))
        run_.font.color.rgb = RGBColor(0x7E, 0xE7, 0x87) if line.startswith("$ ") else RGBColor(0xE6, 0xE6, 0xE6)
    doc.save(docx)
    return docx


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, LibreOfficeConverter(workers=1) as converter:
        work = Path(tmp)
        shutil.copy(ROOT / "samples" / "udon2-1.2.yaml", work / "udon2-1.2.yaml")
        subprocess.run([str(CLI), "render", "udon2-1.2.yaml", "-o", "ปีก่อน.docx"], cwd=work, check=True)
        pictures = {
            "guide-import": run(["import", "ปีก่อน.docx", "-o", "แบบรายงาน.yaml"], work)
            + "\n$ head -n 16 แบบรายงาน.yaml\n"
            + "\n".join((work / "แบบรายงาน.yaml").read_text(encoding="utf-8").splitlines()[:16]),
            "guide-next-year": run(["next-year", "แบบรายงาน.yaml", "--fiscal-year", "๒๕๖๖", "-o", "2566.yaml"], work),
            "guide-check": run(["check", "2566.yaml"], work),
            "guide-render": run(["render", "2566.yaml", "-o", "แบบรายงาน2566", "--format", "docx,pdf"], work),
        }
        for name, text in pictures.items():
            docx = terminal(text, work / f"{name}.docx")
            converter.convert(docx, work / f"{name}.pdf")
            print(pdf_page_to_png(work / f"{name}.pdf", IMAGES / f"{name}.png", dpi=110))


if __name__ == "__main__":
    main()
