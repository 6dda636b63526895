"""A batch over YAML files, end to end: the naive docxtpl loop against ``sar-forms batch``.

    .venv/bin/python benchmarks/batch.py [--forms 200] [--repeat 3]

Both make the same .docx files from the same folder of YAML files (the sample form, one office
per file). The naive loop is what a script would do with docxtpl: per form, read the YAML
(PyYAML's default SafeLoader), validate it, load the template, render the same context, save.
``sar-forms batch DIR -o OUT --jobs N`` is timed as a command, everything included: process
start, reading, rendering, writing, manifest and summary. Best of ``--repeat`` rounds, each round
running the three in turn (a slow spell of the machine then slows all three alike). Every run
writes into a new, empty folder made before its clock starts, and nothing is deleted until all
rounds are done: deleting the last round's files inside the next run's time was counted to that
run, and on ext4 the inodes of files deleted in the last minutes are passed over when new files
are made (the kernel's ``recently_deleted``), which made every file the next run made slower.
The batch keeps its prepared template between runs (``sar_forms.ooxml.prepared``, in a folder of
this run's own): the first run fills it and the rounds after read it, as a user's second batch
does; the row "no prepared-template cache" is the same command with ``SAR_FORMS_CACHE=off``, as a
first batch on a new machine runs.
Targets (issue 10): >= 8x the naive loop on one core, >= 12x with all cores.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from docxtpl import DocxTemplate

import sar_forms
from sar_forms.forms.render import default_template
from sar_forms.ooxml.template import jinja_env

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("sar-forms")


def naive(folder: Path, out: Path) -> None:
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        a = sar_forms.validate_assessment(data, source=str(path))
        tpl = DocxTemplate(default_template())
        tpl.render(sar_forms.template_context(a, tpl), jinja_env())
        tpl.save(out / f"{path.stem}.docx")


def best_of_rounds(commands: dict[str, Callable[[Path], None]], repeat: int, scratch: Path) -> dict[str, float]:
    """The best time of each command over ``repeat`` rounds, each round running every command once
    in turn: a slow spell of a shared machine then slows all of them, not one. Each run is given
    a new empty folder under ``scratch`` to write into, made before its clock starts."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(repeat):
        for name, fn in commands.items():
            out = scratch / f"{name}-{round_}"
            out.mkdir()
            t0 = time.perf_counter()
            fn(out)
            times[name].append(time.perf_counter() - t0)
    return {name: min(values) for name, values in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    text = (ROOT / "samples" / "udon2-1.2.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i in range(args.forms):
            (folder / f"f{i:04d}.yaml").write_text(text.replace("สพป.อด.2", f"สพป.ทด.{i}"), encoding="utf-8")

        def batch(jobs: int, out: Path, cache: bool = True) -> None:
            env = {**os.environ, "SAR_FORMS_CACHE": str(Path(tmp) / "cache") if cache else "off"}
            subprocess.run(
                [str(CLI), "batch", str(folder), "-o", str(out), "--jobs", str(jobs)],
                check=True,
                capture_output=True,
                env=env,
            )

        cores = os.cpu_count() or 1
        best = best_of_rounds(
            {
                "naive": lambda out: naive(folder, out),
                "one": lambda out: batch(1, out),
                "cold": lambda out: batch(1, out, cache=False),
                "every": lambda out: batch(cores, out),
            },
            args.repeat,
            Path(tmp),
        )
        base, one, cold, every = best["naive"], best["one"], best["cold"], best["every"]
    n = args.forms
    print(
        f"{n} YAML forms to .docx, end to end, best of {args.repeat}; {cores} cores, Python {sys.version.split()[0]}, "
        f"libyaml {'yes' if yaml.__with_libyaml__ else 'no'}"
    )
    print(f"{'':44}{'total s':>9}{'ms/form':>9}{'vs naive':>10}")
    print(f"{'naive docxtpl loop (load, render, save)':44}{base:9.2f}{base / n * 1000:9.2f}{1:9.1f}x")
    print(f"{'sar-forms batch --jobs 1':44}{one:9.2f}{one / n * 1000:9.2f}{base / one:9.1f}x")
    print(f"{'  the same, no prepared-template cache':44}{cold:9.2f}{cold / n * 1000:9.2f}{base / cold:9.1f}x")
    print(f"{f'sar-forms batch --jobs {cores}':44}{every:9.2f}{every / n * 1000:9.2f}{base / every:9.1f}x")
    print("targets: >= 8x on one core, >= 12x with all cores")


if __name__ == "__main__":
    main()
