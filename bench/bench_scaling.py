"""The golfer's own time on one kind of program grown n-fold: linear in its size?

Why: over the corpus (``bench_corpus.py``), a larger program is also a different
program, which gives different transforms something to do and the search more
rounds, so the corpus's fit mixes how the golfer scales with what each program
asks of it. Here one program is made of ``n`` units of the same shape (a class,
a function with loops, float sums, a list comprehension, strings, calls into
``random``), each with its own names, so that only the size changes; each is
golfed as ``bench_corpus.py`` golfs (in this process, a cold trace cache, the
verifier's runs timed apart) and its output checked with ``golf check``. Prints
own wall and CPU time per size and the log-log slope of each: 1 is linear.

    python3 bench/bench_scaling.py [--units 4 8 16 32 64] [--jobs N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import tempfile
from pathlib import Path

from bench_corpus import golf_check, run_golf

HEAD = "import random\n\nrandom.seed(1)\nresults = []\n"

UNIT = '''

class Body{i}:
    def __init__(self, mass, position):
        self.mass = mass
        self.position = list(position)

    def moved(self, step):
        return [coordinate + step * self.mass for coordinate in self.position]


def simulate{i}(count, seed):
    bodies = [Body{i}(random.random(), (seed, seed * 0.5, 1.5)) for _ in range(count)]
    total = 0.0
    for body in bodies:
        for value in body.moved(0.25):
            total += value
    names = ["unit{i}", "alpha", "beta", ""]
    label = "-".join(name.upper() for name in names if name)
    return round(total, 6), label


results.append(simulate{i}(5, {i}))
'''

TAIL = "\nprint(results)\n"


def program(units: int) -> str:
    """A program of ``units`` units of the same shape, each with its own names."""
    return HEAD + "".join(UNIT.format(i=i) for i in range(units)) + TAIL


def slope(points: list[tuple[int, float]]) -> float:
    """The least-squares slope of log(time) against log(size)."""
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(seconds) for _, seconds in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[4, 8, 16, 32, 64])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="golf's --jobs")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args()
    rows = []
    print("| units | size | golfed | verifier runs | own wall | own CPU | golf check |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for units in args.units:
        with tempfile.TemporaryDirectory() as scratch_name:
            scratch = Path(scratch_name)
            os.environ["BABBLETEST_CACHE"] = str(scratch / "cache")
            source = scratch / f"units{units}.py"
            source.write_text(program(units))
            wall, cpu, clock = run_golf(source, scratch / "golfed", args.jobs)
            golfed = scratch / "golfed" / source.name
            row = {
                "units": units,
                "size": len(program(units)),
                "golfed": len(golfed.read_text()),
                "verifier_runs": clock.verify_calls,
                "own_seconds": wall - clock.busy_seconds(),
                "own_cpu_seconds": cpu,
                "golf_check": golf_check(source, golfed),
            }
        rows.append(row)
        print(
            f"| {units} | {row['size']:,} | {row['golfed']:,} | {row['verifier_runs']} | "
            f"{row['own_seconds']:.1f} s | {row['own_cpu_seconds']:.1f} s | {row['golf_check']} |",
            flush=True,
        )
    if len(rows) > 1:
        for key, label in (("own_seconds", "own wall"), ("own_cpu_seconds", "own CPU")):
            fitted = slope([(row["size"], row[key]) for row in rows])
            print(f"{label}: slope {fitted:.2f} over {len(rows)} sizes")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
