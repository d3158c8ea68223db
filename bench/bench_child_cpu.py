"""The observed child's CPU time beside a bare run's, with the order alternated.

``bench_verify.py`` times whole ``golf verify`` processes; this one times only
what the verifier's child costs: ``Verifier.verify`` in this process (the
reference's trace loaded once, before), against a bare run of the same
program, the pair's order swapped every round so that neither always runs
second. CPU time (user + system of the reaped descendants, bubblewrap and the
observed program included) is reported, a figure a loaded machine disturbs
less than wall time.

    python3 bench/bench_child_cpu.py --rounds 4 [--data FILE]
"""

from __future__ import annotations

import argparse
import ast
import resource
import statistics
from collections.abc import Callable
from pathlib import Path

from common import DEFAULT_DATA, REFERENCE, bare_run

from verifier.verification import Verifier


def children_cpu(run: Callable[[], object]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    verifier = Verifier(REFERENCE, args.data)
    verifier.trace  # noqa: B018 - loaded (or recorded) before the timed rounds
    source = ast.unparse(ast.parse(REFERENCE.read_text())).encode()
    ratios = []
    for round_number in range(args.rounds):
        pair = [
            ("bare", lambda: bare_run(REFERENCE, args.data)),
            ("verify", lambda: verifier.verify(source, "microgpt.py")),
        ]
        if round_number % 2:
            pair.reverse()
        seconds = {name: children_cpu(run) for name, run in pair}
        ratios.append(seconds["verify"] / seconds["bare"])
        print(f"round {round_number + 1}: bare {seconds['bare']:.2f} s CPU, verify "
              f"{seconds['verify']:.2f} s CPU, ratio {ratios[-1]:.3f}x", flush=True)  # fmt: skip
    print(f"median ratio of {args.rounds}: {statistics.median(ratios):.3f}x")


if __name__ == "__main__":
    main()
