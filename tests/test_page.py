"""sar_forms.ooxml.page: a Word page read as a reader sees it."""

from __future__ import annotations

from lxml import etree

from sar_forms.ooxml.page import Link, PageReader, Para, blocks, cell_fill, paragraphs, row_cells, table_rows

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def xml(body: str) -> etree._Element:
    return etree.fromstring(f"<w:body {NS}>{body}</w:body>")


def test_hidden_runs_and_deleted_text_are_not_page_text():
    """This test ensures that a run marked w:vanish and deleted text are not read, while a run
    whose vanish is switched off is."""
    p = xml(
        "<w:p><w:r><w:t>เห็น</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ซ่อน</w:t></w:r>"
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>ด้วย</w:t></w:r>'
        "<w:del><w:r><w:delText>ลบ</w:delText></w:r></w:del></w:p>"
    )[0]
    assert PageReader({}).para(p).text == "เห็นด้วย"


def test_a_text_box_is_read_once_after_its_paragraph():
    """This test ensures that a text box's paragraphs come after the paragraph it is anchored in,
    once: Word's fallback copy of the same box (mc:Fallback) is not read again."""
    box = "<w:txbxContent><w:p><w:r><w:t>ในกล่อง</w:t></w:r></w:p></w:txbxContent>"
    body = xml(
        f"<w:p><w:r><w:t>ก่อน</w:t></w:r><w:r><mc:AlternateContent><mc:Choice>{box}</mc:Choice>"
        f"<mc:Fallback>{box}</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    assert [p.text for p in PageReader({}).paras_of(body[0])] == ["ก่อน", "ในกล่อง"]
    assert len(list(paragraphs(body))) == 2  # the outer one and the box's, not its copy


def test_lines_split_at_soft_breaks_and_links_go_with_their_line():
    """This test ensures that a paragraph splits into lines at its soft line breaks, later lines
    marked as continuing, each link on the line it is on, with its place."""
    para = Para("1) ก\n2) ข คลิก", [Link("คลิก", "https://x.th", 10)])
    first, second = para.lines()
    assert (first.text, first.links, first.continued) == ("1) ก", [], False)
    assert (second.text, second.links, second.continued) == ("2) ข คลิก", [Link("คลิก", "https://x.th", 5)], True)


def test_nested_tables_are_their_cells_text_and_not_rows_of_the_outer_table():
    """This test ensures that a table inside a cell is read in place, a row as one line with its
    cells side by side, and that its rows are not taken for the outer table's rows."""
    body = xml(
        "<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:val='clear' w:fill='D9D9D9'/></w:tcPr><w:p/>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1)</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>ข้อแรก</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>"
        "<w:tc><w:tcPr><w:shd w:fill='FFFFFF'/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"
    )
    (table,) = blocks(body)
    rows = table_rows(table)
    assert len(rows) == 1
    first, second = row_cells(rows[0])
    assert [p.text for p in PageReader({}).cell_paras(first)] == ["", "1) ข้อแรก"]
    assert (cell_fill(first), cell_fill(second)) == ("d9d9d9", "")
