"""How fast golf's own time grows with program size over the corpus: a log-log slope.

Why: issue 12 asks that the golfer's own time (outside verifier runs) grow no
faster than linearly over the corpus. Given the rows ``bench/bench_corpus.py
--json`` kept, this fits log(own time) on log(size) by least squares over the
programs of ``--smallest`` characters or more (below that, fixed costs
dominate), for own wall and own CPU time, with the slope's standard error;
a slope of 1 is linear. ``--without NAME`` leaves a program out. It also
prints own CPU seconds per 1,000 characters for each program.

    python3 bench/fit_own_time.py ROWS.json [--smallest 2500] [--without NAME ...]
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path


def slope(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares slope of log(y) on log(x), and its standard error (how far the
    programs' scatter lets the slope move: a slope within it of 1 is not told from 1)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    fitted = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread
    if len(points) < 3:
        return fitted, math.nan
    residuals = sum((y - mean_y - fitted * (x - mean_x)) ** 2 for x, y in zip(xs, ys))
    return fitted, math.sqrt(residuals / (len(points) - 2) / spread)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=Path)
    parser.add_argument("--smallest", type=int, default=2500)
    parser.add_argument("--without", action="append", default=[], metavar="NAME")
    args = parser.parse_args()
    rows = sorted(json.loads(args.rows.read_text()), key=lambda row: row["before"])
    rows = [row for row in rows if row["name"] not in args.without]
    fitted = [row for row in rows if row["before"] >= args.smallest]
    if len({row["before"] for row in fitted}) < 2:
        raise SystemExit(f"fewer than two program sizes of {args.smallest} characters or more")
    for key, label in (("own_seconds", "own wall"), ("own_cpu_seconds", "own CPU")):
        points = [(row["before"], row[key]) for row in fitted]
        value, error = slope(points)
        print(f"{label}: slope {value:.2f} ± {error:.2f} over {len(fitted)} programs")
    for row in rows:
        per_thousand = row["own_cpu_seconds"] / row["before"] * 1000
        print(f"{row['name']}: {row['before']:,} chars, {per_thousand:.2f} s own CPU per 1,000")


if __name__ == "__main__":
    main()
