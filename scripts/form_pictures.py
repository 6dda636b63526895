"""Draw the README's pictures of the sample form: page 1, and every page side by side.

Run by hand after a layout change (``.venv/bin/python scripts/form_pictures.py``); needs
LibreOffice and poppler (pdftoppm), as ``scripts/run`` installs them. The pages are laid side by
side on one wide PDF page with pypdf, then drawn once, so no image library is needed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import DecodedStreamObject, NameObject

import sar_forms
from sar_forms.forms.produce import FormProducer
from sar_forms.inputs.sources import read_data
from sar_forms.pdf.convert import LibreOfficeConverter
from sar_forms.pdf.postprocess import pdf_page_to_png
from sar_forms.run.book import BookMaker, books_of

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
GAP = 24  # points between pages


def side_by_side(pdf: Path, out: Path) -> Path:
    pages = PdfReader(pdf).pages
    width = float(pages[0].mediabox.width)
    height = float(pages[0].mediabox.height)
    writer = PdfWriter()
    total = width * len(pages) + GAP * (len(pages) + 1)
    sheet = writer.add_blank_page(total, height + 2 * GAP)
    # a grey table for white sheets of paper
    paint = [f"0.82 g 0 0 {total} {height + 2 * GAP} re f 1 g"]
    paint += [f"{GAP + i * (width + GAP)} {GAP} {width} {height} re f" for i in range(len(pages))]
    background = DecodedStreamObject()
    background.set_data(" ".join(paint).encode())
    sheet[NameObject("/Contents")] = writer._add_object(background)
    for i, page in enumerate(pages):
        sheet.merge_transformed_page(page, Transformation().translate(GAP + i * (width + GAP), GAP))
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def book_pictures(tmp: Path) -> None:
    """The book of the sample office: its contents page and its first form page. The second
    indicator (1.1) reuses the sample's narrative with a points rubric given in the data (an
    example, not official wording)."""
    data = read_data(ROOT / "samples" / "udon2-1.2.yaml")
    data["round"] = 12
    other = dict(data, level=3, indicator={"code": "1.1", "points": 4, "rubric": {"pattern": "points", "points": 4}})
    forms = [sar_forms.validate_assessment(d) for d in (data, other)]
    (group,) = books_of(forms)
    with LibreOfficeConverter(workers=1) as converter:
        book = BookMaker(FormProducer(converter=converter)).make(group, pdf=True)
    pdf = tmp / "book.pdf"
    pdf.write_bytes(book.pdf)
    print(pdf_page_to_png(pdf, IMAGES / "book-contents.png", page=3, dpi=60))
    print(pdf_page_to_png(pdf, IMAGES / "book-form-page.png", page=book.form_pages[1], dpi=60))


def main() -> None:
    a = sar_forms.load_assessment(ROOT / "samples" / "udon2-1.2.yaml")
    with tempfile.TemporaryDirectory(prefix="sar-forms-pictures-") as tmp:
        pdf = sar_forms.render_pdf(a, Path(tmp) / "form.pdf")
        print(pdf_page_to_png(pdf, IMAGES / "udon2-1.2-page1.png", page=1, dpi=80))
        print(pdf_page_to_png(side_by_side(pdf, Path(tmp) / "all.pdf"), IMAGES / "udon2-1.2-pages.png", dpi=45))
        book_pictures(Path(tmp))


if __name__ == "__main__":
    main()
