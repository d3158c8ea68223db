"""The golfer's own time on one kind of program grown n-fold: linear in its size?

Why: over the corpus (``bench_corpus.py``), a larger program is also a different
program, which gives different transforms something to do and the search more
rounds, so the corpus's fit mixes how the golfer scales with what each program
asks of it. Here one program is made of ``n`` units of the same shape (a class,
a function with loops, float sums, a list comprehension, strings, calls into
``random``), each with its own names, so that only the size changes; each is
golfed as ``bench_corpus.py`` golfs (in this process, a cold trace cache, the
verifier's runs timed apart) and its output checked with ``golf check``. With
``--corpus NAME...``, each named corpus program is grown ``--folds``-fold instead
(``grow_program.py``: copies with their own globals). Prints own wall and CPU
time per size and the log-log slope of each series, and for several programs one
slope fitted to all of them, each about its own mean (``pooled_slope``): 1 is linear.

    python3 bench/bench_scaling.py [--units 4 8 16 32 64] [--jobs N] [--json FILE]
    python3 bench/bench_scaling.py --corpus hexiom deltablue [--folds 1 2 4] [--plot FILE.png]
    python3 bench/bench_scaling.py --rows ROWS.json [--plot FILE.png]   (saved rows again)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bench_corpus import PROGRAMS, golf_check, run_golf
from grow_program import grow

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
    """The least-squares slope of log(time) against log(size): one program's pooled slope."""
    return pooled_slope([points])[0]


def pooled_slope(series: list[list[tuple[int, float]]]) -> tuple[float, float]:
    """One log-log slope for several programs, each grown from its own size: each series is
    centred on its own mean, so that programs that differ in kind differ only in intercept,
    and the slope says how each one's time grows with its size. With its standard error."""
    xs: list[float] = []
    ys: list[float] = []
    for points in series:
        logs = [(math.log(size), math.log(seconds)) for size, seconds in points]
        mean_x = sum(x for x, _ in logs) / len(logs)
        mean_y = sum(y for _, y in logs) / len(logs)
        xs += [x - mean_x for x, _ in logs]
        ys += [y - mean_y for _, y in logs]
    spread = sum(x * x for x in xs)
    fitted = sum(x * y for x, y in zip(xs, ys)) / spread
    freedom = len(xs) - len(series) - 1
    if freedom < 1:
        return fitted, math.nan
    residuals = sum((y - fitted * x) ** 2 for x, y in zip(xs, ys))
    return fitted, math.sqrt(residuals / freedom / spread)


def measure(name: str, text: str, jobs: int) -> dict:
    """Golf ``text`` as ``bench_corpus.py`` golfs, in a scratch folder with a cold cache."""
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        os.environ["BABBLETEST_CACHE"] = str(scratch / "cache")
        source = scratch / name
        source.write_text(text)
        wall, cpu, clock = run_golf(source, scratch / "golfed", jobs)
        golfed = scratch / "golfed" / source.name
        return {
            "size": len(text),
            "golfed": len(golfed.read_text()),
            "verifier_runs": clock.verify_calls,
            "own_seconds": wall - clock.busy_seconds(),
            "own_cpu_seconds": cpu,
            "golf_check": golf_check(source, golfed),
        }


def series(args: argparse.Namespace) -> Iterator[tuple[str, str, int, str]]:
    """(series, size label, n, program text): the synthetic units, or each corpus program
    named with ``--corpus`` grown ``--folds``-fold."""
    if not args.corpus:
        for units in args.units:
            yield "units", f"units{units}.py", units, program(units)
    for name in args.corpus:
        original = (PROGRAMS / f"{name}.py").read_text()
        once = printed(original)
        for folds in args.folds:
            grown = grow(original, folds)
            if printed(grown) != once * folds:
                raise SystemExit(
                    f"{name} grown {folds}-fold does not print {folds} times its output"
                )
            yield name, f"{name}{folds}.py", folds, grown


def printed(source: str) -> bytes:
    """What ``python3`` prints running ``source`` in a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "program.py"
        path.write_text(source)
        run = subprocess.run(
            [sys.executable, path.name], cwd=scratch, capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},  # as the verifier runs it
        )  # fmt: skip
    if run.returncode:
        raise SystemExit(f"a program to grow failed: {run.stderr.decode()[-500:]}")
    return run.stdout


def plot(rows: list[dict], path: Path) -> None:
    """Own wall time against size on log-log axes, one line per program, beside a slope of 1."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 5))
    axes.set_prop_cycle(color=plt.get_cmap("tab20").colors)  # a colour for each program
    for name in dict.fromkeys(row["series"] for row in rows):
        points = [(row["size"], row["own_seconds"]) for row in rows if row["series"] == name]
        axes.plot(*zip(*points), marker="o", linewidth=1, label=name)
    smallest = min(row["size"] for row in rows)
    largest = max(row["size"] for row in rows)
    start = min(row["own_seconds"] for row in rows if row["size"] == smallest)
    axes.plot(
        [smallest, largest], [start, start * largest / smallest], "k--", label="linear (slope 1)"
    )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("program size (characters)")
    axes.set_ylabel("golf's own wall time outside verifier runs (s)")
    axes.set_title("golf's own time, each program grown n-fold")
    axes.legend(fontsize=6, ncol=2)
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def report(rows: list[dict]) -> None:
    """Each program's slope and one pooled over all of them, for wall and CPU time."""
    names = list(dict.fromkeys(row["series"] for row in rows))
    for key, label in (("own_seconds", "own wall"), ("own_cpu_seconds", "own CPU")):
        by_program = {n: [(r["size"], r[key]) for r in rows if r["series"] == n] for n in names}
        grown = {name: points for name, points in by_program.items() if len(points) > 1}
        for name, points in grown.items():
            print(f"{name}: {label} slope {slope(points):.2f} over {len(points)} sizes")
        if len(grown) > 1:
            fitted, error = pooled_slope(list(grown.values()))
            print(f"all {len(grown)} programs: {label} slope {fitted:.2f} ± {error:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[4, 8, 16, 32, 64])
    parser.add_argument("--corpus", nargs="+", default=[], metavar="NAME")
    parser.add_argument("--folds", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="golf's --jobs")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the rows as JSON")
    parser.add_argument("--plot", type=Path, metavar="FILE.png", help="draw own time on size")
    parser.add_argument("--rows", type=Path, metavar="FILE", help="report the rows of --json")
    args = parser.parse_args()
    if args.rows:
        rows = json.loads(args.rows.read_text())
        report(rows)
        if args.plot:
            plot(rows, args.plot)
        return
    rows = []
    print("| program | n | size | golfed | verifier runs | own wall | own CPU | golf check |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, file_name, n, text in series(args):
        row = {"series": name, "n": n, **measure(file_name, text, args.jobs)}
        rows.append(row)
        print(
            f"| {name} | {n} | {row['size']:,} | {row['golfed']:,} | {row['verifier_runs']} | "
            f"{row['own_seconds']:.1f} s | {row['own_cpu_seconds']:.1f} s | {row['golf_check']} |",
            flush=True,
        )
    report(rows)
    if args.plot:
        plot(rows, args.plot)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
