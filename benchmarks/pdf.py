"""PDF conversion speed: a fresh soffice per document (baseline) against sar_forms' converter.

    .venv/bin/python benchmarks/pdf.py [--docs 20] [--workers N]

Both convert the same .docx files (the sample form's copy for PDF, with the level varied) with
the same fonts (the TH Sarabun stand-in at TH Sarabun's size). The baseline is one
`soffice --headless --convert-to pdf` per document, with a profile made once before timing (a
fair baseline: a first-run profile costs extra seconds). sar_forms' figure is its whole PDF
recipe (conversion, the check that keeps headings with their items, the PDF's language) and
includes starting its workers; the steady figure leaves that start out.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sar_forms
from sar_forms.forms.produce import docx_to_pdf
from sar_forms.pdf.convert import LibreOfficeConverter
from sar_forms.pdf.fonts import font_environment
from sar_forms.pdf.postprocess import check_pdf

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--workers", type=int, default=None, help="default: one per core")
    args = ap.parse_args()

    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is not installed (scripts/run installs it)"
    sample = sar_forms.load_assessment(ROOT / "samples" / "udon2-1.2.yaml")
    renderer = sar_forms.FormRenderer(word_breaks=True)
    env = {**os.environ, **font_environment()}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        docs = []
        for i in range(args.docs):
            p = tmp / f"form{i:03d}.docx"
            p.write_bytes(renderer.render(sample.model_copy(update={"level": i % 5 + 1})))
            docs.append(p)
        pages = None

        profile = (tmp / "profile").as_uri()
        base_out = tmp / "baseline"
        base_out.mkdir()

        def fresh_soffice(doc: Path, outdir: Path) -> None:
            subprocess.run(
                [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                 str(outdir), str(doc)],
                capture_output=True, check=True, env=env,
            )  # fmt: skip

        fresh_soffice(docs[0], tmp / "warmup")
        t0 = time.perf_counter()
        for d in docs:
            fresh_soffice(d, base_out)
        baseline = time.perf_counter() - t0
        pages = check_pdf((base_out / "form000.pdf").read_bytes())

        ours_out = tmp / "ours"
        t0 = time.perf_counter()
        with LibreOfficeConverter(workers=args.workers) as conv:
            from concurrent.futures import ThreadPoolExecutor

            n_workers = len(conv.workers)
            with ThreadPoolExecutor(n_workers) as pool:
                # the first document per worker starts it; time the rest separately as "steady"
                list(pool.map(lambda d: docx_to_pdf(d, ours_out / (d.stem + ".pdf"), conv), docs[:n_workers]))
                t1 = time.perf_counter()
                list(pool.map(lambda d: docx_to_pdf(d, ours_out / (d.stem + ".pdf"), conv), docs[n_workers:]))
            t2 = time.perf_counter()
        ours = t2 - t0
        steady = (t2 - t1) / max(1, len(docs) - n_workers)
        for d in docs:
            check_pdf((ours_out / (d.stem + ".pdf")).read_bytes())

    n = len(docs)
    print(
        f"PDF conversion of {n} sample forms ({pages} pages each), {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"{'':38}{'s/doc':>8}{'total s':>9}{'vs baseline':>13}")
    print(f"{'baseline: fresh soffice per document':38}{baseline / n:8.3f}{baseline:9.2f}{1:12.1f}x")
    print(f"{f'sar_forms, {n_workers} warm workers (with start)':38}{ours / n:8.3f}{ours:9.2f}{baseline / ours:12.1f}x")
    print(f"{'sar_forms, steady state':38}{steady:8.3f}{'':9}{(baseline / n) / steady:12.1f}x")
    print("target: >= 8x the baseline, <= 0.2 s per 3-page form amortized")


if __name__ == "__main__":
    main()
