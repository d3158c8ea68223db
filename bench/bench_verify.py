"""What verification costs, as a ratio to a bare run of the same candidate.

Two candidates: an equivalent one (the reference with its comments and blank
lines removed, so it is not byte-identical) and one whose weights diverge at
step 1 (``(1 - beta1)`` re-spelled ``.15``). For each, a bare ``python`` run and
a ``golf verify`` with a warm trace cache are timed back to back, alternating,
so that both see the same machine load; the medians of the per-round ratios
are reported. The runs use bubblewrap when it is usable (the isolation used is
printed). The sandbox's own start-up cost is measured apart: an empty
``python -c pass`` bare and inside the very sandbox a run gets, alternating.

    python3 bench/bench_verify.py --rounds 3 [--data FILE] [--startup-rounds 20]
"""

from __future__ import annotations

import argparse
import ast
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import sys

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
        ratios: dict[str, list[float]] = {"equivalent": [], "diverging": []}
        times: dict[str, list[tuple[float, float]]] = {"equivalent": [], "diverging": []}
        for _ in range(args.rounds):
            for name, program, expect in (
                ("equivalent", equivalent, 0),
                ("diverging", diverging, 1),
            ):
                bare = bare_run(program, args.data)
                verified = verify_run(program, args.data, expect)
                ratios[name].append(verified / bare)
                times[name].append((bare, verified))
    print(
        f"| candidate | bare run (median) | golf verify, warm cache (median) | ratio (median of {args.rounds}) |"
    )
    print("|---|---:|---:|---:|")
    for name in ratios:
        bare = statistics.median(t[0] for t in times[name])
        verified = statistics.median(t[1] for t in times[name])
        print(
            f"| {name} | {bare:.2f} s | {verified:.2f} s | {statistics.median(ratios[name]):.3f}x |"
        )


if __name__ == "__main__":
    main()
