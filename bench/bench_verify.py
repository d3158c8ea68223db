"""What verification costs, as a ratio to a bare run of the same candidate.

Two candidates: an equivalent one (the reference with its comments and blank
lines removed, so it is not byte-identical) and one whose weights diverge at
step 1 (``(1 - beta1)`` re-spelled ``.15``). For each, a bare ``python`` run and
a ``golf verify`` with a warm trace cache are timed back to back, alternating,
so that both see the same machine load; the medians of the per-round ratios
are reported, of wall time and of CPU time (user + system of every process
each one started, which a loaded machine disturbs less). The runs use bubblewrap when it is usable (the isolation used is
printed). The sandbox's own start-up cost is measured apart: an empty
``python -c pass`` bare and inside the very sandbox a run gets, alternating.

    python3 bench/bench_verify.py --rounds 3 [--data FILE] [--startup-rounds 20]
"""

from __future__ import annotations

import argparse
import ast
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import DEFAULT_DATA, REFERENCE, bare_run

from verifier import isolation


def equivalent_candidate() -> str:
    return ast.unparse(ast.parse(REFERENCE.read_text()))  # comments and layout gone


def diverging_candidate() -> str:
    source = REFERENCE.read_text()
    assert source.count("(1 - beta1) * p.grad") == 1
    return source.replace("(1 - beta1) * p.grad", ".15 * p.grad")


def verify_run(program: Path, data: Path, expect: int) -> float:
    started = time.perf_counter()
    completed = subprocess.run(["golf", "verify", str(REFERENCE), str(program), "--data", str(data)],
                               stdout=subprocess.DEVNULL)  # fmt: skip
    elapsed = time.perf_counter() - started
    assert (
        completed.returncode == expect
    ), f"golf verify exited {completed.returncode}, expected {expect}"
    return elapsed


def startup_cost(rounds: int) -> tuple[float, float]:
    """Median seconds of ``python -c pass`` bare and inside the sandbox, alternating."""
    bwrap = isolation.find_bubblewrap()
    assert bwrap is not None, "bubblewrap is not usable here"
    bare_times, sandboxed_times = [], []
    with tempfile.TemporaryDirectory() as workdir:
        bare = [sys.executable, "-c", "pass"]
        sandboxed = isolation.bubblewrap_command(bwrap, Path(workdir), bare)
        for _ in range(rounds):
            for command, times in ((bare, bare_times), (sandboxed, sandboxed_times)):
                started = time.perf_counter()
                subprocess.run(command, check=True)
                times.append(time.perf_counter() - started)
    return statistics.median(bare_times), statistics.median(sandboxed_times)


def children_cpu() -> float:
    """CPU seconds of every finished, reaped descendant of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(run: Callable[[], float]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run."""
    before = children_cpu()
    wall = run()
    return wall, children_cpu() - before


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--startup-rounds", type=int, default=20)
    args = parser.parse_args()
    print(f"isolation: {isolation.choose_isolation().value}")
    bare_start, sandboxed_start = startup_cost(args.startup_rounds)
    print(
        f"sandbox start-up: python -c pass {bare_start * 1000:.1f} ms bare, "
        f"{sandboxed_start * 1000:.1f} ms in bubblewrap (+{(sandboxed_start - bare_start) * 1000:.1f} ms), "
        f"medians of {args.startup_rounds}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        equivalent = Path(scratch) / "equivalent.py"
        equivalent.write_text(equivalent_candidate())
        diverging = Path(scratch) / "diverging.py"
        diverging.write_text(diverging_candidate())
        verify_run(equivalent, args.data, expect=0)  # warm the reference's trace cache
        rows: dict[str, list[tuple[tuple[float, float], tuple[float, float]]]] = {
            "equivalent": [], "diverging": [],
        }  # fmt: skip
        for _ in range(args.rounds):
            for name, program, expect in (
                ("equivalent", equivalent, 0),
                ("diverging", diverging, 1),
            ):
                bare = timed(lambda: bare_run(program, args.data))
                verified = timed(lambda: verify_run(program, args.data, expect))
                rows[name].append((bare, verified))
    print(
        "| candidate | bare run, wall | golf verify, wall | wall ratio | bare run, CPU "
        f"| golf verify, CPU | CPU ratio | (medians of {args.rounds}) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, runs in rows.items():
        cells = []
        for measure in (0, 1):  # wall, then CPU
            bare = statistics.median(run[0][measure] for run in runs)
            verified = statistics.median(run[1][measure] for run in runs)
            ratio = statistics.median(run[1][measure] / run[0][measure] for run in runs)
            cells += [f"{bare:.2f} s", f"{verified:.2f} s", f"{ratio:.3f}x"]
        print(f"| {name} | " + " | ".join(cells) + " | |")


if __name__ == "__main__":
    main()
