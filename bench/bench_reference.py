"""Time the reference microgpt and measure its peak memory, for BENCHMARKS.md.

Every golfed program is checked by running it, so the reference's run time
sets the pace of the whole search; its peak memory tells how many runs fit
side by side. Each run is a fresh process in a fresh temporary folder holding
only ``input.txt`` (the shared names.txt when it exists, else the bundled
corpus, so that microgpt never downloads). Wall time is taken around the
process; peak RSS comes from ``os.wait4``, which returns the resource usage of
that one child, where ``getrusage(RUSAGE_CHILDREN)`` would keep the maximum of
every child reaped so far. Prints a markdown snippet.

    python3 bench/bench_reference.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
REFERENCE = REPOSITORY / "reference" / "microgpt.py"
SHARED_CORPUS = Path("/work/shared/data/names.txt")
BUNDLED_CORPUS = REPOSITORY / "reference" / "input.txt"
# ru_maxrss is in kilobytes on Linux but in bytes on macOS.
MAXRSS_BYTES_PER_UNIT = 1 if sys.platform == "darwin" else 1024


@dataclass(frozen=True)
class Run:
    wall_seconds: float
    peak_rss_bytes: int


def run_once(program: Path, corpus: Path) -> Run:
    with tempfile.TemporaryDirectory() as folder:
        shutil.copyfile(corpus, Path(folder) / "input.txt")
        with open(Path(folder) / "stdout.txt", "wb") as stdout:
            started = time.perf_counter()
            process = subprocess.Popen([sys.executable, str(program)], cwd=folder, stdout=stdout)
            _, wait_status, usage = os.wait4(process.pid, 0)
            wall_seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(wait_status)  # reaped here, not by Popen
        if process.returncode != 0:
            raise SystemExit(f"bench_reference: {program} exited with {process.returncode}")
    return Run(wall_seconds, usage.ru_maxrss * MAXRSS_BYTES_PER_UNIT)


def markdown_snippet(runs: list[Run], corpus: Path) -> str:
    walls = [run.wall_seconds for run in runs]
    peaks_mib = [run.peak_rss_bytes / 2**20 for run in runs]
    return "\n".join(
        [
            "| runs | median wall time | min / max | median peak RSS | min / max |",
            "| ---: | ---: | ---: | ---: | ---: |",
            f"| {len(runs)} | {statistics.median(walls):.2f} s"
            f" | {min(walls):.2f} / {max(walls):.2f} s"
            f" | {statistics.median(peaks_mib):.1f} MiB"
            f" | {min(peaks_mib):.1f} / {max(peaks_mib):.1f} MiB |",
            "",
            f"Python {platform.python_version()} on {platform.system()} {platform.machine()},"
            f" {os.cpu_count()} CPUs; input.txt = `{corpus}`.",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="default: %(default)s")
    parser.add_argument("--program", type=Path, default=REFERENCE, help="default: %(default)s")
    arguments = parser.parse_args(argv)
    corpus = SHARED_CORPUS if SHARED_CORPUS.exists() else BUNDLED_CORPUS
    runs = []
    for run_number in range(1, arguments.runs + 1):
        run = run_once(arguments.program, corpus)
        print(
            f"run {run_number}: {run.wall_seconds:.2f} s, {run.peak_rss_bytes / 2**20:.1f} MiB",
            file=sys.stderr,
        )
        runs.append(run)
    print(markdown_snippet(runs, corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
