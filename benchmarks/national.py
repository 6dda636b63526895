"""The national run: every office's forms, .docx + PDF, against one fresh soffice per document.

    .venv/bin/python benchmarks/national.py [--offices 245] [--baseline-docs 5] [--chunk 10]

245 offices (183 สพป., 62 สพม.) x 4 indicators = 980 forms: 1.2 with the catalogue's rubric,
1.1, 2.1 and 2.3 with a points rubric given in the data (``{pattern: points, points: N}``;
benchmark data, not official wording). Every form carries the sample's narrative and evidence,
with the level varied, and each office its own abbreviation (สพป.กข.1, สพม.คง.2, ...) and
narrative length (the sample's steps, results and problems, 0-2 of each left off at the end), as
real offices differ. ``sar-forms batch DIR -o OUT --pdf`` is timed as a command, everything
included: process start, YAML, rendering, conversion (merged chunks, split again), manifest.
The baseline is ``soffice --headless --convert-to pdf`` per document (the .docx the batch
wrote; profile made before timing), timed on ``--baseline-docs`` documents and scaled to all.
Peak memory is the largest resident set of the batch's processes (RUSAGE_CHILDREN: the biggest
one, LibreOffice included), at a quarter of the offices and at all: flat means equal.
Then ``sar-forms book`` over the same folder: one book per office, timed the same way.
Target (issue 11): forms >= 25x the baseline (about 0.04 s a form) on 2 cores; books <= 0.5 s each.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from sar_forms.pdf.fonts import font_environment

ROOT = Path(__file__).resolve().parents[1]
SAR_FORMS = Path(sys.executable).with_name("sar-forms")
CONSONANTS = "กขคงจฉชซญฐฑณดตถทธนบปผพฟภมยรลวศษสหฬอฮ"
INDICATORS = {"1.1": 4, "1.2": None, "2.1": 6, "2.3": 4}  # code -> points of a points rubric in the data


def write_inputs(folder: Path, offices: int) -> int:
    """One YAML file per office and indicator; the number written."""
    sample = yaml.safe_load((ROOT / "samples" / "udon2-1.2.yaml").read_text(encoding="utf-8"))
    folder.mkdir(parents=True)
    n = 0
    for i in range(offices):
        primary = i < offices * 183 // 245
        kind = "สพป." if primary else "สพม."
        letters = CONSONANTS[i % len(CONSONANTS)] + CONSONANTS[(i // len(CONSONANTS) + 7 * i) % len(CONSONANTS)]
        office = {
            "name": f"สำนักงานเขตพื้นที่การศึกษา{'ประถมศึกษา' if primary else 'มัธยมศึกษา'}ทดสอบ เขต {i + 1}",
            "short_name": f"{kind}{letters}.{i + 1}",
            "kind": kind,
            "province": "ทดสอบ",
            "area": i + 1,
        }
        narrative = dict(sample["narrative"])
        for part, cut in (("steps", i % 3), ("results", (i // 3) % 3), ("problems", (i // 9) % 3)):
            narrative[part] = narrative[part][: len(narrative[part]) - cut]
        for code, points in INDICATORS.items():
            data = dict(sample, office=office, level=(i + n) % 5 + 1, round=12, narrative=narrative)
            if points:
                data["indicator"] = {"code": code, "points": points, "rubric": {"pattern": "points", "points": points}}
            else:
                data["indicator"] = code
            (folder / f"{i:03d}-{code}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            n += 1
    return n


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds of a command and the peak resident set (MB) of its largest process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd[:3])}... failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return seconds, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) // 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--offices", type=int, default=245)
    ap.add_argument("--baseline-docs", type=int, default=5)
    ap.add_argument("--chunk", type=int, default=10)
    args = ap.parse_args()
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is not installed (scripts/run installs it)"
    env = {**os.environ, **font_environment()}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        quarter = write_inputs(tmp / "quarter", max(1, args.offices // 4))
        forms = write_inputs(tmp / "all", args.offices)

        small_s, small_mb = timed(
            [
                str(SAR_FORMS),
                "batch",
                str(tmp / "quarter"),
                "-o",
                str(tmp / "out-q"),
                "--pdf",
                "--chunk",
                str(args.chunk),
            ]
        )
        ours, ours_mb = timed(
            [str(SAR_FORMS), "batch", str(tmp / "all"), "-o", str(tmp / "out"), "--pdf", "--chunk", str(args.chunk)]
        )
        pdfs = sorted((tmp / "out").rglob("*.pdf"))
        assert len(pdfs) == forms, f"{len(pdfs)} PDFs for {forms} forms"

        # the baseline: the .docx files the batch wrote, one fresh soffice each
        profile = (tmp / "profile").as_uri()
        docs = sorted((tmp / "out").rglob("*.docx"))[: args.baseline_docs]

        def fresh(doc: Path) -> None:
            subprocess.run(
                [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                 str(tmp / "baseline"), str(doc)],
                capture_output=True, check=True, env=env,
            )  # fmt: skip

        fresh(docs[0])  # the profile, before timing
        t0 = time.perf_counter()
        for d in docs:
            fresh(d)
        per_doc = (time.perf_counter() - t0) / len(docs)
        baseline = per_doc * forms

        books = None
        if subprocess.run([str(SAR_FORMS), "book", "--help"], capture_output=True).returncode == 0:
            book_s, book_mb = timed([str(SAR_FORMS), "book", str(tmp / "all"), "-o", str(tmp / "books")])
            books = (book_s, book_mb, len(list((tmp / "books").rglob("*_book.pdf"))))

    print(f"national run: {forms} forms ({args.offices} offices x 4 indicators), .docx + PDF, {os.cpu_count()} cores")
    print(f"{'':44}{'s/form':>8}{'total s':>9}{'vs baseline':>13}{'peak MB':>9}")
    print(f"{f'baseline: fresh soffice per document ({len(docs)} timed)':44}{per_doc:8.3f}{baseline:9.1f}{1:12.1f}x")
    print(
        f"{f'sar-forms batch --pdf, {quarter} forms':44}{small_s / quarter:8.3f}{small_s:9.1f}"
        f"{per_doc * quarter / small_s:12.1f}x{small_mb:9d}"
    )
    print(
        f"{f'sar-forms batch --pdf, {forms} forms':44}{ours / forms:8.3f}{ours:9.1f}{baseline / ours:12.1f}x{ours_mb:9d}"
    )
    if books:
        book_s, book_mb, n_books = books
        print(f"{f'sar-forms book: {n_books} books':44}{book_s / max(1, n_books):8.3f}{book_s:9.1f}{'':13}{book_mb:9d}")
        print("  (books: seconds per book, not per form)")
    print("target: forms >= 25x the baseline (about 0.04 s a form), memory flat; books <= 0.5 s each")


if __name__ == "__main__":
    main()
