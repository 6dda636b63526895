"""The generated .docx: content, structure, typography, escaping, validity."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import NS, THAI, Styles, W, audit, hyperlinks, normalized_document_xml, part, squash, text_of
from lxml import etree

import sar_forms

GOLDEN = Path(__file__).parent / "golden" / "udon2-1.2.document.xml"


def sample_sentences(a: sar_forms.Assessment) -> list[str]:
    n = a.narrative
    texts = [a.standard.title, a.standard.definition or "", a.indicator.title, *a.indicator.rubric.values(), *a.notes]
    for seq in (n.steps, n.results, n.problems, n.suggestions):
        texts += [it.text for it in seq]
    texts += [d.title for d in a.evidence.documents] + [r.label for r in a.evidence.references]
    texts += [
        "ระดับคุณภาพ",
        "คำอธิบายระดับคุณภาพ",
        "เอกสาร/หลักฐานอ้างอิง",
        "● เอกสารที่ต้องนำส่งในระบบ",
        "2. ปัญหา อุปสรรค",
        "3. ข้อเสนอแนะเพื่อการพัฒนา",
        "ผลการดำเนินงาน",
        "หมายเหตุ :",
        "1. กระบวนการ วิธีการดำเนินงานเกี่ยวกับการพัฒนาสู่องค์กรแห่งการเรียนรู้ ของสำนักงานเขตพื้นที่การศึกษา",
    ]
    return [t for t in texts if t]


def table(path: Path) -> etree._Element:
    tables = part(path, "word/document.xml").findall(".//w:tbl", NS)
    assert len(tables) == 1
    return tables[0]


def test_every_sentence_of_the_sample_appears(sample, sample_docx):
    """This test ensures that every sentence of the sample data, and the form's own words, are in the document."""
    body = squash(text_of(part(sample_docx, "word/document.xml")))
    missing = [s for s in sample_sentences(sample) if squash(s) not in body]
    assert not missing
    # python-docx, as a user's script would read it, sees the same words
    d = docx.Document(str(sample_docx))
    seen = squash("".join(c.text for row in d.tables[0].rows for c in row.cells))
    assert squash(sample.narrative.suggestions[-1].text) in seen


def test_items_are_numbered_in_order(sample_docx):
    """This test ensures that narrative items carry 1), 2), ... restarting in each part."""
    text = text_of(table(sample_docx))
    labels = re.findall(r"^(\d+)\)\t", text, flags=re.M)
    assert labels == [str(i) for n in (6, 3, 3, 4) for i in range(1, n + 1)]


def test_check_box_on_the_chosen_level_only(sample_docx):
    """This test ensures that ☑ stands on level 5 (the sample's) and ☐ on levels 4..1."""
    rows = table(sample_docx).findall("w:tr", NS)
    assert len(rows) == 6
    first_cells = [text_of(r.find("w:tc", NS)) for r in rows[1:]]
    assert first_cells == ["☑ 5", "☐ 4", "☐ 3", "☐ 2", "☐ 1"]


@pytest.mark.parametrize("level", [1, 3, 4])
def test_check_box_follows_the_level(sample_data, tmp_path, level):
    """This test ensures that the ☑ moves with the chosen level."""
    sample_data["level"] = level
    out = sar_forms.render_docx(sar_forms.validate_assessment(sample_data), tmp_path / "f.docx")
    rows = table(out).findall("w:tr", NS)[1:]
    boxes = [text_of(r.find("w:tc", NS)) for r in rows]
    assert boxes == [("☑ " if lv == level else "☐ ") + str(lv) for lv in (5, 4, 3, 2, 1)]


def test_narrative_and_evidence_cells_merge_down_the_five_rows(sample, sample_docx):
    """This test ensures that the narrative and evidence are one cell each, a vertical merge over the levels."""
    rows = table(sample_docx).findall("w:tr", NS)[1:]
    for col in (2, 3):
        merges = [r.findall("w:tc", NS)[col].find("w:tcPr/w:vMerge", NS) for r in rows]
        assert all(m is not None for m in merges)
        assert merges[0].get(W + "val") == "restart"
        assert all(m.get(W + "val") in (None, "continue") for m in merges[1:])
        # the text is written once, in the first cell
        assert all(not text_of(r.findall("w:tc", NS)[col]).strip() for r in rows[1:])
    narrative = text_of(rows[0].findall("w:tc", NS)[2])
    assert squash(sample.narrative.steps[0].text) in squash(narrative)


def test_header_row_repeats_on_every_page(sample_docx):
    """This test ensures that the first row is a repeating header row and the grid holds the widths."""
    tbl = table(sample_docx)
    rows = tbl.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    grid = [int(c.get(W + "w")) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
    widths = [int(tc.find("w:tcPr/w:tcW", NS).get(W + "w")) for tc in rows[0].findall("w:tc", NS)]
    assert grid == widths and sum(grid) == 9071  # A4 less 3 cm + 2 cm margins


def test_links_point_at_their_urls(sample, sample_docx):
    """This test ensures that each document and reference link points at its own URL, with its own text."""
    expected = [(d.link_text, d.url) for d in sample.evidence.documents if d.url]
    expected += [(r.link_text or r.url, r.url) for r in sample.evidence.references if r.url]
    assert hyperlinks(sample_docx) == expected
    styles = part(sample_docx, "word/styles.xml")
    assert styles.find(".//w:style[@w:styleId='Hyperlink']", NS) is not None
    runs = part(sample_docx, "word/document.xml").findall(".//w:hyperlink/w:r/w:rPr/w:rStyle", NS)
    assert runs and all(r.get(W + "val") == "Hyperlink" for r in runs)


def test_thai_runs_carry_complex_script_font_and_size(sample_docx):
    """This test ensures that every run of Thai text resolves to TH Sarabun New on w:cs, 16 pt on w:szCs, th-TH."""
    styles = Styles(sample_docx)
    runs = [r for r in part(sample_docx, "word/document.xml").iter(W + "r") if THAI.search("".join(r.itertext()))]
    assert len(runs) >= 40
    for run in runs:
        eff = styles.effective(run)
        assert eff["theme"] is None  # a theme font would override the named one
        assert (eff["cs"], eff["szCs"], eff["bidi"]) == ("TH Sarabun New", "32", "th-TH"), "".join(run.itertext())


def test_bold_headings_are_bold_in_complex_script(sample_docx):
    """This test ensures that bold styles set w:bCs, which is what makes Thai text bold in Word."""
    styles = part(sample_docx, "word/styles.xml")
    for sid in ("SarHeading", "SarTableHead", "SarCellHeading", "SarNoteHeading"):
        rpr = styles.find(f".//w:style[@w:styleId='{sid}']/w:rPr", NS)
        assert rpr.find("w:b", NS) is not None and rpr.find("w:bCs", NS) is not None


def test_sample_passes_openxml_audit(sample_docx):
    """This test ensures that Word opens the sample unrepaired, as far as the Open XML SDK's rules tell."""
    assert audit(sample_docx) == []


def test_shipped_template_passes_openxml_audit():
    """This test ensures that the template staff open in Word is itself clean."""
    from sar_forms.forms.render import default_template

    assert audit(default_template()) == []


def test_golden_document_xml(sample_docx, request):
    """This test ensures that the sample's document.xml only changes when the golden file is regenerated."""
    got = normalized_document_xml(sample_docx)
    if request.config.getoption("--regen-golden"):
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")


HOSTILE = "A & B <b>x</b> \"q\" 'a' {{ not_jinja }} {% raw %}"


def render_with(sample_data, tmp_path, **changes) -> tuple[Path, sar_forms.Assessment]:
    for key, value in changes.items():
        target = sample_data
        *path, last = key.split(".")
        for p in path:
            target = target[int(p)] if p.isdigit() else target[p]
        target[int(last) if last.isdigit() else last] = value
    a = sar_forms.validate_assessment(sample_data)
    return sar_forms.render_docx(a, tmp_path / "hostile.docx"), a


def test_markup_characters_are_escaped(sample_data, tmp_path):
    """This test ensures that <, >, & and Jinja-looking text in the data come out as written."""
    out, _ = render_with(
        sample_data,
        tmp_path,
        **{
            "narrative.steps.0": HOSTILE,
            "evidence.documents.0.title": HOSTILE,
            "office.short_name": HOSTILE,
        },
    )
    body = text_of(part(out, "word/document.xml"))
    assert body.count(HOSTILE) == 2
    assert HOSTILE in text_of(part(out, "word/header1.xml"))
    assert audit(out) == []
    assert docx.Document(str(out)).tables[0].cell(1, 2).text.count(HOSTILE) == 1


def test_control_characters_are_removed_with_a_warning(sample_data, tmp_path):
    """This test ensures that XML-illegal characters are dropped (warned), and \\x0b becomes a line break."""
    with pytest.warns(sar_forms.TextCleanedWarning, match=r"^narrative\.results\[0\]: removed 3 character"):
        out, _ = render_with(sample_data, tmp_path, **{"narrative.results.0": "ก\x00ข\x1dค\x0bง\x07"})
    cell = table(out).findall("w:tr", NS)[1].findall("w:tc", NS)[2]
    assert "กขค\nง" in text_of(cell)
    assert cell.find(".//w:br", NS) is not None
    assert audit(out) == []
    docx.Document(str(out))


def test_decomposed_thai_vowels_are_composed(sample_data, tmp_path):
    """This test ensures that sara am typed as nikhahit + sara aa (and NFD input) is stored composed."""
    out, a = render_with(sample_data, tmp_path, **{"narrative.problems.0": "น\u0e4d\u0e49\u0e32 ท\u0e4d\u0e32 e\u0301"})
    assert a.narrative.problems[0].text == "น\u0e49\u0e33 ท\u0e33 \u00e9"
    assert "น\u0e49\u0e33 ท\u0e33 \u00e9" in text_of(part(out, "word/document.xml"))


def test_ten_thousand_character_narrative(sample_data, tmp_path):
    """This test ensures that a very long narrative is kept whole and the document stays valid."""
    long = ("การพัฒนาครูและบุคลากรทางการศึกษา & PLC " * 300)[:10_000]
    out, _ = render_with(sample_data, tmp_path, **{"narrative.steps.1": long})
    assert squash(long) in squash(text_of(part(out, "word/document.xml")))
    assert audit(out) == []


def test_sub_items_and_empty_sections(sample_data, tmp_path):
    """This test ensures that sub-items are numbered under their step and an empty part shows a dash."""
    out, _ = render_with(
        sample_data,
        tmp_path,
        **{
            "narrative.steps.0": {"text": "ขั้นตอนหลัก", "items": ["ย่อยหนึ่ง", "ย่อยสอง"]},
            "narrative.problems": [],
        },
    )
    text = text_of(table(out))
    assert "1)\tขั้นตอนหลัก\n(1.1)\tย่อยหนึ่ง\n(1.2)\tย่อยสอง\n2)\t" in text
    assert "2. ปัญหา อุปสรรค\n\t-\n3. ข้อเสนอแนะ" in text
    assert audit(out) == []


def test_thai_digits_on_request(sample, tmp_path):
    """This test ensures that Thai digits replace numbers in text but not in URLs or Latin words."""
    out = sar_forms.render_docx(sample, tmp_path / "thai.docx", digits="thai")
    body = text_of(part(out, "word/document.xml"))
    assert "☑ ๕" in body and "พ.ศ. ๒๕๖๕" in body and "๑)\t" in body
    assert "www.udesa2.go.th" in body and "http://www.mrcud2.com" in body
    assert not re.search(r"(?<![A-Za-z./])[0-9]", re.sub(r"(https?://|www\.)\S+|[A-Za-z]\w*", "", body))
    assert ("http://www.mrcud2.com", "http://www.mrcud2.com") in hyperlinks(out)


def test_output_is_deterministic(sample, tmp_path):
    """This test ensures that the same input gives the same bytes (fixed zip timestamps and order)."""
    a = sar_forms.render_docx(sample, tmp_path / "a.docx").read_bytes()
    b = sar_forms.render_docx(sample, tmp_path / "b.docx").read_bytes()
    assert a == b
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_core_properties_describe_the_form(sample_docx):
    """This test ensures that title, author and language are set for archives and PDF metadata."""
    cp = docx.Document(str(sample_docx)).core_properties
    assert cp.title == "มาตรฐานที่ 1 ตัวบ่งชี้ที่ 1.2 การพัฒนาสู่องค์กรแห่งการเรียนรู้"
    assert cp.author == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2"
    assert cp.language == "th-TH"


def test_context_provides_every_template_variable(sample):
    """This test ensures that template and context agree: every variable the template uses is produced."""
    from docxtpl import DocxTemplate

    from sar_forms.forms.render import default_template
    from sar_forms.ooxml.template import jinja_env

    tpl = DocxTemplate(default_template())
    used = tpl.get_undeclared_template_variables(jinja_env())  # jinja2.meta over every part
    assert {"office", "levels", "narrative", "evidence", "notes", "digits"} <= used
    assert used <= set(sar_forms.template_context(sample))


def test_plain_docxtpl_renders_the_template_with_the_context(sample, tmp_path):
    """This test ensures that the template needs no custom filter: docxtpl plus template_context suffice."""
    from docxtpl import DocxTemplate

    from sar_forms.forms.render import default_template
    from sar_forms.ooxml.template import jinja_env

    tpl = DocxTemplate(default_template())
    tpl.render(sar_forms.template_context(sample, tpl), jinja_env())
    tpl.save(tmp_path / "plain.docx")
    assert squash(sample.narrative.steps[2].text) in squash(text_of(part(tmp_path / "plain.docx", "word/document.xml")))
    assert audit(tmp_path / "plain.docx") == []


def test_long_names_render_with_their_document_properties_cut(sample_data, tmp_path):
    """This test ensures that a 300-character office name renders: the form prints it whole and the
    document's core properties (255 characters at most) hold it cut."""
    name = "สำนักงานเขตพื้นที่การศึกษา" * 12
    sample_data["office"]["name"] = name[:300]
    sample_data["office"]["short_name"] = "ส" * 110
    a = sar_forms.validate_assessment(sample_data)
    path = sar_forms.render_docx(a, tmp_path / "long.docx")
    props = docx.Document(path).core_properties
    assert props.author == name[:254] + "…"
    assert audit(path) == []


def test_a_thai_web_address_is_encoded_in_the_link_and_printed_as_typed(sample_data, tmp_path):
    """This test ensures that an IRI becomes an RFC 3986 link target (IDNA host, percent-encoded
    path) that every reader follows, while the form shows it as the user typed it."""
    iri = "https://ตัวอย่าง.ไทย/เอกสาร/แผน.pdf"
    sample_data["evidence"]["references"][2]["url"] = iri
    path = sar_forms.render_docx(sar_forms.validate_assessment(sample_data), tmp_path / "iri.docx")
    links = dict(hyperlinks(path))
    assert (
        links[iri]
        == "https://xn--72c1a1bt4awk9o.xn--o3cw4h/%E0%B9%80%E0%B8%AD%E0%B8%81%E0%B8%AA%E0%B8%B2%E0%B8%A3/%E0%B9%81%E0%B8%9C%E0%B8%99.pdf"
    )


def test_the_round_is_printed_in_the_page_header_when_given(sample_data, tmp_path):
    """This test ensures that รอบ 12 เดือน follows the fiscal year in the header, and nothing when no round is given."""
    plain = sar_forms.render_docx(sar_forms.validate_assessment(sample_data), tmp_path / "plain.docx")
    assert text_of(part(plain, "word/header1.xml")) == "สพป.อด.2 ปีงบประมาณ พ.ศ. 2565"
    with_round, _ = render_with(sample_data, tmp_path, round=12)
    assert text_of(part(with_round, "word/header1.xml")) == "สพป.อด.2 ปีงบประมาณ พ.ศ. 2565 รอบ 12 เดือน"
