"""sar_forms.forms.importer: forms in the official layout (.docx) back to data, ours and hand-typed ones."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from foreign_forms import foreign_form

import sar_forms
from sar_forms.cli import main
from sar_forms.forms.importer import import_docx
from sar_forms.forms.render import FormRenderer

LONG = ROOT / "samples" / "long-form-example.yaml"


def round_trip(a: sar_forms.Assessment, path: Path) -> sar_forms.Assessment:
    data, _report = import_docx(sar_forms.render_docx(a, path))
    return sar_forms.validate_assessment(data)


def test_our_sample_comes_back_as_the_same_data(sample, tmp_path):
    """This test ensures that render -> import gives the sample's data back, equal after validation."""
    assert round_trip(sample, tmp_path / "f.docx") == sample


def test_the_long_form_comes_back_with_its_sub_items(tmp_path):
    """This test ensures that sub-items, many evidence items and long URLs survive the round trip."""
    a = sar_forms.load_assessment(LONG)
    assert round_trip(a, tmp_path / "f.docx") == a


def test_hostile_text_round_trips(sample_data, tmp_path):
    """This test ensures that line breaks, tabs, markup and Jinja-looking text, a points rubric,
    a round, a long step, and steps whose text holds what a typed form's numbers look like (a
    line starting "5)" or "(5.1)", "5) ... 6) ..." in one line) come back as typed."""
    data = dict(sample_data)
    data["round"] = 6
    data["narrative"] = dict(
        data["narrative"],
        steps=[
            "บรรทัดแรก\nบรรทัดที่สอง",
            "A & B <b>x</b> {{ y }} {% z %} {_{ w }_}",
            "ยาว " * 3000,
            "ขั้นตอน\n5) ไม่ใช่ข้อใหม่\n(5.1) ไม่ใช่ข้อย่อย",
            "ทำตาม 5) ก 6) ข ในบรรทัดเดียว",
        ],
        results=[],
        problems=[{"text": "ปัญหา อุปสรรค", "items": ["ย่อย 1", "- ย่อย 2"]}],
    )
    data["evidence"] = {
        "documents": [{"title": "เอกสาร 1. ที่มีจุด", "submitted": True, "url": "https://example.org/a?b=1&c=2"}],
        "references": [
            {"label": "เว็บไซต์", "url": "https://example.org/x"},
            {"label": "คู่มือ", "url": "https://example.org/y", "link_text": "ดาวน์โหลด"},
        ],
    }
    data["office"] = dict(data["office"], province="ขอนแก่น", area=None, name="สำนักงานเขตพื้นที่การศึกษาทดสอบ")
    a = sar_forms.validate_assessment(data)
    assert round_trip(a, tmp_path / "f.docx") == a


def test_points_come_back_from_the_documents_properties(sample_data, tmp_path):
    """This test ensures that per-point facts, which the page does not print, come back too."""
    data = dict(sample_data)
    del data["level"]
    data["points"] = [{"done": True, "clear": True}, {"done": True, "clear": True}, {"done": True}, {"done": True}]
    a = sar_forms.validate_assessment(data)
    assert a.level == 3
    back = round_trip(a, tmp_path / "f.docx")
    assert back == a


def resaved_by_libreoffice(soffice: str, docx: Path, tmp: Path) -> Path:
    """``docx`` opened and saved again by LibreOffice (``soffice --convert-to docx``), in ``tmp/out``."""
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(tmp / "out"), str(docx)],
        capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    return tmp / "out" / docx.name


def hostile(sample_data: dict) -> sar_forms.Assessment:
    data = dict(sample_data, round=12)
    data["narrative"] = dict(
        data["narrative"], steps=["บรรทัดแรก\nบรรทัดที่สอง", "A & B <b>x</b> {{ y }}", "ยาว " * 2000], results=[]
    )
    return sar_forms.validate_assessment(data)


@pytest.mark.parametrize("which", ["sample", "long form", "hostile"])
def test_a_libreoffice_resave_still_comes_back_exactly(which, sample, sample_data, soffice, tmp_path):
    """This test ensures that the round trip holds after LibreOffice has opened and saved the .docx
    again (styles renamed, runs split, bare hosts' links given a slash)."""
    a = {"sample": sample, "long form": sar_forms.load_assessment(LONG), "hostile": hostile(sample_data)}[which]
    src = sar_forms.render_docx(a, tmp_path / "in" / "form.docx")
    data, report = import_docx(resaved_by_libreoffice(soffice, src, tmp_path))
    assert sar_forms.validate_assessment(data) == a, report.lines()


@pytest.mark.parametrize(
    "variant",
    [
        {},
        {"split": True},
        {"thai_digits": True},
        {"boxes": "wingdings"},
        {"boxes": "legacy", "field_links": True},
        {"boxes": "sdt", "split": True},
    ],
    ids=["plain", "split-table", "thai-digits", "wingdings", "legacy-fields", "content-controls"],
)
def test_a_hand_typed_form_is_recovered(sample, tmp_path, variant):
    """This test ensures that a form typed in Word with direct formatting, in each variant real
    files show, gives the reference's level, every step, result, problem and suggestion, every
    evidence item with its state and URL, and the notes; the office's name is guessed (reported)."""
    path = foreign_form(sample, tmp_path / "typed.docx", **variant)
    data, report = import_docx(path)
    assert data["level"] == sample.level
    assert data["fiscal_year"] == 2565 and data["office"]["short_name"] == "สพป.อด.2"
    n = data["narrative"]
    assert n["steps"] == [s.text for s in sample.narrative.steps]
    assert n["results"] == [s.text for s in sample.narrative.results]
    assert n["problems"] == [s.text for s in sample.narrative.problems]
    assert n["suggestions"] == [s.text for s in sample.narrative.suggestions]
    assert data["evidence"] == sample.model_dump(mode="json", exclude_defaults=True)["evidence"]
    assert "notes" not in data  # the catalogue's notes, as the sample has them
    assert data["office"] == sample.office.model_dump(mode="json")
    assert report.unmapped == []
    assert ("office.name", "built from the short name (kind, province, area)") in report.guessed


def test_a_hand_typed_form_saved_by_libreoffice_is_recovered(sample, tmp_path, soffice):
    """This test ensures that a hand-typed form that went through LibreOffice (another program's
    save) still gives every part of the reference."""
    path = foreign_form(sample, tmp_path / "in" / "typed.docx", split=True, boxes="wingdings")
    data, report = import_docx(resaved_by_libreoffice(soffice, path, tmp_path))
    assert data["level"] == sample.level
    assert data["narrative"]["steps"] == [s.text for s in sample.narrative.steps]
    assert data["evidence"] == sample.model_dump(mode="json", exclude_defaults=True)["evidence"]
    assert report.unmapped == []


def test_text_that_fits_nowhere_is_reported_not_dropped(sample, tmp_path):
    """This test ensures that a stray paragraph (before the narrative's first heading) is listed
    in the report with its text."""
    import docx

    path = foreign_form(sample, tmp_path / "typed.docx")
    d = docx.Document(str(path))
    d.tables[0].cell(1, 2).paragraphs[0].text = "ข้อความที่ไม่รู้ว่าเป็นส่วนใด"
    d.save(str(path))
    _data, report = import_docx(path)
    assert ("narrative (before any heading)", "ข้อความที่ไม่รู้ว่าเป็นส่วนใด") in report.unmapped


def test_a_document_that_is_not_a_form_is_refused_clearly(tmp_path):
    """This test ensures that a .docx without the form's headings, or a file that is no .docx, is an
    InputError naming the file."""
    import docx

    d = docx.Document()
    d.add_paragraph("จดหมายทั่วไป")
    d.save(str(tmp_path / "letter.docx"))
    with pytest.raises(sar_forms.InputError, match="official layout"):
        import_docx(tmp_path / "letter.docx")
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    with pytest.raises(sar_forms.InputError, match="not a .docx"):
        import_docx(tmp_path / "bad.docx")


def test_import_command_writes_yaml_that_validates(sample, tmp_path, capsys):
    """This test ensures that `sar-forms import FORM.docx -o DATA.yaml` writes data in the documented
    format that `validate` accepts, and `import DIR -o OUT` converts a folder, saying per file what
    was found and guessed and which file needs what, with a summary."""
    form = sar_forms.render_docx(sample, tmp_path / "forms" / "a.docx")
    foreign_form(sample, tmp_path / "forms" / "b.docx")
    unknown = sample.model_copy(update={"office": sample.office.model_copy(update={"short_name": "เขตทดสอบ"})})
    foreign_form(unknown, tmp_path / "forms" / "c.docx")
    assert main(["import", str(form), "-o", str(tmp_path / "a.yaml")]) == 0
    assert sar_forms.load_assessment(tmp_path / "a.yaml") == sample
    assert yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))["indicator"] == "1.2"
    code = main(["import", str(tmp_path / "forms"), "-o", str(tmp_path / "data")])
    out = capsys.readouterr().out
    assert "3 forms:" in out and "2 imported, 1 need editing" in out and code == 1
    lines = out.splitlines()
    assert any("b.docx" in line and "guessed" in line and "0 not mapped" in line for line in lines), out
    assert any("c.docx" in line and "office.kind" in line for line in lines), out
    typed = (tmp_path / "data" / "b.yaml").read_text(encoding="utf-8")
    assert '  name: "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2"  # guessed: built from the short name' in typed
    assert '  kind: "สพป."  # guessed: สพป., from the office\'s short name' in typed  # on its line
    assert sar_forms.load_assessment(tmp_path / "data" / "b.yaml").office == sample.office
    unplaced = (tmp_path / "data" / "c.yaml").read_text(encoding="utf-8")
    assert "# not mapped: office.kind: 'not found: fill it in'" in unplaced  # on top


def test_batch_takes_a_folder_of_word_forms(sample, tmp_path):
    """This test ensures that `batch` imports .docx forms in its input folder on the fly."""
    from sar_forms.inputs.tables import read_records
    from sar_forms.run.batch import run_batch

    folder = tmp_path / "in"
    sar_forms.render_docx(sample, folder / "a.docx")
    report = run_batch(read_records(folder), tmp_path / "out", jobs=1)
    assert report.ok and report.count("produced") == 1
    produced = tmp_path / "out" / report.results[0].docx
    assert import_docx(produced)[0] == import_docx(folder / "a.docx")[0]
    shutil.rmtree(folder)


def test_renderer_records_what_the_page_does_not_print(sample):
    """This test ensures that our forms keep the office's kind, province and area in their core properties."""
    import io
    import zipfile

    core = zipfile.ZipFile(io.BytesIO(FormRenderer().render(sample))).read("docProps/core.xml").decode()
    assert 'sar_forms:{"office":{"kind":"สพป.","province":"อุดรธานี","area":2}}' in core


def test_two_checked_levels_are_reported_and_the_first_kept(sample, tmp_path):
    """This test ensures that a level column with two boxes checked is not silently resolved: the
    first (highest) level is taken and the other is listed in the report."""
    import docx

    path = foreign_form(sample, tmp_path / "typed.docx")
    d = docx.Document(str(path))
    cell = d.tables[0].cell(3, 0)  # level 3's row
    cell.paragraphs[0].runs[0].text = "☑"
    d.save(str(path))
    data, report = import_docx(path)
    assert data["level"] == 5
    assert ("level", "also checked: 3") in report.unmapped


def test_a_file_name_cannot_write_data_into_the_imported_yaml(sample, tmp_path):
    """This test ensures that a form whose file name holds a line break (and YAML after it) gives
    YAML whose comments stay comments: the data read back is the form's, no key added."""
    import yaml

    from sar_forms.forms.import_report import to_yaml

    name = tmp_path / "form\nround: 6\nsign_off: {prepared_by: {name: x}}\n.docx"
    data, report = import_docx(sar_forms.render_docx(sample, name))
    text = to_yaml(data, report)
    assert yaml.safe_load(text) == data and "round" not in yaml.safe_load(text)


def test_damaged_parts_and_lying_properties_cost_only_their_own_file(sample, tmp_path):
    """This test ensures that a form whose core properties, relationships or header are damaged
    XML is read from its page or refused with an InputError naming the part (no traceback);
    that metadata of the wrong type or size is not believed, and the page's word on the office's
    kind wins over the properties' (and is reported); and that an unreferenced header, a FIFO
    named .docx and a .docm for check are told apart clearly."""
    import json
    import os
    import zipfile

    from sar_forms import app
    from sar_forms.errors import InputError

    good = sar_forms.render_docx(sample, tmp_path / "good.docx")

    def variant(name: str, change: dict[str, bytes]) -> Path:
        out = tmp_path / name
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w") as dst:
            for item in src.infolist():
                dst.writestr(item.filename, change.get(item.filename, src.read(item)))
            for extra in set(change) - set(src.namelist()):
                dst.writestr(extra, change[extra])
        return out

    data, _ = import_docx(variant("core.docx", {"docProps/core.xml": b"<broken"}))
    assert data["office"]["short_name"] == "สพป.อด.2"  # the page still speaks
    data, _ = import_docx(variant("rels.docx", {"word/_rels/document.xml.rels": b"<broken"}))
    assert data["narrative"]["steps"]
    header = next(n for n in zipfile.ZipFile(good).namelist() if n.startswith("word/header"))
    with pytest.raises(InputError, match=f"{header}.*damaged|damaged.*{header}"):
        import_docx(variant("header.docx", {header: b"<broken"}))
    stray = variant("stray.docx", {"word/header99.xml": zipfile.ZipFile(good).read(header).replace(b"2565", b"2599")})
    assert import_docx(stray)[0]["fiscal_year"] == 2565  # a header nothing refers to is not the page's
    core = zipfile.ZipFile(good).read("docProps/core.xml").decode()
    meta = json.dumps({"office": {"kind": "สพม.", "province": 7, "area": "x" * 10}, "points": list(range(9))})
    lying = core.replace(core[core.index("sar_forms:") : core.index("</dc:description>")], "sar_forms:" + meta)
    data, report = import_docx(variant("lying.docx", {"docProps/core.xml": lying.encode()}))
    assert data["office"]["kind"] == "สพป." and "points" not in data
    assert any(f == "office.kind" and "the page's is taken" in why for f, why in report.guessed)
    os.mkfifo(tmp_path / "pipe.docx")
    with pytest.raises(InputError, match="not a file"):
        import_docx(tmp_path / "pipe.docx")
    (tmp_path / "x.docm").write_bytes(b"PK")
    with pytest.raises(InputError, match="check takes"):
        app.check(tmp_path / "x.docm")


def test_import_is_linear_in_the_shapes_that_were_quadratic(tmp_path):
    """This test ensures that 200,000 unnumbered lines in a part (joined one by one, the import
    never finished) and a page header of 100,000 spaces (a backtracking pattern: half a minute)
    are read in bounded work: the lines are one item with one note, the header gives no office,
    and neither do 50,000 office prefixes with nothing after them; a reference of 100,000 spaces
    (the plain-address pattern backtracked: some 80 s) is one reference without an address."""
    from sar_forms.forms.import_columns import evidence_of, narrative_of
    from sar_forms.forms.import_office import office_and_year
    from sar_forms.forms.import_report import ImportReport
    from sar_forms.ooxml.page import Para

    report = ImportReport("x")
    paras = [Para("กระบวนการ", []), Para("1) ขั้นตอนแรก", [])] + [Para("ต่อ", [])] * 200_000
    out = narrative_of(paras, "ทดสอบ", report)
    assert len(out["steps"]) == 1 and out["steps"][0].count("\n") == 200_000
    assert len(report.guessed) == 1  # one note for the item, not one per line
    data: dict = {}
    office_and_year(data, " " * 100_000 + "x", "", "สพป." * 50_000 + " " * 100_000, {}, ImportReport("x"))
    assert "short_name" not in data["office"]
    refs = evidence_of([Para("1. ก" + " " * 100_000 + "x" + " http://" * 14_000 + " ", [])], ImportReport("x"))
    assert len(refs["references"]) == 1 and "url" not in refs["references"][0]


def test_a_form_cannot_walk_around_the_limits_through_another_field(sample_data, tmp_path):
    """This test ensures that the limits hold whatever field carries the text: notes count toward
    the form's characters, lists hold at most MAX_ITEMS items, a JSON file is as bounded as a YAML
    one, a CSV file's rows are bounded."""
    import json

    from sar_forms.domain.models import MAX_ITEMS
    from sar_forms.inputs.tables import MAX_ROWS, read_records

    with pytest.raises(sar_forms.InputError, match="characters of text"):
        sar_forms.validate_assessment(dict(sample_data, notes=["ข" * 50_000, "ค" * 50_000, "ง" * 50]))
    with pytest.raises(sar_forms.InputError, match=f"at most {MAX_ITEMS}"):
        sar_forms.validate_assessment(dict(sample_data, notes=["ข้อ"] * (MAX_ITEMS + 1)))
    big = tmp_path / "big.json"
    big.write_text(json.dumps(dict(sample_data, notes=["x" * 1000] * 3000)), encoding="utf-8")
    with pytest.raises(sar_forms.InputError, match="more than 2,000,000 characters"):
        sar_forms.load_assessment(big)
    rows = tmp_path / "rows.csv"
    rows.write_text("form_id,level\n" + "a,5\n" * (MAX_ROWS + 1), encoding="utf-8")
    with pytest.raises(sar_forms.InputError, match=f"more than {MAX_ROWS} rows"):
        list(read_records(rows))


def test_oversized_or_deep_metadata_is_not_believed_and_a_long_author_costs_nothing(sample, tmp_path):
    """This test ensures that core-property comments of 5 million characters or JSON nested
    100,000 deep are ignored (the page speaks), and an author of 200,000 spaces (its pattern once
    took 97 s) is ignored too: the import reads the page, in bounded work."""
    import zipfile

    from sar_forms.forms.metadata import read_form_metadata

    good = sar_forms.render_docx(sample, tmp_path / "good.docx")
    core = zipfile.ZipFile(good).read("docProps/core.xml").decode()
    start, end = core.index("sar_forms:"), core.index("</dc:description>")
    huge = core[:start] + 'sar_forms:{"points": "' + "1" * 5_000_000 + '"}' + core[end:]
    deep = core[:start] + "sar_forms:" + "[" * 100_000 + "]" * 100_000 + core[end:]
    assert read_form_metadata(huge.encode()) == {} and read_form_metadata(deep.encode()) == {}
    spaces = core.replace(
        core[core.index("<dc:creator>") : core.index("</dc:creator>")], "<dc:creator>" + " " * 200_000
    )
    assert "office_name" not in read_form_metadata(spaces.encode())


def test_a_word_form_with_more_notes_than_a_form_holds_needs_editing(sample, tmp_path, capsys):
    """This test ensures that a .docx with 2,000 paragraphs after the table (imported as notes)
    is imported with the problem told, exit 1: the same limit as for a YAML file (it exited 0
    with data that validate then refused)."""
    from docx import Document

    path = sar_forms.render_docx(sample, tmp_path / "f.docx")
    doc = Document(str(path))
    for n in range(2_000):
        doc.add_paragraph(f"{n + 1}. หมายเหตุ")
    doc.save(str(path))
    assert main(["import", str(path), "-o", str(tmp_path / "f.yaml")]) == 1
    assert "at most 200" in capsys.readouterr().err
