"""Render speed and memory: the naive docxtpl loop against sar_forms' compiled renderer.

    .venv/bin/python benchmarks/render.py [--forms 500] [--memory-forms 10000]

Each measurement runs in a fresh process (so peak RSS is its own): the naive loop
(`DocxTemplate(path)`, `render`, `save` per document), sar_forms in one process, and sar_forms
on all cores (a process pool, one renderer per process). Every form is the sample with varied
text, written to a file; the "in memory" rows keep the bytes instead, to show the rendering
alone (creating a file costs about 1 ms on this machine's file system, and varies). Each figure
is the best of --repeats runs. The memory check renders --memory-forms forms in one process and
compares its peak RSS with the 500-form run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = "การพัฒนา ครู บุคลากร เครือข่าย PLC KM นวัตกรรม & <ทดสอบ> ชุมชนแห่งการเรียนรู้ สพป.อด.2".split()


def forms(n: int) -> Iterator[object]:
    """The sample with varied narrative text and level, made lazily (memory stays the renderer's)."""
    import random

    import sar_forms

    base = sar_forms.load_assessment(ROOT / "samples" / "udon2-1.2.yaml")
    rng = random.Random(7)
    for i in range(n):
        steps = [
            s.model_copy(update={"text": f"{s.text} {' '.join(rng.choices(WORDS, k=rng.randint(5, 60)))} #{i}"})
            for s in base.narrative.steps
        ]
        yield base.model_copy(
            update={"level": i % 5 + 1, "narrative": base.narrative.model_copy(update={"steps": steps})}
        )


def _naive(a: object, out: Path | None, template: Path) -> None:
    import io

    from docxtpl import DocxTemplate

    from sar_forms.forms.context import template_context
    from sar_forms.ooxml.template import jinja_env

    tpl = DocxTemplate(template)
    tpl.render(template_context(a, tpl), jinja_env())  # type: ignore[arg-type]
    tpl.save(out if out is not None else io.BytesIO())


_RENDERER = None


def _fast(args: tuple[object, Path | None]) -> None:
    global _RENDERER
    from sar_forms import FormRenderer

    if _RENDERER is None:
        _RENDERER = FormRenderer()
    a, out = args
    if out is None:
        _RENDERER.render(a)  # type: ignore[arg-type]
    else:
        _RENDERER.write(a, out)  # type: ignore[arg-type]


def measure(mode: str, n: int, sink: str = "file") -> dict[str, float]:
    """Run in a child process: render n forms the given way; seconds and peak RSS (MiB)."""
    from sar_forms.forms.render import default_template

    template = default_template()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        gen = ((a, out / f"f{i % 1000}.docx" if sink == "file" else None) for i, a in enumerate(forms(n)))
        t0 = time.perf_counter()
        if mode == "naive":
            for a, path in gen:
                _naive(a, path, template)
        elif mode == "fast":
            for item in gen:
                _fast(item)
        else:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(os.cpu_count()) as pool:
                for _ in pool.map(_fast, gen, chunksize=16):
                    pass
        seconds = time.perf_counter() - t0
    rss = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    return {"seconds": seconds, "rss_mib": rss / 1024}


def child(mode: str, n: int, sink: str = "file", repeats: int = 1) -> dict[str, float]:
    """The best of ``repeats`` runs, each in a fresh process."""
    runs = []
    for _ in range(repeats):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(n), sink], capture_output=True, text=True, check=True
        )
        runs.append(dict(json.loads(proc.stdout)))
    return min(runs, key=lambda r: r["seconds"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=500)
    ap.add_argument("--memory-forms", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]), args.child[2])))
        return

    n, k = args.forms, args.repeats
    print(
        f"Rendering {n} sample forms (varied text) to .docx, {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"best of {k}"
    )
    print(f"{'':34}{'ms/form':>9}{'forms/s':>9}{'peak RSS MiB':>14}{'vs naive':>10}")
    for sink in ("file", "memory"):
        rows = [
            ("naive docxtpl loop", child("naive", n, sink, k)),
            ("sar_forms, 1 process", child("fast", n, sink, k)),
            (f"sar_forms, {os.cpu_count()} processes", child("pool", n, sink, k)),
        ]
        base = rows[0][1]["seconds"]
        for name, r in rows:
            label = f"{name}{' (in memory)' if sink == 'memory' else ''}"
            print(
                f"{label:34}{r['seconds'] / n * 1000:9.2f}{n / r['seconds']:9.0f}{r['rss_mib']:14.1f}"
                f"{base / r['seconds']:9.1f}x"
            )
        if sink == "file":
            small = rows[1][1]
    big = child("fast", args.memory_forms)
    print(
        f"memory: {args.memory_forms} forms peak RSS {big['rss_mib']:.1f} MiB vs {n} forms {small['rss_mib']:.1f} MiB "
        f"({(big['rss_mib'] / small['rss_mib'] - 1) * 100:+.1f}%; target within 20%), "
        f"{big['seconds'] / args.memory_forms * 1000:.2f} ms/form"
    )
    print("target: >= 10x the naive loop in one process")


if __name__ == "__main__":
    main()
