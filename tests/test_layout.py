"""The form's pages as PDF: they break where the reference form breaks, and they break well.

What is pinned here is the layout of ``templates/indicator_form.docx`` (built by
``scripts/build_template.py``) as LibreOffice sets it with the TH Sarabun stand-in at TH Sarabun's
size. ``tests/golden/*.pages.txt`` hold each page's break lines: a layout change shows there as a
reviewed diff (``pytest --regen-golden`` rewrites them).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pdf_layout import (
    Layout,
    TableGeometry,
    cut_words,
    docx_paragraphs,
    read_layout,
    skeleton,
    stranded_headings,
    wrapped_joins,
)

import sar_forms
from sar_forms.pdf.convert import LibreOfficeConverter

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
FORMS = {"udon2-1.2": ROOT / "samples" / "udon2-1.2.yaml", "long-form": ROOT / "samples" / "long-form-example.yaml"}
LEVEL, RUBRIC, NARRATIVE, EVIDENCE = range(4)
NARRATIVE_HEAD = "กระบวนการ วิธีการดำเนินงาน ปัญหา อุปสรรค และข้อเสนอแนะเพื่อการพัฒนา"

# The reference form (shared/reference/, the text of the submitted Word form) repeats its table
# header at the top of pages 2 and 3, so its breaks can be read from it: its narrative cell holds
# 860 characters on page 1 (to "...กลุ่มนิเทศ, กลุ่มไลน์" in step 5) and 1159 on page 2 (to
# "...ว่าได้ผลหรือไม่ได้ผล", problem 3), counted without white space.
REFERENCE_PAGE_ENDS = (860, 860 + 1159)
TOLERANCE = 150  # characters, as the layout issue asks


class Rendered:
    def __init__(self, pdf: Path, docx: Path) -> None:
        self.pdf, self.docx = pdf, docx
        with zipfile.ZipFile(docx) as z:
            self.geometry = TableGeometry.of(z.read("word/document.xml"))
        self.layout: Layout = read_layout(pdf, self.geometry, table_starts="ระดับ", table_ends="หมายเหตุ")
        self.paragraphs = docx_paragraphs(docx)

    def narrative(self, page: int) -> str:
        """The narrative column's text on ``page`` without the repeated header row, white space removed."""
        lines = [re.sub(r"[\s\u200b\u2060]+", "", ln.text) for ln in self.layout.column(NARRATIVE, page)]
        got = ""
        while lines and skeleton(NARRATIVE_HEAD).startswith(skeleton(got + lines[0])):
            got += lines.pop(0)
        return "".join(lines)

    def cell_headings(self) -> list[str]:
        return [text for style, text in self.paragraphs if style == "SarCellHeading"]


@pytest.fixture(scope="module")
def converter(soffice):
    with LibreOfficeConverter(workers=2, timeout=120) as conv:
        yield conv


@pytest.fixture(scope="module")
def rendered(converter, tmp_path_factory) -> dict[str, Rendered]:
    out = tmp_path_factory.mktemp("layout")
    forms = {}
    for name, path in FORMS.items():
        a = sar_forms.load_assessment(path)
        forms[name] = Rendered(
            sar_forms.render_pdf(a, out / f"{name}.pdf", converter=converter),
            sar_forms.render_docx(a, out / f"{name}.docx"),
        )
    return forms


def test_the_sample_has_the_three_pages_of_the_reference(rendered):
    """This test ensures that the reference form's data fills three pages, as the reference does."""
    assert rendered["udon2-1.2"].layout.pages == 3


def test_page_one_holds_the_headings_every_level_with_its_rubric_and_all_evidence(rendered, sample):
    """This test ensures that page 1 shows the standard, its definition, the indicator, all five
    level rows with their whole rubric, and the whole evidence column, as the reference does."""
    form = rendered["udon2-1.2"]
    layout = form.layout
    top = skeleton(layout.page_text(1, column=-1))
    for text in (sample.standard.title, sample.standard.definition or "", sample.indicator.title, "ระดับคุณภาพ"):
        assert skeleton(text) in top
    boxes = [re.sub(r"\s+", "", ln.text) for ln in layout.column(LEVEL, 1) if ln.text.strip()[:1] in "☑☐"]
    assert boxes == ["☑5", "☐4", "☐3", "☐2", "☐1"]
    rubric_on_1 = skeleton(layout.page_text(1, RUBRIC))
    for level in range(1, 6):
        assert skeleton(sample.indicator.rubric[level]) in rubric_on_1
    evidence_on_1 = skeleton(layout.page_text(1, EVIDENCE))
    for item in [d.title for d in sample.evidence.documents] + [r.label for r in sample.evidence.references]:
        assert skeleton(item) in evidence_on_1, item
    for page in (2, 3):  # beyond page 1 these columns hold their header cell only
        assert skeleton(layout.page_text(page, RUBRIC)) == skeleton("คำอธิบายระดับคุณภาพ")
        assert skeleton(layout.page_text(page, EVIDENCE)) == skeleton("เอกสาร/หลักฐานอ้างอิง")


def test_the_narrative_breaks_within_150_characters_of_the_reference(rendered):
    """This test ensures that pages 1 and 2 end within 150 characters of where the reference's
    end (page 1 in process step 5, page 2 after problem 3), and page 3 holds the suggestions and notes."""
    form = rendered["udon2-1.2"]
    ends = (len(form.narrative(1)), len(form.narrative(1)) + len(form.narrative(2)))
    for got, want in zip(ends, REFERENCE_PAGE_ENDS):
        assert abs(got - want) <= TOLERANCE, (ends, REFERENCE_PAGE_ENDS)
    assert "กลุ่มไลน์" in form.narrative(1)[-60:]
    assert form.layout.page_of("3. ข้อเสนอแนะเพื่อการพัฒนา", NARRATIVE) == [3]
    assert form.layout.page_of("หมายเหตุ") == [3]


@pytest.mark.parametrize("name", FORMS)
def test_no_line_break_cuts_a_thai_word(rendered, name):
    """This test ensures that every line that wraps inside a Thai run, in every column and in the
    header row, wraps between two words of PyThaiNLP's dictionary."""
    form = rendered[name]
    joins = wrapped_joins(form.layout, [text for _, text in form.paragraphs])
    assert len(joins) > 30  # the check has something to check
    assert cut_words(joins) == []


def _url_runs(lines: list[str], url: str) -> list[str] | None:
    """The pieces of ``url`` as consecutive lines of a column show it, or None."""
    for i, line in enumerate(lines):
        for k in range(len(line)):
            if not url.startswith(line[k:]) or len(line) - k < 4:
                continue
            pieces, done = [line[k:]], line[k:]
            for nxt in lines[i + 1 :]:
                if done == url or not url.startswith(done + nxt[: len(url) - len(done)]):
                    break
                pieces.append(nxt[: len(url) - len(done)])
                done += pieces[-1]
            if done == url:
                return pieces
    return None


def test_urls_break_only_after_slash_dot_or_hyphen(rendered):
    """This test ensures that a URL that runs over lines of the evidence column breaks after
    /, . or -; inside a name only where that name alone is wider than the column."""
    form = rendered["long-form"]
    lines = [re.sub(r"[\s\u200b\u2060]+", "", ln.text) for ln in form.layout.column(EVIDENCE)]
    a = sar_forms.load_assessment(FORMS["long-form"])
    urls = [r.url for r in a.evidence.references if r.url and not r.link_text]
    runs = {url: _url_runs(lines, url) for url in urls}
    assert all(runs.values()), runs
    widest = max(len(piece) for pieces in runs.values() for piece in pieces)
    for url, pieces in runs.items():
        assert len(pieces) > 1  # each of them runs over a line
        done = ""
        for piece in pieces[:-1]:
            done += piece
            name = re.split(r"[/.-]", done)[-1] + re.split(r"[/.-]", url[len(done) :])[0]
            assert done[-1] in "/.-" or len(name) > widest, (url, pieces)


@pytest.mark.parametrize("name", FORMS)
def test_no_heading_stands_alone_at_the_foot_of_a_page(rendered, name):
    """This test ensures that no heading of the narrative cell ends a page while its first item
    begins the next, in the short form and the long one."""
    form = rendered[name]
    assert form.cell_headings()
    assert stranded_headings(form.layout, form.cell_headings()) == []


def test_lines_are_set_at_the_fixed_pitch_of_the_styles(rendered):
    """This test ensures that lines stand 18 pt apart in the table and in the body text, the
    exact spacing of the styles, whatever the font's own line height."""
    layout = rendered["udon2-1.2"].layout
    steps = [round(b.top - a.top, 1) for a, b in zip(layout.column(NARRATIVE, 2), layout.column(NARRATIVE, 2)[1:])]
    assert steps.count(18.0) > len(steps) * 0.7, steps  # headings add their space before
    definition = [ln for ln in layout.column(-1, 1) if ln.top > 80][:4]
    assert [round(b.top - a.top, 1) for a, b in zip(definition[1:], definition[2:])] == [18.0, 18.0]


def test_pages_are_the_same_with_either_stand_in_font(rendered, soffice, tmp_path):
    """This test ensures that the PDF breaks its pages and lines alike whether LibreOffice sets
    TH Sarabun in Laksaman (fonts-thai-tlwg) or in Google's Sarabun, both at TH Sarabun's size."""
    a = sar_forms.load_assessment(FORMS["udon2-1.2"])
    forms = {}
    for font in ("laksaman", "sarabun"):
        with LibreOfficeConverter(workers=1, thai_font=font) as conv:
            pdf = sar_forms.render_pdf(a, tmp_path / f"{font}.pdf", converter=conv)
        forms[font] = Rendered(pdf, rendered["udon2-1.2"].docx)
    lak, sar = forms["laksaman"], forms["sarabun"]
    assert lak.layout.pages == sar.layout.pages == 3
    for page in (1, 2):
        assert abs(len(lak.narrative(page)) - len(sar.narrative(page))) <= 40
    for heading in lak.cell_headings():
        assert lak.layout.page_of(heading, NARRATIVE) == sar.layout.page_of(heading, NARRATIVE)


@pytest.mark.parametrize("name", FORMS)
def test_golden_page_breaks(rendered, name, request):
    """This test ensures that where pages break only changes when the golden file is regenerated."""
    layout = rendered[name].layout
    out = [
        f"# {name}: the last line of each column on each page (pytest --regen-golden rewrites this)",
        f"pages: {layout.pages}",
    ]
    for page in range(1, layout.pages + 1):
        for column, title in ((LEVEL, "level"), (RUBRIC, "rubric"), (NARRATIVE, "narrative"), (EVIDENCE, "evidence")):
            lines = layout.column(column, page)
            if lines:
                out.append(f"page {page} {title}: {len(lines)} lines, last: {lines[-1].text}")
    got = "\n".join(out) + "\n"
    golden = GOLDEN / f"{name}.pages.txt"
    if request.config.getoption("--regen-golden"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
