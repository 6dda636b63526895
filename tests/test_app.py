"""sar_forms.app: the use cases every face shares, an options value in, typed results out."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import yaml
from conftest import SAMPLE
from pypdf import PdfReader

import sar_forms
from sar_forms import app
from sar_forms.app import batches


def write(folder: Path, name: str, data: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_check_names_the_field_of_a_models_own_check_as_data(sample_data, tmp_path):
    """This test ensures that a problem the model states about the whole form (a level that
    contradicts the points) comes back beside the field that answers for it, as data: no face
    has to read the field out of the message."""
    data = dict(sample_data, points=[{"done": True, "clear": False}] * 4)
    report = app.check(write(tmp_path, "f.yaml", data))
    assert [(f.severity, f.field) for f in report.findings] == [("error", "level")]
    assert "contradicts the points" in report.findings[0].message
    assert report.errors == 1 and not report.passed()


def test_check_passes_the_reference_form_and_counts_warnings_only_when_strict(sample_data, tmp_path):
    """This test ensures that a form with only warnings passes, unless strict."""
    data = dict(sample_data, evidence={"documents": [{"title": "แผน", "submitted": False}]})
    report = app.check(write(tmp_path, "f.yaml", data))
    assert report.errors == 0 and report.warnings == 1
    assert report.passed() and not report.passed(strict=True)


def test_warnings_reach_the_caller_as_data_naming_the_file(sample_data, tmp_path):
    """This test ensures that what reading warned of (a character a Word document cannot hold)
    is handed to the caller with the file it concerns, not printed by the library."""
    narrative = dict(sample_data["narrative"], steps=["ขั้นตอน\x01หนึ่ง"])
    path = write(tmp_path, "f.yaml", dict(sample_data, narrative=narrative))
    told: list[tuple[str, str]] = []
    a = app.load(path, on_warning=lambda source, message: told.append((source, message)))
    assert a.narrative.steps[0].text == "ขั้นตอนหนึ่ง"
    assert [source for source, _ in told] == [str(path)] and "narrative.steps[0]" in told[0][1]


def test_render_writes_both_files_through_the_converter_given(tmp_path):
    """This test ensures that render makes the .docx and the PDF with the options' converter
    (here the shipped FakeConverter: no LibreOffice), and leaves that converter open."""
    fake = sar_forms.FakeConverter()
    made = app.render(SAMPLE, app.Options(converter=fake), docx=tmp_path / "f.docx", pdf=tmp_path / "f.pdf")
    assert made.docx is not None and zipfile.is_zipfile(made.docx)
    assert made.pdf is not None and PdfReader(io.BytesIO(made.pdf.read_bytes())).metadata["/Author"] == (
        "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2"
    )
    assert len(fake.converted) == 1 and not fake.closed


def test_batch_then_books_reads_the_input_once(sample_data, tmp_path, monkeypatch):
    """This test ensures that a batch followed by the offices' books reads its input one time
    (the records the batch read are kept for the books) and makes both."""
    folder = tmp_path / "in"
    for code, level in (("1.2", 5), ("1.1", 3)):
        data = dict(sample_data, level=level, round=12)
        if code != "1.1":
            write(folder, f"{code}.yaml", data)
        else:
            data["indicator"] = {"code": code, "points": 4, "rubric": {"pattern": "points", "points": 4}}
            write(folder, f"{code}.yaml", data)
    readings = []
    real = batches.read_records

    def counted(*args, **kwargs):
        readings.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(batches, "read_records", counted)
    fake = sar_forms.FakeConverter()
    outcome = app.batch(folder, tmp_path / "out", app.Options(converter=fake), with_books=True)
    assert readings == [folder]
    assert outcome.ok and outcome.report.count("produced") == 2
    (book,) = outcome.books
    assert book.forms == 2 and book.docx is not None and book.docx.is_file() and book.pdf is not None


def test_import_folder_reports_each_form_and_whether_it_needs_editing(sample, tmp_path):
    """This test ensures that importing a folder gives one result per .docx (Word's lock files
    left out): the data, the report, the YAML written where the form was, and the problem that
    keeps a form from validating; a file that is no Word document costs only itself."""
    forms = tmp_path / "forms"
    sar_forms.render_docx(sample, forms / "a" / "form.docx")
    (forms / "broken.docx").write_bytes(b"not a zip")
    (forms / "~$form.docx").write_bytes(b"lock")
    results = app.import_folder(forms, tmp_path / "data")
    by_name = {r.form.name: r for r in results}
    assert set(by_name) == {"form.docx", "broken.docx"}
    good = by_name["form.docx"]
    assert good.ok and good.target == tmp_path / "data" / "a" / "form.yaml" and good.target.is_file()
    assert sar_forms.validate_assessment(yaml.safe_load(good.target.read_text("utf-8"))) == sample
    assert by_name["broken.docx"].error is not None and not by_name["broken.docx"].ok


def test_next_year_carries_the_form_and_finds_last_years_words(tmp_path):
    """This test ensures that next-year sets the new fiscal year and round, keeps everything else,
    writes YAML that validates, and lists the texts still naming last year (not rewriting them:
    last year's document is not this year's)."""
    done = app.next_year(SAMPLE, 2566, round=6, target=tmp_path / "next.yaml")
    a = sar_forms.load_assessment(tmp_path / "next.yaml")
    assert (a.fiscal_year, a.round) == (2566, 6)
    assert a.evidence.documents[0].title == sar_forms.load_assessment(SAMPLE).evidence.documents[0].title
    stale = [f.field for f in done.findings if "2565" in f.message]
    assert stale == [f"evidence.documents[{i}].title" for i in range(3)]
    assert done.yaml.startswith("# carried from") and "# warning: evidence.documents[0].title" in done.yaml


def test_validate_takes_what_batch_takes(tmp_path):
    """This test ensures that validate reads a workbook as batch does: one record per row, each
    valid or carrying its error."""
    records = app.validate(Path(__file__).resolve().parents[1] / "samples" / "districts-example.xlsx")
    assert len(records) == 3 and all(r.assessment is not None for r in records)
