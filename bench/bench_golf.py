"""Golf the reference at each effort level and set the results beside python-minifier's, in one run.

Measured side by side on one machine in one run (these machines are noisy):
one bare run of the reference, then ``golf`` at each ``--effort`` level, each
with a cold trace cache and a fresh output directory (so each wall time holds
the reference's recording), then python-minifier (``rename_globals=True``) on
the same file, whose output is put through our verifier. Prints a markdown table.

    python3 bench/bench_golf.py [--program SRC] [--data FILE] [--jobs N] [--efforts 1,2,3] [--keep DIR]

``--program`` golfs another program than the reference the same way (for example
``tests/fixtures/tinygpt_other_style.py``, with a corpus of its own as ``--data``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import python_minifier

from common import DEFAULT_DATA, REFERENCE, bare_run


def golf(program: Path, data: Path, jobs: int, effort: str, outdir: Path, cache: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["golf", str(program), "-o", str(outdir), "--data", str(data), "--jobs", str(jobs),
                    "--effort", effort, "--fresh"],
                   check=True, env={**os.environ, "BABBLETEST_CACHE": str(cache)})  # fmt: skip
    return time.perf_counter() - started


def verify(program: Path, candidate: Path, data: Path, cache: Path) -> str:
    completed = subprocess.run(
        ["golf", "verify", str(program), str(candidate), "--data", str(data)],
        capture_output=True, text=True, env={**os.environ, "BABBLETEST_CACHE": str(cache)},
    )  # fmt: skip
    first_line = (
        completed.stdout.strip().splitlines()[0] if completed.stdout.strip() else completed.stderr
    )
    return ("passes" if completed.returncode == 0 else "fails") + f" ({first_line[:120]})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--program", type=Path, default=REFERENCE, help="what to golf")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--efforts", default="1,2,3", help="the effort levels to run, in turn")
    parser.add_argument("--keep", type=Path, help="leave golf's outputs here, one folder a level")
    args = parser.parse_args()
    program = args.program.resolve()
    original = program.read_text()
    rows = []
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        bare = bare_run(program, args.data)
        for effort in args.efforts.split(","):
            outdir = (args.keep or scratch) / f"effort{effort}"
            cache = scratch / f"cache{effort}"
            seconds = golf(program, args.data, args.jobs, effort, outdir, cache)
            golfed = outdir / program.name
            report = json.loads((outdir / f"{program.stem}.report.json").read_text())
            runs = f"{report['verifier_runs']} full, {report['screening_runs']} screening"
            rows.append((f"babbletest `golf --effort {effort}`", len(golfed.read_text()), seconds,
                         runs, verify(program, golfed, args.data, cache)))  # fmt: skip
        started = time.perf_counter()
        minified = python_minifier.minify(original, rename_globals=True)
        minifier_seconds = time.perf_counter() - started
        minified_path = scratch / "minified.py"
        minified_path.write_text(minified)
        minifier_verdict = verify(program, minified_path, args.data, scratch / f"cache{effort}")
    print(
        f"One bare run of {program.name}: {bare:.1f} s (data: {args.data.name}, jobs: {args.jobs}).\n"
    )
    print(
        "| tool | characters | wall time | ratio to one bare run | verifier runs | our verifier |"
    )
    print("|---|---:|---:|---:|---|---|")
    print(f"| original | {len(original)} | | | | |")
    for tool, chars, seconds, runs, verdict in rows:
        print(
            f"| {tool} | {chars} | {seconds:.1f} s | {seconds / bare:.1f}x | {runs} | {verdict} |"
        )
    print(f"| python-minifier {version('python-minifier')} (rename_globals) | {len(minified)} | "
          f"{minifier_seconds:.2f} s | {minifier_seconds / bare:.3f}x | | {minifier_verdict} |")  # fmt: skip


if __name__ == "__main__":
    main()
