"""Batch production: inputs, manifest, resume, determinism, bad rows, path safety, Dask, interruption."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, SAMPLE
from helpers import process_name

from sar_forms.cli import main
from sar_forms.forms.naming import output_paths, safe_name
from sar_forms.inputs.tables import FORM_COLUMNS, Record, read_records
from sar_forms.pdf.convert import LibreOfficeConverter
from sar_forms.pdf.fake import FakeConverter
from sar_forms.run.batch import run_batch

WORKBOOK = ROOT / "samples" / "districts-example.xlsx"
CSV = ROOT / "samples" / "districts-example.csv"


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_workbook_batch(tmp_path, capsys):
    """This test ensures that the example workbook gives one form per row, in one folder per office, with a manifest."""
    assert main(["batch", str(WORKBOOK), "-o", str(tmp_path), "--jobs", "2"]) == 0
    m = manifest(tmp_path)
    assert (m["produced"], m["failed"]) == (3, 0)
    by_id = {r["id"]: r for r in m["records"]}
    udon = by_id["udon2-1.2"]
    assert udon["docx"] == "สพป.อด.2/สพป.อด.2_1.2_2565.docx" and udon["level"] == 5
    assert sha(tmp_path / udon["docx"]) == udon["docx_sha256"]
    assert "produced 3, skipped 0, failed 0" in capsys.readouterr().out
    # the evidence sheet's rows reached their form
    from helpers import hyperlinks

    assert ("คลิก", "http://www.udesa2.go.th") in hyperlinks(tmp_path / udon["docx"])
    rows = list(csv_rows(tmp_path / "manifest.csv"))
    assert [r["status"] for r in rows] == ["produced"] * 3
    summary = openpyxl.load_workbook(tmp_path / "summary.xlsx")
    assert summary.sheetnames == ["ปีงบประมาณ 2565", "ปีงบประมาณ 2566", "failures"]  # a sheet per fiscal year
    table = {
        (ws.title[-4:], ws.cell(r, 1).value): ws.cell(r, 2).value
        for ws in summary.worksheets[:2]
        for r in range(2, ws.max_row + 1)
        if ws.cell(r, 2).value
    }
    assert table == {("2565", "สพป.อด.2"): 5, ("2566", "สพป.ตย.1"): 4, ("2566", "สพม.ตย."): 3}
    assert all(ws.conditional_formatting for ws in summary.worksheets[:2])  # the colour scale


def csv_rows(path: Path):
    import csv

    with path.open(encoding="utf-8-sig") as fh:
        yield from csv.DictReader(fh)


def test_workbook_rows_match_the_yaml_sample(sample):
    """This test ensures that the reference form typed into the workbook reads back as the same assessment."""
    rec = next(r for r in read_records(WORKBOOK) if r.id == "udon2-1.2")
    assert rec.error is None and rec.assessment == sample


def test_csv_and_folder_inputs(tmp_path):
    """This test ensures that a CSV file and a folder of YAML/JSON files are batch inputs too."""
    report = run_batch(read_records(CSV), tmp_path / "csv", jobs=1)
    assert report.count("produced") == 2 and report.ok
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a.yaml")
    data = json.loads(json.dumps(__import__("yaml").safe_load(SAMPLE.read_text(encoding="utf-8"))))
    data["office"]["short_name"] = "สพป.อด.3"
    (folder / "b.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = run_batch(read_records(folder), tmp_path / "dir", jobs=1)
    assert sorted(r.docx for r in report.results) == [
        "สพป.อด.2/สพป.อด.2_1.2_2565.docx",
        "สพป.อด.3/สพป.อด.3_1.2_2565.docx",
    ]


def bad_workbook(tmp_path: Path) -> Path:
    wb = openpyxl.load_workbook(WORKBOOK)
    ws = wb["forms"]
    ws.cell(3, 9).value = 7  # level of example1 (row 3)
    ws.cell(4, 8).value = "8.8"  # indicator of example2 (row 4)
    ev = wb["evidence"]
    ev.cell(2, 6 - 2).value = "บางที"  # submitted of the first evidence row (column D)
    for col, value in enumerate(["no-such-form", "อ้างอิง", "x"], start=1):  # row 11: after the 9 evidence rows
        ev.cell(11, col).value = value
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    return path


def test_bad_rows_are_reported_and_the_good_ones_produced(tmp_path, capsys):
    """This test ensures that bad rows name sheet, row and column, and do not stop the others."""
    path = bad_workbook(tmp_path)
    # row 2 (udon2) now has a bad evidence row; rows 3 and 4 have bad cells
    out = tmp_path / "out"
    code = main(["batch", str(path), "-o", str(out), "--jobs", "1"])
    assert code == 1
    m = manifest(out)
    errors = {r["id"]: " ".join(r["errors"]) for r in m["records"] if r["status"] == "failed"}
    assert "forms!row 3 (example1-1.2): column level: Input should be less than or equal to 5" in errors["example1-1.2"]
    assert "forms!row 4 (example2-1.2): column indicator: unknown indicator '8.8'" in errors["example2-1.2"]
    assert "evidence!row 2: 'บางที' is not yes or no" in errors["udon2-1.2"]
    assert "evidence!row 11: column form_id: no form has form_id 'no-such-form'" in errors["evidence-row11"]
    assert "failed 4" in capsys.readouterr().out
    # a workbook with good and bad rows still produces the good ones
    wb = openpyxl.load_workbook(path)
    wb["evidence"].delete_rows(2)
    wb.save(path)
    report = run_batch(read_records(path), tmp_path / "out2", jobs=1)
    assert [r.status for r in report.results if r.id == "udon2-1.2"] == ["produced"]
    assert report.count("failed") == 3 and not report.ok


def test_resume_skips_what_is_up_to_date(tmp_path):
    """This test ensures that --resume skips unchanged records and redoes changed or missing outputs."""
    run_batch(read_records(WORKBOOK), tmp_path, jobs=1)
    first = manifest(tmp_path)
    report = run_batch(read_records(WORKBOOK), tmp_path, jobs=1, resume=True)
    assert report.count("skipped") == 3 and report.count("produced") == 0
    (tmp_path / first["records"][1]["docx"]).unlink()
    wb = openpyxl.load_workbook(WORKBOOK)
    wb["forms"].cell(4, 9).value = 1
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)
    report = run_batch(read_records(changed), tmp_path, jobs=1, resume=True)
    status = {r.id: r.status for r in report.results}
    assert status == {"udon2-1.2": "skipped", "example1-1.2": "produced", "example2-1.2": "produced"}
    assert manifest(tmp_path)["skipped"] == 1


def test_reruns_give_identical_bytes(tmp_path):
    """This test ensures that the same input gives byte-identical .docx files on every run."""
    a = run_batch(read_records(WORKBOOK), tmp_path / "a", jobs=2)
    b = run_batch(read_records(WORKBOOK), tmp_path / "b", jobs=1)
    for ra, rb in zip(a.results, b.results):
        assert (tmp_path / "a" / ra.docx).read_bytes() == (tmp_path / "b" / rb.docx).read_bytes()


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("สพป.อด.2", "สพป.อด.2"),
        ("../../etc/passwd", "_._etc_passwd"),
        ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("..", "_"),
        ("ชื่อ. ", "ชื่อ"),
        ("x\x00y\ty", "x_y_y"),
    ],
)
def test_safe_names(name, safe):
    """This test ensures that names are safe on Windows and Linux and Thai is kept."""
    assert safe_name(name) == safe


def test_outputs_stay_inside_the_output_folder(sample, tmp_path):
    """This test ensures that a hostile short name cannot place a file outside the output folder."""
    for short in ("../../evil", "/abs/path", "..", "C:\\x"):
        a = sample.model_copy(update={"office": sample.office.model_copy(update={"short_name": short})})
        docx, pdf = output_paths(tmp_path, a)
        assert docx.resolve().is_relative_to(tmp_path.resolve()) and docx.parent.parent == tmp_path


def test_duplicate_forms_are_refused(tmp_path):
    """This test ensures that two records for the same office, indicator and year do not overwrite each other."""
    records = list(read_records(WORKBOOK))
    records.append(records[0].__class__(id="dup", source="x", location="forms!row 9", assessment=records[0].assessment))
    report = run_batch(records, tmp_path, jobs=1)
    assert report.results[-1].status == "failed" and "one form each" in report.results[-1].errors[0]


@pytest.mark.filterwarnings(
    "ignore::DeprecationWarning",
    "ignore::ResourceWarning",
    "ignore::UserWarning",
    "ignore::pytest.PytestUnraisableExceptionWarning",
)
def test_dask_cluster(tmp_path):
    """This test ensures that a batch runs on a real dask.distributed LocalCluster through its executor."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        report = run_batch(read_records(WORKBOOK), tmp_path, executor=client.get_executor())
        workers = set(client.run(os.getpid).values())
    assert report.ok and report.count("produced") == 3 and len(workers) == 2
    for r in report.results:
        assert zipfile.ZipFile(tmp_path / r.docx).testzip() is None


def many_forms(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"f{i:02d}.yaml").write_text(text.replace("สพป.อด.2", f"สพป.ทด.{i}"), encoding="utf-8")
    return folder


def office_processes() -> set[int]:
    """Live LibreOffice processes (a killed one waiting to be reaped is dead: left out)."""
    return {
        int(p)
        for p in os.listdir("/proc")
        if p.isdigit() and process_name(p).startswith("soffice.bin") and not _zombie(p)
    }


def _zombie(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in "ZX"
    except (OSError, IndexError):
        return True


def assert_no_office_left(before: set[int]) -> None:
    deadline = time.monotonic() + 10
    while office_processes() - before:
        assert time.monotonic() < deadline, f"LibreOffice left running: {office_processes() - before}"
        time.sleep(0.2)


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and not _zombie(entry):
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.add(child)
            todo.append(child)
    return out


def alive(pids: set[int]) -> set[int]:
    return {p for p in pids if Path(f"/proc/{p}").exists() and not _zombie(str(p))}


@pytest.mark.parametrize(("sig", "jobs"), [(signal.SIGINT, "1"), (signal.SIGKILL, "1"), (signal.SIGKILL, "2")])
def test_interrupted_batch_leaves_no_partial_file_and_resumes(tmp_path, soffice, sig, jobs):
    """This test ensures that Ctrl-C or kill -9 mid-batch leaves only whole files and no process it
    started (render workers, UNO workers, LibreOffice), and that --resume finishes the rest."""
    before = office_processes()
    folder, out = many_forms(tmp_path, 40), tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "sar_forms.cli",
        "batch",
        str(folder),
        "-o",
        str(out),
        "--pdf",
        "--jobs",
        jobs,
        "--chunk",
        "2",
    ]
    # as from a terminal: a test run started in the background inherits SIGINT ignored, which
    # Python (rightly) keeps ignoring
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
    )
    journal = out / ".manifest.jsonl"
    deadline = time.monotonic() + 120
    while not (journal.exists() and len(journal.read_text(encoding="utf-8").splitlines()) >= 2):
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.05)
    started = descendants(proc.pid)
    assert started  # LibreOffice at least
    os.kill(proc.pid, sig)
    proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
    assert_no_office_left(before)  # even after a kill: the worker notices its parent is gone
    deadline = time.monotonic() + 10
    while alive(started):
        assert time.monotonic() < deadline, f"left running after the batch died: {alive(started)}"
        time.sleep(0.2)
    done = list(out.rglob("*.pdf"))
    assert 2 <= len(done) < 40
    for pdf in done:
        from sar_forms.pdf.postprocess import check_pdf

        check_pdf(pdf.read_bytes())
    for docx in out.rglob("*.docx"):
        assert zipfile.ZipFile(docx).testzip() is None
    resumed = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    m = manifest(out)
    assert m["produced"] + m["skipped"] == 40 and m["failed"] == 0 and m["skipped"] >= 2
    assert not list(out.rglob(".*.part*")) and not journal.exists()
    assert_no_office_left(before)


class ReversedRenders(Executor):
    """Renders on threads, each record's finishing later the earlier it was submitted: the
    opposite of input order, as a busy process pool may finish them."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=8)
        self.submitted = 0

    def submit(self, fn, /, *args, **kwargs):
        delay = 0.3 / (1 + self.submitted)
        self.submitted += 1
        return self.pool.submit(lambda: (time.sleep(delay), fn(*args, **kwargs))[1])

    def shutdown(self, wait=True, *, cancel_futures=False):
        self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def test_pdf_bytes_do_not_depend_on_which_render_finishes_first(tmp_path, soffice):
    """This test ensures that a PDF batch gives the same bytes for the same input whatever order
    its renders finish in: merged conversions share font subsets among their forms, so the
    chunks are fixed by input order (here 7 forms in chunks of 3: 3, 3, 1)."""
    folder = many_forms(tmp_path, 7)  # each its own digit in the office's name: its own glyphs
    with LibreOfficeConverter(workers=2) as converter:
        in_order = run_batch(read_records(folder), tmp_path / "a", pdf=True, jobs=1, converter=converter, chunk=3)
        with ReversedRenders() as renders:
            reversed_ = run_batch(
                read_records(folder), tmp_path / "b", pdf=True, executor=renders, converter=converter, chunk=3
            )
    assert in_order.ok and reversed_.ok
    for a, b in zip(in_order.results, reversed_.results, strict=True):
        assert a.pdf_sha256 == b.pdf_sha256 == sha(tmp_path / "b" / b.pdf), a.id


def test_pdf_batch_on_all_cores_leaves_no_libreoffice(tmp_path, soffice):
    """This test ensures that a PDF batch in a process pool converts every form and stops its LibreOffices."""
    before = office_processes()
    report = run_batch(read_records(WORKBOOK), tmp_path, pdf=True, jobs=2)
    assert report.ok and all((tmp_path / r.pdf).stat().st_size > 10_000 for r in report.results)
    assert_no_office_left(before)


def test_progress_bar_on_a_terminal(tmp_path, monkeypatch, capsys):
    """This test ensures that on a terminal the batch shows a rich progress bar and still ends with its summary."""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["batch", str(WORKBOOK), "-o", str(tmp_path), "--jobs", "1"]) == 0
    out = capsys.readouterr()
    assert "produced 3, skipped 0, failed 0" in out.out
    assert "[1/3]" not in out.out  # the plain lines are for pipes and logs


def fake_converter(fail_on: str | None = None) -> FakeConverter:
    """The library's FakeConverter, claiming two conversions at once, refusing documents that hold ``fail_on``."""
    return FakeConverter(
        lambda text: "the fake converter refuses this one" if fail_on and fail_on in text else None, concurrency=2
    )


def test_pdf_batch_logic_with_a_fake_converter(tmp_path):
    """This test ensures that a PDF batch uses the converter it is given (never its own), checks
    the font once, reports a failed conversion as a typed error on that record only, and that
    --resume then converts only what is missing."""
    from sar_forms.errors import ConversionError
    from sar_forms.run.manifest import Status

    folder = many_forms(tmp_path, 4)
    before = office_processes()
    fake = fake_converter(fail_on="สพป.ทด.2")
    report = run_batch(read_records(folder), tmp_path / "out", pdf=True, jobs=1, converter=fake)
    assert office_processes() == before and not fake.closed  # the caller's converter, left open
    assert fake.checked_fonts == ["TH Sarabun New"]
    status = {r.id: r.status for r in report.results}
    assert status == {"f00": Status.PRODUCED, "f01": Status.PRODUCED, "f02": Status.FAILED, "f03": Status.PRODUCED}
    failed = next(r for r in report.results if r.id == "f02")
    assert isinstance(failed.error, ConversionError) and failed.error.stderr_tail == "fake converter"
    assert not (tmp_path / "out" / failed.pdf).exists()  # no half-made PDF
    rows = {r["id"]: r for r in manifest(tmp_path / "out")["records"]}
    assert rows["f02"]["status"] == "failed" and "refuses" in rows["f02"]["errors"][0]
    assert rows["f00"]["pdf_sha256"] and "error" not in rows["f00"]

    fixed = fake_converter()
    again = run_batch(read_records(folder), tmp_path / "out", pdf=True, jobs=1, converter=fixed, resume=True)
    assert [r.status for r in again.results] == [Status.SKIPPED, Status.SKIPPED, Status.PRODUCED, Status.SKIPPED]
    assert len(fixed.converted) == 1


@pytest.mark.parametrize(("local_workers", "pool"), [(0, 2), (1, 0), (2, 0)])
def test_a_pdf_batch_renders_on_the_cores_libreoffice_leaves(tmp_path, monkeypatch, local_workers, pool):
    """This test ensures that a PDF batch renders on a process pool only as large as the cores its
    local LibreOffice workers leave free, and in this process when that is one core or none (by
    default every core converts: a pool would only add its start-up and pickling)."""
    import sar_forms.run.batch

    pools: list[int] = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, max_workers: int, **kwargs) -> None:
            pools.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(sar_forms.run.batch, "ProcessPoolExecutor", CountedPool)
    fake = fake_converter()
    fake.local_workers = local_workers
    report = run_batch(read_records(many_forms(tmp_path, 4)), tmp_path / "out", pdf=True, jobs=2, converter=fake)
    assert report.ok and len(fake.converted) >= 1
    assert pools == ([pool] if pool else [])


@pytest.mark.parametrize("pdf", [False, True])
def test_a_batch_holds_only_the_records_it_has_in_flight(tmp_path, sample, pdf):
    """This test ensures that a batch reads its records as it goes and lets each go when its
    files are written: memory does not grow with the number of forms (a form's data is some
    40 KB in memory; a national run has thousands)."""
    import gc
    import weakref

    alive: list[weakref.ref] = []
    most = 0

    def records():
        nonlocal most
        for n in range(120):
            gc.collect()
            most = max(most, sum(ref() is not None for ref in alive))
            office = sample.office.model_copy(update={"short_name": f"สพป.ทด.{n}"})
            a = sample.model_copy(update={"office": office})
            alive.append(weakref.ref(a))
            yield Record(id=f"r{n}", source="test", location=f"#{n}", assessment=a)

    report = run_batch(records(), tmp_path / "out", pdf=pdf, jobs=1, converter=fake_converter() if pdf else None)
    assert report.ok and len(report.results) == 120
    # the records in flight (jobs=1: 6, and for PDFs two chunks of 10 per converter), and the
    # few in hand while the next is read: never all of them
    assert 0 < most <= 6 + (2 * 2 * 10 if pdf else 0) + 4


def test_a_bad_record_keeps_its_typed_error(tmp_path):
    """This test ensures that a library caller gets a failed record's InputError, with its problems."""
    from sar_forms.errors import InputError

    folder = many_forms(tmp_path, 2)
    (folder / "f01.yaml").write_text(
        SAMPLE.read_text(encoding="utf-8").replace("level: 5", "level: 9"), encoding="utf-8"
    )
    report = run_batch(read_records(folder), tmp_path / "out", jobs=1)
    bad = next(r for r in report.results if r.id == "f01")
    assert isinstance(bad.error, InputError) and [field for field, _ in bad.error.problems] == ["level"]


def test_only_this_packages_temporaries_are_cleaned_up(tmp_path):
    """This test ensures that a batch removes the temporaries a killed run of its own left, and
    nothing else that merely looks temporary."""
    out = tmp_path / "out"
    (out / "office").mkdir(parents=True)
    ours = out / "office" / ".sar-forms.f.docx.abc123.part"
    theirs = out / "office" / ".notes.txt.part"
    ours.write_bytes(b"half")
    theirs.write_bytes(b"someone else's")
    run_batch(read_records(many_forms(tmp_path, 1)), out, jobs=1)
    assert not ours.exists() and theirs.read_bytes() == b"someone else's"


def test_run_batch_closes_the_libreoffice_it_started(tmp_path, soffice):
    """This test ensures that no LibreOffice a batch started in this process outlives run_batch."""
    before = office_processes()
    report = run_batch(read_records(many_forms(tmp_path, 3)), tmp_path / "out", pdf=True, jobs=2)
    assert report.ok
    assert office_processes() - before == set()  # at once, not after a grace period


def test_a_damaged_workbook_is_an_error_not_a_traceback(tmp_path, capsys):
    """This test ensures that a workbook whose sheet XML is cut short, or whose bytes are flipped,
    makes `batch` say the workbook is damaged and exit 1."""
    import io
    import random

    src = WORKBOOK.read_bytes()
    zin, buf = zipfile.ZipFile(io.BytesIO(src)), io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data[: len(data) // 2] if info.filename == "xl/worksheets/sheet1.xml" else data)
    flipped = bytearray(src)
    rng = random.Random(7)
    for _ in range(12):
        flipped[rng.randrange(len(flipped))] ^= 0x5A
    for name, data in (("cut.xlsx", buf.getvalue()), ("flipped.xlsx", bytes(flipped))):
        path = tmp_path / name
        path.write_bytes(data)
        assert main(["batch", str(path), "-o", str(tmp_path / "out")]) == 1
        err = capsys.readouterr().err
        assert name in err and ("damaged" in err or "not a readable" in err) and "Traceback" not in err


def test_a_column_given_twice_is_refused(tmp_path, capsys):
    """This test ensures that a second `level` column cannot silently change a form's level."""
    wb = openpyxl.load_workbook(WORKBOOK)
    ws = wb["forms"]
    level = next(c.column for c in ws[1] if c.value and "(level)" in c.value)
    ws.cell(1, ws.max_column + 1, ws.cell(1, level).value)
    wb.save(tmp_path / "two-levels.xlsx")
    assert main(["batch", str(tmp_path / "two-levels.xlsx"), "-o", str(tmp_path / "out")]) == 1
    assert "the column level appears twice" in capsys.readouterr().err
    (tmp_path / "two.csv").write_text("form_id,level,level\nx,5,1\n", encoding="utf-8")
    assert main(["batch", str(tmp_path / "two.csv"), "-o", str(tmp_path / "out2")]) == 1
    assert "appears twice" in capsys.readouterr().err


def test_an_empty_csv_is_an_error(tmp_path, capsys):
    """This test ensures that an empty CSV is not a successful batch of nothing."""
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    assert main(["batch", str(tmp_path / "empty.csv"), "-o", str(tmp_path / "out")]) == 1
    assert "empty" in capsys.readouterr().err


def test_a_long_thai_short_name_is_cut_to_fit_a_file_name_and_the_manifest_says_so(tmp_path):
    """This test ensures that a 110-character Thai short name (330 bytes) still makes its form:
    file names are cut by bytes, the indicator and year kept, and the manifest notes the cut."""
    folder = tmp_path / "in"
    folder.mkdir()
    long = "สำนักงานเขต" * 10
    (folder / "long.yaml").write_text(
        SAMPLE.read_text(encoding="utf-8").replace("short_name: สพป.อด.2", f"short_name: {long}"), encoding="utf-8"
    )
    report = run_batch(read_records(folder), tmp_path / "out", jobs=1)
    (res,) = report.results
    assert res.status == "produced", res.errors
    name = Path(res.docx).name
    assert name.endswith("_1.2_2565.docx") and len(name.encode("utf-8")) <= 255
    assert "cut to fit a file name" in manifest(tmp_path / "out")["records"][0]["notes"][0]


@pytest.mark.parametrize("where", ["file/out.docx", "proc", "dir"])
def test_an_unusable_output_path_is_a_message_and_exit_1(tmp_path, capsys, where):
    """This test ensures that an output under a regular file, in /proc, or onto a folder ends in a
    message naming the path and exit code 1, not an OSError traceback."""
    (tmp_path / "file").write_text("x")
    (tmp_path / "dir.docx").mkdir()
    target = {
        "file/out.docx": tmp_path / "file" / "out.docx",
        "proc": Path("/proc/x.docx"),
        "dir": tmp_path / "dir.docx",
    }[where]
    assert main(["render", str(SAMPLE), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert str(target) in err and "Traceback" not in err
    assert main(["batch", str(SAMPLE.parent), "-o", str(tmp_path / "file" / "dir")]) == 1
    assert str(tmp_path / "file" / "dir") in capsys.readouterr().err


def test_short_names_that_make_one_file_name_are_told_apart(tmp_path):
    """This test ensures that two different short names that clean to the same file name ('..'
    and ' . ' both become '_') are refused for that reason, on the short name, not as 'the same office'."""
    from sar_forms.errors import InputError

    folder = tmp_path / "in"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(text.replace("short_name: สพป.อด.2", 'short_name: ".."'), encoding="utf-8")
    (folder / "b.yaml").write_text(text.replace("short_name: สพป.อด.2", 'short_name: " . "'), encoding="utf-8")
    report = run_batch(read_records(folder), tmp_path / "out", jobs=1)
    first, second = report.results
    assert first.status == "produced" and second.status == "failed"
    assert isinstance(second.error, InputError) and second.error.problems[0][0] == "office.short_name"
    assert "makes the same file name" in second.errors[0]


def test_a_column_without_a_header_is_named_not_dropped(tmp_path, capsys):
    """This test ensures that a header cell merged over two columns, which leaves the second
    column without a header, is reported by column instead of its data being dropped."""
    wb = openpyxl.load_workbook(WORKBOOK)
    ws = wb["forms"]
    ws.merge_cells(start_row=1, start_column=2, end_row=1, end_column=3)  # office_name over office_short_name
    wb.save(tmp_path / "merged.xlsx")
    assert main(["batch", str(tmp_path / "merged.xlsx"), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "column C holds data but has no header" in err
    (tmp_path / "extra.csv").write_text("form_id,level\nx,5,oops\n", encoding="utf-8")
    assert main(["batch", str(tmp_path / "extra.csv"), "-o", str(tmp_path / "out2")]) == 1
    assert "has no header" in capsys.readouterr().err


def test_the_round_names_the_file_and_stands_in_the_manifest(sample, tmp_path):
    """This test ensures that an office's 6- and 12-month forms of one indicator and year are two
    files (``_รอบ6``, ``_รอบ12``), each with its round in the manifest; and that a workbook's
    round column is read."""
    records = [
        Record(id=f"r{n}", source="test", location="", assessment=sample.model_copy(update={"round": n}))
        for n in (6, 12)
    ]
    report = run_batch(records, tmp_path / "out", jobs=1)
    assert report.ok
    assert [r.docx for r in report.results] == [
        "สพป.อด.2/สพป.อด.2_1.2_2565_รอบ6.docx",
        "สพป.อด.2/สพป.อด.2_1.2_2565_รอบ12.docx",
    ]
    rows = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))["records"]
    assert [r["round"] for r in rows] == [6, 12]
    wb = openpyxl.load_workbook(WORKBOOK)
    ws = wb["forms"]
    column = ws.max_column + 1
    ws.cell(1, column).value = f"{FORM_COLUMNS['round'][0]} (round)"
    ws.cell(2, column).value = "รอบ 12 เดือน"
    wb.save(tmp_path / "round.xlsx")
    rec = next(r for r in read_records(tmp_path / "round.xlsx") if r.id == "udon2-1.2")
    assert rec.assessment is not None and rec.assessment.round == 12


def test_a_short_name_that_loses_characters_in_its_folder_name_is_told(tmp_path, sample, capsys):
    """This test ensures that an office whose short name ends in a dot (สพม.มห.), which a file name
    cannot keep, gets its folder without it and a note saying so, in the result and on screen."""
    office = sample.office.model_copy(update={"short_name": "สพม.มห."})
    record = Record(id="r1", source="test", location="", assessment=sample.model_copy(update={"office": office}))
    report = run_batch([record], tmp_path / "out")
    (res,) = report.results
    assert res.docx.startswith("สพม.มห/") and (tmp_path / "out" / res.docx).is_file()
    assert len(res.notes) == 1 and "'สพม.มห'" in res.notes[0] and "a dot or space at its end" in res.notes[0]


def test_user_text_in_the_manifest_csv_is_never_a_formula(tmp_path, sample):
    """This test ensures that a short name a spreadsheet would take for a formula (=HYPERLINK(...))
    is written to manifest.csv as text (a ' in front, as OWASP advises), and to the JSON as it is."""
    import csv

    evil = '=HYPERLINK("http://example.invalid","x")'
    office = sample.office.model_copy(update={"short_name": evil})
    run_batch(
        [Record(id="r1", source="test", location="", assessment=sample.model_copy(update={"office": office}))], tmp_path
    )
    rows = list(csv.DictReader((tmp_path / "manifest.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["office"] == "'" + evil and not rows[0]["docx"].startswith(("=", "+", "-", "@"))
    assert manifest(tmp_path)["records"][0]["office"] == evil


def test_outputs_never_leave_the_output_folder_through_a_link(tmp_path, sample):
    """This test ensures that an output folder already holding a link named as an office
    (OUT/สพป.อด.2 -> /elsewhere) gets that office's form refused, naming the link, and nothing is
    written where the link points."""
    elsewhere, out = tmp_path / "elsewhere", tmp_path / "out"
    elsewhere.mkdir()
    out.mkdir()
    (out / sample.office.short_name).symlink_to(elsewhere, target_is_directory=True)
    report = run_batch([Record(id="r1", source="test", location="", assessment=sample)], out)
    (res,) = report.results
    assert res.status == "failed" and "symbolic link" in res.errors[0]
    assert list(elsewhere.iterdir()) == []


def test_a_link_in_the_input_folder_to_a_file_outside_is_not_read(tmp_path):
    """This test ensures that a batch folder's link to a form outside it is not read (the record
    says why), while the folder's own forms are."""
    folder = many_forms(tmp_path, 1)
    outside = tmp_path / "secret.yaml"
    outside.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "link.yaml").symlink_to(outside)
    records = {r.id: r for r in read_records(folder)}
    assert records["f00"].assessment is not None
    assert records["link"].assessment is None and "outside the folder" in str(records["link"].error)


def test_resume_trusts_only_the_paths_it_would_write(tmp_path, sample):
    """This test ensures that --resume skips a record only when the file it would write is there
    with its sha256: a planted manifest naming another file (an absolute path, with that file's
    sha256) does not make a missing output "up to date"."""
    import hashlib

    records = [Record(id="r1", source="test", location="", assessment=sample)]
    first = run_batch(records, tmp_path / "out")
    victim = tmp_path / "victim.txt"
    victim.write_text("not a form", encoding="utf-8")
    planted = manifest(tmp_path / "out")
    planted["records"][0]["docx"] = str(victim)
    planted["records"][0]["docx_sha256"] = hashlib.sha256(victim.read_bytes()).hexdigest()
    (tmp_path / "out" / "manifest.json").write_text(json.dumps(planted), encoding="utf-8")
    (tmp_path / "out" / first.results[0].docx).unlink()
    again = run_batch(records, tmp_path / "out", resume=True)
    assert again.results[0].status == "produced" and (tmp_path / "out" / first.results[0].docx).is_file()


def test_one_unreadable_file_in_a_folder_costs_only_itself(tmp_path, monkeypatch, sample):
    """This test ensures that a fault while reading one file of a batch folder (here a bug made
    to happen, not an InputError) becomes that record's clear error, and the others are produced
    and the manifest written."""
    import sar_forms.inputs.tables as tables

    folder = many_forms(tmp_path, 3)
    real = tables.read_data

    def faulty(path):
        if Path(path).name == "f01.yaml":
            raise KeyError("a fault of ours")
        return real(path)

    monkeypatch.setattr(tables, "read_data", faulty)
    report = run_batch(read_records(folder), tmp_path / "out")
    assert [r.status.value for r in report.results] == ["produced", "failed", "produced"]
    assert "KeyError" in report.results[1].errors[0] and (tmp_path / "out" / "manifest.json").is_file()


def test_a_csv_header_of_many_columns_is_checked_in_linear_time(tmp_path):
    """This test ensures that a CSV header of 200,000 columns is checked at once and the duplicate
    named (seen.count per column was quadratic: 50,000 columns took 93 s, 200,000 would take some
    25 minutes, so this input hangs a quadratic version; no time is measured)."""
    from sar_forms.errors import InputError

    header = ",".join([f"c{n}" for n in range(200_000)] + ["level", "level"])
    (tmp_path / "wide.csv").write_text(header + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="the column level appears twice"):
        list(read_records(tmp_path / "wide.csv"))
