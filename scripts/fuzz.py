"""Run the property of tests/test_properties.py on as many random inputs as asked, and count.

    .venv/bin/python scripts/fuzz.py [--inputs 100000] [--seed 1] [--packages]

Prints the number of inputs, refused, produced, and failures by class (crash, unreadable,
invalid, changed text); exits 1 if there was any failure. Inputs are built like the test's:
random Unicode text, hostile pieces, and mixes of both, in a random free-text field of the sample.
With ``--packages``: the sample's .docx spoiled as a stranger's file may be (tests/fuzzing.py's
MUTATIONS), each imported and checked: read, or refused with an InputError, never another error.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fuzzing import FIELDS, HOSTILE, MUTATIONS, check, check_package  # noqa: E402

from sar_forms.inputs.sources import read_yaml  # noqa: E402


def random_text(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(300)))
    if kind == 1:
        return "".join(rng.choice(HOSTILE) for _ in range(rng.randrange(30)))
    return "".join(
        rng.choice(HOSTILE) if rng.random() < 0.5 else chr(rng.randrange(0x20, 0x1000))
        for _ in range(rng.randrange(40))
    )


def run(seed: int, inputs: int) -> tuple[collections.Counter[str], dict[str, tuple[str, str]]]:
    """``inputs`` checks from the random stream ``seed``: counts by outcome, and one example of each."""
    rng = random.Random(seed)
    base = read_yaml(ROOT / "samples" / "udon2-1.2.yaml")
    counts: collections.Counter[str] = collections.Counter()
    examples: dict[str, tuple[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(inputs):
            field, text = rng.choice(FIELDS), random_text(rng)
            outcome = check(base, field, text, Path(tmp))
            counts[outcome] += 1
            examples.setdefault(outcome, (field, text))
            if (i + 1) % 5000 == 0:
                print(f"... stream {seed}: {i + 1} inputs, {dict(counts)}", file=sys.stderr, flush=True)
    return counts, examples


def run_packages(seed: int, inputs: int) -> tuple[collections.Counter[str], dict[str, tuple[str, str]]]:
    """``inputs`` spoiled packages from the random stream ``seed`` (see tests/fuzzing.py)."""
    import sar_forms

    rng = random.Random(seed)
    counts: collections.Counter[str] = collections.Counter()
    examples: dict[str, tuple[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        good = sar_forms.render_docx(
            sar_forms.load_assessment(ROOT / "samples" / "udon2-1.2.yaml"), Path(tmp) / "g.docx"
        )
        data = good.read_bytes()
        for _ in range(inputs):
            mutation = rng.choice(MUTATIONS)
            outcome = check_package(data, mutation, rng, Path(tmp))
            counts[outcome] += 1
            examples.setdefault(outcome, (mutation, ""))
    return counts, examples


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--packages", action="store_true", help="spoiled .docx packages instead of texts")
    args = ap.parse_args()
    start = time.perf_counter()
    shares = [args.inputs // args.jobs + (k < args.inputs % args.jobs) for k in range(args.jobs)]
    with concurrent.futures.ProcessPoolExecutor(args.jobs) as pool:
        job = run_packages if args.packages else run
        parts = list(pool.map(job, [args.seed * 1000 + k for k in range(args.jobs)], shares))
    counts: collections.Counter[str] = collections.Counter()
    examples: dict[str, tuple[str, str]] = {}
    for part_counts, part_examples in parts:
        counts.update(part_counts)
        for outcome, example in part_examples.items():
            examples.setdefault(outcome, example)
    failures = {k: v for k, v in counts.items() if k not in ("refused", "produced", "read")}
    print(
        f"inputs {args.inputs}, refused {counts['refused']}, produced {counts['produced'] + counts['read']}, "
        f"failures {sum(failures.values())} in {time.perf_counter() - start:.0f} s"
    )
    for outcome, n in sorted(failures.items(), key=lambda kv: -kv[1]):
        field, text = examples[outcome]
        print(f"  {n:7d}  {outcome}   e.g. {field} = {text[:80]!r}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
