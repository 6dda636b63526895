"""sar_forms.run.book: an office's whole report for a fiscal year as one book, in Word and PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
import yaml
from conftest import SAMPLE
from helpers import INFO_FIELDS, NS, W, audit, document_information, squash, text_of
from lxml import etree
from pdf_layout import skeleton
from pypdf import PdfReader

import sar_forms
from sar_forms.cli import main
from sar_forms.forms.naming import book_paths
from sar_forms.forms.produce import FormProducer
from sar_forms.inputs.tables import read_records
from sar_forms.pdf.convert import LibreOfficeConverter
from sar_forms.run.book import BookMaker, books_of, run_books


def forms_data() -> list[dict]:
    """One office's FY 2565 round-12 forms of 1.1, 1.2 and 2.1 (points rubrics given in the data)."""
    src = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    out = []
    for code, level in (("2.1", 2), ("1.2", 5), ("1.1", 3)):
        data = dict(src, round=12, level=level)
        if code != "1.2":
            data["indicator"] = {"code": code, "points": 4, "rubric": {"pattern": "points", "points": 4}}
        data["sign_off"] = {"approved_by": {"name": "นายสมชาย ใจดี", "position": "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา"}}
        out.append(data)
    return out


@pytest.fixture(scope="module")
def converter(soffice):
    with LibreOfficeConverter(workers=1, timeout=120) as conv:
        yield conv


@pytest.fixture(scope="module")
def book(converter):
    forms = [sar_forms.validate_assessment(d) for d in forms_data()]
    (group,) = books_of(forms)
    return group, BookMaker(FormProducer(converter=converter)).make(group, pdf=True)


def page_texts(pdf: bytes) -> list[str]:
    n = len(PdfReader(io.BytesIO(pdf)).pages)
    return [
        subprocess.run(
            ["pdftotext", "-f", str(i), "-l", str(i), "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        for i in range(1, n + 1)
    ]


def test_forms_come_in_catalogue_order(book):
    """This test ensures that a book holds its office's forms in catalogue order, whatever the input order."""
    group, _ = book
    assert [a.indicator.code for a in group] == ["1.1", "1.2", "2.1"]


def test_the_cover_names_office_standards_year_and_round(book):
    """This test ensures that page 1 is the cover: office's full name, each standard, fiscal year
    and round, without the running header and page number the other pages carry."""
    group, made = book
    cover = squash(page_texts(made.pdf)[0])
    for words in (
        group[0].office.name,
        "มาตรฐานที่ 1 การบริหารจัดการองค์การสู่ความเป็นเลิศ",
        "มาตรฐานที่ 2 การบริหารและการจัดการศึกษาที่มีประสิทธิภาพ",
        "ปีงบประมาณ พ.ศ. 2565 รอบ 12 เดือน",
    ):
        assert skeleton(words) in skeleton(cover), words
    # a cover carries no running header (the office and year of a form's page) and no page number
    assert not page_texts(made.pdf)[0].strip().splitlines()[-1].strip().isdigit()
    assert skeleton(f"{group[0].office.short_name} ปีงบประมาณ") not in skeleton(cover)


def test_the_summary_levels_are_the_forms_levels(book, tmp_path):
    """This test ensures that the summary table lists standard, indicator and level of every form
    as the forms have them, and the count table counts them per level."""
    group, made = book
    path = tmp_path / "book.docx"
    path.write_bytes(made.docx)
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(W + "body")
    summary, counts = body.findall(W + "tbl")[:2]
    rows = [[text_of(tc) for tc in tr.findall(W + "tc")] for tr in summary.findall(W + "tr")]
    assert rows[1:] == [
        [f"มาตรฐานที่ {a.standard.number}", f"{a.indicator.code} {a.indicator.title}", str(a.level)] for a in group
    ]
    count_rows = [[text_of(tc) for tc in tr.findall(W + "tc")] for tr in counts.findall(W + "tr")]
    assert count_rows[1:] == [["5", "1"], ["4", "0"], ["3", "1"], ["2", "1"], ["1", "0"], ["รวม", "3"]]


def test_contents_page_numbers_are_where_each_indicator_heading_is(book):
    """This test ensures that every contents entry's page number, in the PDF and in the .docx,
    is the page on which that indicator's form starts (its heading), that the PDF's bookmarks
    point at those pages, and that every page carries its own number (continuous, from 1)."""
    group, made = book
    pages = page_texts(made.pdf)
    heading_pages = []
    for a in group:
        heading = skeleton(f"ตัวบ่งชี้ที่ {a.indicator.number} {a.indicator.title}")
        heading_pages.append(next(n for n, text in enumerate(pages, 1) if heading in skeleton(text)))
    assert list(made.form_pages) == heading_pages
    contents = next(text for text in pages if "สารบัญ" in text)
    listed = [int(m) for m in re.findall(r"\.{5,}\s*(\d+)", contents)]
    # a standard's entry points at its first indicator's page: 1 (1.1), 1.1, 1.2, 2 (2.1), 2.1
    assert listed == [heading_pages[0], heading_pages[0], heading_pages[1], heading_pages[2], heading_pages[2]]
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(made.docx)).read("word/document.xml"))
    shown = []
    for p in root.iter(W + "p"):
        if any("PAGEREF" in (t.text or "") for t in p.iter(W + "instrText")):
            shown.append(int(text_of(p).split("\t")[-1]))
    assert shown == listed
    reader = PdfReader(io.BytesIO(made.pdf))
    marks = {}

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                marks[item.title] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    for a, page in zip(group, heading_pages, strict=True):  # named as the contents name them: 1.2, not 2
        assert marks[f"ตัวบ่งชี้ที่ {a.indicator.code} {a.indicator.title}"] == page
    assert marks["มาตรฐานที่ 1 การบริหารจัดการองค์การสู่ความเป็นเลิศ"] == heading_pages[0]
    assert marks["มาตรฐานที่ 2 การบริหารและการจัดการศึกษาที่มีประสิทธิภาพ"] == heading_pages[2]
    footers = [text.strip().splitlines()[-1].strip() for text in pages]
    assert footers[1:] == [str(n) for n in range(2, len(pages) + 1)]  # the cover counts as page 1
    # the bookmarks that told where headings fell are not left in the book
    assert not [name for name in reader.named_destinations if "SarKeep" in name]


def test_each_form_starts_a_page_with_its_own_table_header(book):
    """This test ensures that each form begins on a new page, under the page header with its round,
    and its table's header row repeats on each of its pages."""
    group, made = book
    pages = page_texts(made.pdf)
    ends = [*made.form_pages[1:], len(pages)]
    for start, end in zip(made.form_pages, ends, strict=True):
        for text in pages[start - 1 : end - 1]:
            assert skeleton("คำอธิบาย") in skeleton(text) and skeleton("หลักฐาน") in skeleton(text)
            assert skeleton("สพป.อด.2 ปีงบประมาณ พ.ศ. 2565 รอบ 12 เดือน") in skeleton(text)


def test_the_sign_off_names_who_is_given_and_leaves_lines_for_who_is_not(book):
    """This test ensures that the last page is the sign-off: the approver's name and position from
    the data, and dotted lines where the preparer is not given."""
    _group, made = book
    last = page_texts(made.pdf)[-1]
    assert skeleton("(นายสมชาย ใจดี)") in skeleton(last)
    assert skeleton("ตำแหน่ง ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา") in skeleton(last)
    assert skeleton("ผู้จัดทำ") in skeleton(last) and "(....." in last


def test_the_book_pdf_carries_the_document_information(book):
    """This test ensures that a book's PDF shows its title, subject, keywords, author and dates in
    a viewer (pdfinfo) and to pypdf, after the updates that set its language and outline."""
    group, made = book
    info = document_information(made.pdf)
    assert set(info) == set(INFO_FIELDS)
    # the book's own title, not its first form's
    assert info["Title"] == f"รายงานการประเมินตนเอง {group[0].office.name} ปีงบประมาณ พ.ศ. 2565 รอบ 12 เดือน"


def test_the_book_docx_opens_in_word_unrepaired(book, tmp_path):
    """This test ensures that the book .docx passes openxml-audit and carries the outline levels."""
    _group, made = book
    path = tmp_path / "book.docx"
    path.write_bytes(made.docx)
    assert audit(path) == []
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    assert (
        len(root.findall(".//w:outlineLvl", NS)) == 2 + 2 + 3 + 1
    )  # summary, contents; 2 standards, 3 indicators; sign-off


def test_book_command_writes_a_book_per_office_and_refuses_one_with_a_bad_form(tmp_path, capsys, soffice):
    """This test ensures that `sar-forms book DIR -o OUT` writes <office>/<short>_<year>_รอบ12_book.docx
    and .pdf per office, and an office with a bad form gets no book (exit 1, the error named)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, data in enumerate(forms_data()):
        (folder / f"a{i}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        other = dict(data, office=dict(data["office"], short_name="สพป.ทดสอบ"))
        if i == 1:
            other["level"] = 9
        (folder / f"b{i}.yaml").write_text(yaml.safe_dump(other, allow_unicode=True), encoding="utf-8")
    code = main(["book", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1"])
    out = capsys.readouterr().out
    assert code == 1
    good = sar_forms.validate_assessment(forms_data()[0])
    docx, pdf = book_paths(tmp_path / "out", good)
    assert docx.name == "สพป.อด.2_2565_รอบ12_book.docx" and docx.is_file() and pdf.is_file()
    assert "book failed: สพป.ทดสอบ 2565 round 12" in out and "level" in out
    assert not (tmp_path / "out" / "สพป.ทดสอบ").exists()
    shutil.rmtree(tmp_path / "out")


def test_a_bad_form_of_one_round_does_not_fail_the_other_rounds_book(tmp_path, sample_data):
    """This test ensures that an office's invalid round-6 form costs only its round-6 book: its
    round-12 book (every form valid) is written (the bad record's key once lacked the round)."""
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "r12.yaml").write_text(yaml.safe_dump(dict(sample_data, round=12), allow_unicode=True), "utf-8")
    bad = dict(sample_data, round="รอบ ๖ เดือน", level=9)  # as a workbook may type the round
    (folder / "r6bad.yaml").write_text(yaml.safe_dump(bad, allow_unicode=True), "utf-8")
    results = run_books(read_records(folder), tmp_path / "out", pdf=False)
    by_round = {r.round: r for r in results}
    assert by_round[12].error is None and by_round[12].docx is not None and by_round[12].docx.is_file()
    assert [r.error is not None for r in results if r.round != 12] == [True]
