"""The golfer's own time at this checkout against another revision, side by side.

Why: own time is measured in seconds on a shared, noisy machine, so a change is
judged by a ratio of two runs made back to back, not by two tables made at
different hours. For each program and round this runs each revision's own
``bench/bench_corpus.py --only PROGRAM`` in a fresh process (the other revision
from a temporary ``git worktree``), alternating which goes first, each with its
own cold trace cache, and prints the median ratio of own CPU and own wall time
(this checkout / the other). The golfed sizes are printed too: a change meant to
save time must not change what golf writes.

    python3 bench/compare_own_time.py --against REV [--only NAME ...] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT


def own_time(checkout: Path, program: str, scratch: Path) -> dict[str, float]:
    """One run of ``checkout``'s corpus bench on ``program``: its row as JSON."""
    scratch.mkdir(parents=True)
    rows = scratch / "rows.json"
    done = subprocess.run(
        [sys.executable, "bench/bench_corpus.py", "--only", program, "--json", str(rows)],
        cwd=checkout,
        # The checkout's own code, not the installed one.
        env={**os.environ, "BABBLETEST_CACHE": str(scratch / "cache"), "PYTHONPATH": str(checkout)},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{checkout}: bench_corpus.py failed:\n{done.stderr[-2000:]}")
    (row,) = json.loads(rows.read_text())
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, metavar="REV", help="the revision compared")
    parser.add_argument("--only", action="append", metavar="NAME", help="this program only")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    programs = args.only or sorted(
        path.stem for path in (ROOT / "corpus" / "programs").glob("*.py")
    )
    with tempfile.TemporaryDirectory(prefix="compare-own-time-") as temporary:
        other = Path(temporary) / "other"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(other), args.against],
            cwd=ROOT,
            check=True,
        )
        try:
            print(f"| program | size here / {args.against} | own CPU ratio | own wall ratio |")
            print("|---|---:|---:|---:|")
            for program in programs:
                cpu, wall, sizes = [], [], set()
                for number in range(args.rounds):
                    order = [ROOT, other] if number % 2 == 0 else [other, ROOT]
                    rows = {}
                    for checkout in order:
                        scratch = Path(temporary) / f"{program}-{number}-{checkout.name}"
                        rows[checkout] = own_time(checkout, program, scratch)
                    here, there = rows[ROOT], rows[other]
                    cpu.append(here["own_cpu_seconds"] / there["own_cpu_seconds"])
                    wall.append(here["own_seconds"] / there["own_seconds"])
                    sizes.add(f"{here['golf']} / {there['golf']}")
                print(
                    f"| {program} | {', '.join(sorted(sizes))} | {statistics.median(cpu):.2f} "
                    f"| {statistics.median(wall):.2f} |",
                    flush=True,
                )
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, check=True
            )


if __name__ == "__main__":
    main()
