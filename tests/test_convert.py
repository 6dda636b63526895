"""PDF output through a real LibreOffice: content, fonts, PDF/A, and faults (kill, hang)."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import xmlrpc.client
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLE
from helpers import process_name
from pypdf import PdfReader

import sar_forms
from sar_forms.cli import main
from sar_forms.errors import ConversionError, ConverterUnavailable, FontError
from sar_forms.inputs.tables import read_records
from sar_forms.pdf.convert import LibreOfficeConverter, check_thai_font, jemalloc_path
from sar_forms.pdf.fonts import font_environment
from sar_forms.pdf.postprocess import check_pdf
from sar_forms.run.batch import run_batch

# pdftotext places Thai marks above the line (tone marks, upper vowels) by position, sometimes on
# the next text line: comparisons drop them and the white space, and keep every base letter.
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\\s]")


def pdftext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def bare(text: str) -> str:
    return _MARKS.sub("", text)


def column_text(pdf: Path, column: int) -> str:
    """The text of one table column on every page (pdftotext would interleave the cells' lines)."""
    from helpers import NS, W, part, text_of

    tbl = part(sar_forms.forms.render.default_template(), "word/document.xml").find(".//w:tbl", NS)
    widths = [int(c.get(W + "w")) / 20 for c in tbl.findall("w:tblGrid/w:gridCol", NS)]  # twips -> pt
    x0 = 1701 / 20 + sum(widths[:column])  # left margin 3 cm
    pages = len(PdfReader(pdf).pages)
    text = "".join(  # between the top (2.5 cm) and bottom (2 cm) margins: no page header or number
        subprocess.run(
            [
                "pdftotext",
                "-f",
                str(p),
                "-l",
                str(p),
                "-x",
                str(int(x0) + 2),
                "-y",
                "71",
                "-W",
                str(int(widths[column]) - 4),
                "-H",
                "714",
                str(pdf),
                "-",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for p in range(1, pages + 1)
    )
    head = text_of(tbl.find("w:tr", NS).findall("w:tc", NS)[column])
    return bare(text).replace(bare(head), "")  # the header row repeated on each page


@pytest.fixture(scope="module")
def converter(soffice):
    with LibreOfficeConverter(workers=2, timeout=60) as conv:
        yield conv


@pytest.fixture(scope="module")
def sample_pdf(sample, soffice, tmp_path_factory) -> Path:
    """One document, no converter given: render_pdf starts and stops its own LibreOffice."""
    return sar_forms.render_pdf(sample, tmp_path_factory.mktemp("pdf") / "sample.pdf")


def test_sample_pdf_pages_and_text(sample, sample_pdf):
    """This test ensures that the PDF has the form's pages and its key Thai sentences, ☑ on level 5 only."""
    info = subprocess.run(["pdfinfo", str(sample_pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages == len(PdfReader(sample_pdf).pages) and 3 <= pages <= 10
    text = pdftext(sample_pdf)
    for sentence in [sample.standard.title, sample.standard.definition, sample.indicator.title, *sample.notes]:
        assert bare(sentence) in bare(text), sentence
    n = sample.narrative
    narrative = column_text(sample_pdf, 2)
    for item in [*n.steps, *n.results, *n.problems, *n.suggestions]:
        assert bare(item.text) in narrative, item.text
    evidence = column_text(sample_pdf, 3)
    for doc in sample.evidence.documents:
        assert bare(doc.title) in evidence, doc.title
    boxes = re.findall(r"([☑☐])\s*([1-5])\b", text)
    assert boxes == [("☑", "5"), ("☐", "4"), ("☐", "3"), ("☐", "2"), ("☐", "1")]


def test_word_breaks_only_in_the_pdf_copy(sample, sample_pdf, tmp_path):
    """This test ensures that the PDF's copy marks Thai word boundaries, the .docx does not, and the PDF text has none."""
    from sar_forms.forms.render import FormRenderer

    marked = FormRenderer(word_breaks=True).render(sample)
    plain = FormRenderer().render(sample)
    assert "\u200b".encode() in zipfile.ZipFile(io.BytesIO(marked)).read("word/document.xml")
    assert "\u200b".encode() not in zipfile.ZipFile(io.BytesIO(plain)).read("word/document.xml")
    text = pdftext(sample_pdf)
    assert "\u200b" not in text and "\u2060" not in text
    # the definition breaks between words: no line of it ends inside การกระจายอำนาจ
    assert not re.search(
        r"การก\s*\n\s*ระจาย",
        subprocess.run(
            ["pdftotext", "-layout", "-f", "1", "-l", "1", str(sample_pdf), "-"], capture_output=True, text=True
        ).stdout,
    )


def test_every_font_is_embedded_and_thai_is_among_them(sample_pdf):
    """This test ensures that the PDF depends on no host font and sets Thai in a Thai font."""
    out = subprocess.run(["pdffonts", str(sample_pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows), out  # the "emb" column
    names = " ".join(row[0] for row in rows)
    assert "Laksaman" in names or "Sarabun" in names, out


def test_links_survive_in_the_pdf(sample, sample_pdf):
    """This test ensures that the evidence links are live link annotations in the PDF."""
    uris = {
        a.get_object()["/A"]["/URI"]
        for page in PdfReader(sample_pdf).pages
        for a in page.get("/Annots", [])
        if a.get_object().get("/A", {}).get("/URI")
    }
    # LibreOffice writes a host-only URL with its trailing slash
    assert {"http://www.udesa2.go.th/", "http://www.mrcud2.com/"} <= uris


def test_pdfa_with_metadata(sample, tmp_path, converter):
    """This test ensures that --pdfa gives PDF/A-2b, tagged, with title, author, subject and th-TH."""
    out = sar_forms.render_pdf(sample, tmp_path / "a.pdf", pdfa=True, converter=converter)
    reader = PdfReader(out)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part(="|>)2', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp)
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert reader.trailer["/Root"]["/Lang"] == "th-TH"
    meta = reader.metadata
    assert meta.title == "มาตรฐานที่ 1 ตัวบ่งชี้ที่ 1.2 การพัฒนาสู่องค์กรแห่งการเรียนรู้"
    assert meta.author == sample.office.name and "2565" in meta.subject


def test_cli_writes_both_formats(sample, tmp_path, soffice, capsys):
    """This test ensures that --format docx,pdf writes both files from one command."""
    from conftest import SAMPLE

    assert main(["render", str(SAMPLE), "-o", str(tmp_path / "f.pdf"), "--format", "docx,pdf"]) == 0
    assert check_pdf((tmp_path / "f.pdf").read_bytes()) >= 3
    assert zipfile.is_zipfile(tmp_path / "f.docx")


def test_preview_png(tmp_path, soffice, capsys):
    """This test ensures that preview draws page 1 as a PNG picture."""
    from conftest import SAMPLE

    assert main(["preview", str(SAMPLE), "-o", str(tmp_path / "p1.png"), "--dpi", "40"]) == 0
    data = (tmp_path / "p1.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def make_docs(sample, tmp_path: Path, n: int) -> list[Path]:
    renderer = sar_forms.FormRenderer()
    docs = []
    for i in range(n):
        a = sample.model_copy(update={"level": i % 5 + 1})
        path = tmp_path / f"doc{i}.docx"
        path.write_bytes(renderer.render(a))
        docs.append(path)
    return docs


def level_of(pdf: Path) -> str:
    return re.search(r"☑\s*([1-5])", pdftext(pdf)).group(1)


def test_killed_libreoffice_mid_batch_is_restarted(sample, tmp_path, soffice):
    """This test ensures that killing LibreOffice during a batch still gives every PDF, each correct."""
    docs = make_docs(sample, tmp_path, 20)
    results: dict[int, Path | Exception] = {}
    with LibreOfficeConverter(workers=2, timeout=60) as conv:

        def run(i: int) -> None:
            try:
                results[i] = conv.convert(docs[i], docs[i].with_suffix(".pdf"))
            except Exception as exc:  # recorded, asserted below
                results[i] = exc

        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(docs))]
        for t in threads:
            t.start()
        # wait until both LibreOffices run, then kill them while documents are in flight
        deadline = time.monotonic() + 60
        while not all(w.soffice_pid for w in conv.workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        killed = [w.soffice_pid for w in conv.workers]
        for pid in killed:
            os.kill(pid, signal.SIGKILL)
        for t in threads:
            t.join(180)
        assert all(isinstance(r, Path) for r in results.values()), results
        assert sum(w.starts for w in conv.workers) > 2  # restarted after the kill
    for i, doc in enumerate(docs):
        pdf = doc.with_suffix(".pdf")
        assert check_pdf(pdf.read_bytes()) >= 3
        assert level_of(pdf) == str(i % 5 + 1)
    assert not list(tmp_path.glob(".*part*"))


def test_hung_libreoffice_times_out_and_the_next_document_converts(sample, tmp_path, soffice):
    """This test ensures that a hanging conversion is reported after its timeout, and the next one succeeds."""
    first, hung, after = make_docs(sample, tmp_path, 3)
    with LibreOfficeConverter(workers=1, timeout=5, retries=0) as conv:
        conv.convert(first, first.with_suffix(".pdf"))
        pid = conv.workers[0].soffice_pid
        os.kill(pid, signal.SIGSTOP)  # LibreOffice stops answering, as when a document hangs it
        start = time.monotonic()
        with pytest.raises(ConversionError, match=r"did not answer within 5 s") as info:
            conv.convert(hung, hung.with_suffix(".pdf"))
        assert 4.5 < time.monotonic() - start < 30
        assert info.value.document == str(hung)
        assert not hung.with_suffix(".pdf").exists()
        with pytest.raises(ProcessLookupError):  # the hung process group was killed
            for _ in range(50):
                os.kill(pid, 0)
                time.sleep(0.1)
        conv.convert(after, after.with_suffix(".pdf"))
        assert level_of(after.with_suffix(".pdf")) == "3"


def test_missing_libreoffice_says_how_to_install(monkeypatch):
    """This test ensures that without LibreOffice the error names the packages to install."""
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ConverterUnavailable, match="apt-get install libreoffice-writer-nogui"):
        LibreOfficeConverter()


def test_thai_font_resolution(sample, tmp_path):
    """This test ensures that TH Sarabun resolves to a Thai font, and a template naming a Latin-only font is refused."""
    assert check_thai_font("TH Sarabun New")
    assert check_thai_font("TH SarabunPSK")
    template = tmp_path / "latin.docx"
    src = sar_forms.forms.render.default_template()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(template, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/styles.xml":
                data = data.replace(b'w:cs="TH Sarabun New"', b'w:cs="DejaVu Sans"', 1)
            zout.writestr(item, data)
    with pytest.raises(FontError, match="'DejaVu Sans'.*has no Thai"):
        sar_forms.render_pdf(sample, tmp_path / "x.pdf", template=template)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7\n%%EOF", b"not a pdf at all"])
def test_only_a_parseable_pdf_counts(data):
    """This test ensures that an empty or broken PDF is a failed conversion."""
    with pytest.raises(ConversionError):
        check_pdf(data)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_remote_unoserver(sample, tmp_path, soffice):
    """This test ensures that a converter can use a running unoserver by host:port."""
    import unoserver

    pypath = tmp_path / "pypath"
    pypath.mkdir()
    site = Path(unoserver.__file__).parent.parent
    for item in [site / "unoserver", *site.glob("unoserver-*.dist-info")]:  # its server reads its version
        (pypath / item.name).symlink_to(item)
    port, uno_port = free_port(), free_port()
    # a remote host sets its own fonts: this one gets sar_forms' TH Sarabun stand-in, as an
    # administrator would install TH Sarabun New (see docs/development.md)
    env = {**os.environ, "PYTHONPATH": str(pypath), **font_environment()}
    env.pop("VIRTUAL_ENV", None)
    server = subprocess.Popen(
        [
            "/usr/bin/python3",
            "-m",
            "unoserver.server",
            "--interface",
            "127.0.0.1",
            "--port",
            str(port),
            "--uno-port",
            str(uno_port),
            "--user-installation",
            str(tmp_path / "profile"),
            "--executable",
            soffice,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                xmlrpc.client.ServerProxy(f"http://127.0.0.1:{port}").info()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "unoserver did not start"
                time.sleep(0.5)
        (doc,) = make_docs(sample, tmp_path, 1)
        with LibreOfficeConverter(servers=[f"127.0.0.1:{port}"], timeout=60) as conv:
            out = sar_forms.render_pdf(sample, tmp_path / "remote.pdf", converter=conv)
            conv.convert(doc, tmp_path / "doc.pdf")
            # a whole batch through the remote converter: no local LibreOffice is started
            before = {p for p in os.listdir("/proc") if p.isdigit()}
            folder = tmp_path / "in"
            folder.mkdir()
            for i in range(3):
                (folder / f"f{i}.yaml").write_text(
                    SAMPLE.read_text(encoding="utf-8").replace("สพป.อด.2", f"สพป.รก.{i}"), encoding="utf-8"
                )
            report = run_batch(read_records(folder), tmp_path / "batch", pdf=True, jobs=1, converter=conv)
            started = {p for p in os.listdir("/proc") if p.isdigit()} - before
            assert not any(process_name(p).startswith("soffice") for p in started)
        assert check_pdf(out.read_bytes()) >= 3 and level_of(tmp_path / "doc.pdf") == "1"
        assert report.ok and report.count("produced") == 3
        for r in report.results:
            assert check_pdf((tmp_path / "batch" / r.pdf).read_bytes()) == 3
        # and from the command line
        assert (
            main(
                [
                    "batch",
                    str(folder),
                    "-o",
                    str(tmp_path / "cli"),
                    "--pdf",
                    "--jobs",
                    "1",
                    "--converter",
                    f"127.0.0.1:{port}",
                ]
            )
            == 0
        )
        assert len(list((tmp_path / "cli").rglob("*.pdf"))) == 3
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    assert sys.executable  # the client side ran in this (virtualenv) Python, without uno


def test_hostile_text_opens_in_libreoffice(sample_data, tmp_path, converter):
    """This test ensures that markup, removed control characters and a 10,000-character narrative open in LibreOffice too."""
    import warnings

    long = ("การพัฒนาครูและบุคลากรทางการศึกษา & PLC " * 300)[:10_000]
    sample_data["narrative"]["steps"][0] = "A & B <b>x</b> {{ y }} ก\x00ข\x0bค"
    sample_data["narrative"]["steps"][1] = long
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sar_forms.TextCleanedWarning)
        a = sar_forms.validate_assessment(sample_data)
    docx = sar_forms.render_docx(a, tmp_path / "hostile.docx")
    pdf = converter.convert(docx, tmp_path / "hostile.pdf")
    text = column_text(pdf, 2)
    assert bare("A & B <b>x</b> {{ y }} กข") in text and bare("ค") in text
    assert bare(long) in text


@pytest.mark.parametrize("pdfa", [False, True])
def test_the_same_data_gives_the_same_pdf_bytes(sample, tmp_path, converter, pdfa, monkeypatch):
    """This test ensures that PDFs are reproducible: two conversions of one form are equal byte
    for byte (dates from the data or SOURCE_DATE_EPOCH, the ID from the content), PDF/A too,
    whose embedded ICC colour profile LibreOffice stamps with the time of conversion."""
    first = sar_forms.render_pdf(sample, tmp_path / "a.pdf", converter=converter, pdfa=pdfa).read_bytes()
    time.sleep(1.1)  # LibreOffice's own timestamp moves on by a second
    second = sar_forms.render_pdf(sample, tmp_path / "b.pdf", converter=converter, pdfa=pdfa).read_bytes()
    assert first == second
    if pdfa:
        assert re.findall(rb"<xmp:CreateDate>[0-9T:-]*", first) == [b"<xmp:CreateDate>2022-09-30T00:00:00"]
        reader = PdfReader(io.BytesIO(first))
        profile = reader.root_object["/OutputIntents"][0].get_object()["/DestOutputProfile"].get_object().get_data()
        assert profile[24:36] == bytes.fromhex("07e6 0009 001e 0000 0000 0000")  # 2022-09-30 00:00:00
    info = PdfReader(io.BytesIO(first)).metadata
    assert info is not None and info["/CreationDate"].startswith("D:20220930000000")  # FY 2565 ends 30 Sep 2022
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    third = sar_forms.render_pdf(sample, tmp_path / "c.pdf", converter=converter, pdfa=pdfa).read_bytes()
    assert PdfReader(io.BytesIO(third)).metadata["/CreationDate"].startswith("D:20231114221320")
    assert check_pdf(third) == 3


def test_libreoffice_runs_on_jemalloc_and_writes_the_same_pdf(sample, tmp_path, converter):
    """This test ensures that local LibreOffice runs with jemalloc preloaded when the host has it
    (scripts/run installs libjemalloc2; a fifth less CPU a form), that "system" keeps the C
    library's malloc, and that both write the same PDF bytes."""
    assert jemalloc_path() is not None, "libjemalloc2 is missing: scripts/run installs it"
    with LibreOfficeConverter(workers=1, allocator="system") as plain:
        system = sar_forms.render_pdf(sample, tmp_path / "system.pdf", converter=plain).read_bytes()
        assert "libjemalloc" not in Path(f"/proc/{plain.workers[0].soffice_pid}/maps").read_text()
    jemalloc = sar_forms.render_pdf(sample, tmp_path / "jemalloc.pdf", converter=converter).read_bytes()
    for worker in converter.workers:
        if worker.soffice_pid is not None:
            assert "libjemalloc.so.2" in Path(f"/proc/{worker.soffice_pid}/maps").read_text()
    assert system == jemalloc
    with pytest.raises(ValueError, match="allocator"):
        LibreOfficeConverter(workers=1, allocator="tcmalloc")  # type: ignore[arg-type]
