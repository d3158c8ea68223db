"""Golf the reference and set the result beside python-minifier's, in one run.

Measured side by side on one machine in one run (these machines are noisy):
one bare run of the reference, then ``golf`` with a cold trace cache and a
fresh output directory, then python-minifier (``rename_globals=True``) on the
same file, whose output is put through our verifier. Prints a markdown table.

    python3 bench/bench_golf.py [--data FILE] [--jobs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

import python_minifier

from common import DEFAULT_DATA, REFERENCE, bare_run


def golf(data: Path, jobs: int, outdir: Path, cache: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["golf", str(REFERENCE), "-o", str(outdir), "--data", str(data), "--jobs", str(jobs), "--fresh"],
                   check=True, env={**os.environ, "BABBLETEST_CACHE": str(cache)})  # fmt: skip
    return time.perf_counter() - started


def verify(candidate: Path, data: Path, cache: Path) -> str:
    completed = subprocess.run(
        ["golf", "verify", str(REFERENCE), str(candidate), "--data", str(data)],
        capture_output=True, text=True, env={**os.environ, "BABBLETEST_CACHE": str(cache)},
    )  # fmt: skip
    first_line = (
        completed.stdout.strip().splitlines()[0] if completed.stdout.strip() else completed.stderr
    )
    return ("passes" if completed.returncode == 0 else "fails") + f" ({first_line[:120]})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="leave golf's output here")
    args = parser.parse_args()
    original = REFERENCE.read_text()
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        outdir = args.keep or scratch / "golfed"
        bare = bare_run(REFERENCE, args.data)
        golf_seconds = golf(args.data, args.jobs, outdir, scratch / "cache")
        golfed = (outdir / "microgpt.py").read_text()
        started = time.perf_counter()
        minified = python_minifier.minify(original, rename_globals=True)
        minifier_seconds = time.perf_counter() - started
        minified_path = scratch / "minified.py"
        minified_path.write_text(minified)
        golfed_verdict = verify(outdir / "microgpt.py", args.data, scratch / "cache")
        minifier_verdict = verify(minified_path, args.data, scratch / "cache")
    print(
        f"One bare run of the reference: {bare:.1f} s (data: {args.data.name}, jobs: {args.jobs}).\n"
    )
    print("| tool | characters | wall time | ratio to one bare run | our verifier |")
    print("|---|---:|---:|---:|---|")
    print(f"| original | {len(original)} | | | |")
    print(
        f"| babbletest `golf` | {len(golfed)} | {golf_seconds:.1f} s | {golf_seconds / bare:.1f}x | {golfed_verdict} |"
    )
    print(f"| python-minifier (rename_globals) | {len(minified)} | {minifier_seconds:.2f} s | "
          f"{minifier_seconds / bare:.3f}x | {minifier_verdict} |")  # fmt: skip


if __name__ == "__main__":
    main()
