"""bench/bench_corpus.py's arithmetic: the verifier's busy time and the table's verdicts.

The corpus benchmark reports golf's own time as wall time minus the time in
which a verifier run was going on; with ``--jobs 2`` runs overlap, and an
overlap counted twice would make the golfer look faster than it is.
"""

from __future__ import annotations

import importlib.util
import inspect
import math
import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load_bench(name: str = "bench_corpus"):
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def test_overlapping_verifier_runs_are_counted_once():
    clock = load_bench().VerifierClock()
    clock.intervals = [(0.0, 2.0), (1.0, 3.0), (1.5, 2.5), (5.0, 6.0)]
    assert clock.busy_seconds() == 4.0


def test_the_wrapped_verifier_is_timed_and_restored():
    bench = load_bench()
    clock = bench.VerifierClock()
    original = bench.Verifier.verify
    with clock.installed():
        assert bench.Verifier.verify is not original
    assert bench.Verifier.verify is original


def test_every_verifier_method_that_makes_a_run_counts_as_verifier_time():
    """Own time is wall time outside verifier runs: a run-making method left untimed
    (``screen`` was, once) would count its runs as the golfer's own work."""
    bench = load_bench()
    makes_a_run = {
        name
        for name, member in vars(bench.Verifier).items()
        if inspect.isfunction(member)
        and re.search(r"\b(run_observed|record)\(", inspect.getsource(member))
    }
    assert {"verify", "screen", "_load_or_record", "unexercised_lines"} <= makes_a_run
    assert makes_a_run <= set(bench.TIMED_METHODS)


def test_the_table_names_the_programs_golf_loses_on():
    bench = load_bench()

    def row(name: str, golf: int, minifier: int) -> object:
        return bench.Row(name, 100, golf, minifier, "passes", 1.0, 2, 0.5, 0.5, 0.4, "passes")

    text = bench.table([row("wins", 40, 50), row("loses", 60, 50)])
    assert "golf larger than python-minifier on: loses" in text
    assert "100 / 100 = 1.000" in text


def load_fit():
    spec = importlib.util.spec_from_file_location("fit_own_time", BENCH / "fit_own_time.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_growth_fit_reads_linear_quadratic_and_scattered_growth():
    slope = load_fit().slope
    linear, error = slope([(size, 0.002 * size) for size in (1_000, 3_000, 9_000, 20_000)])
    assert abs(linear - 1.0) < 1e-9 and error < 1e-9
    quadratic, _ = slope([(size, size**2) for size in (1_000, 3_000, 9_000, 20_000)])
    assert abs(quadratic - 2.0) < 1e-9
    # Sizes doubling, times 1, 3, 3, 9. By hand, in steps of ln 2: slope 0.6 ln 3 a step,
    # residuals -0.1, 0.3, -0.3, 0.1 (times ln 3), so a standard error of
    # sqrt(0.2 / (4 - 2) / 5) ln 3 a step; divided by ln 2 for a slope in log size.
    scattered, error = slope([(1_000, 1.0), (2_000, 3.0), (4_000, 3.0), (8_000, 9.0)])
    assert abs(scattered - 0.6 * math.log(3) / math.log(2)) < 1e-9
    assert abs(error - math.sqrt(0.02) * math.log(3) / math.log(2)) < 1e-9


def test_the_scaling_programs_grow_in_size_only() -> None:
    """n units of one shape, each with its own names: n times the work and the output."""
    scaling = load_bench("bench_scaling")
    outputs = []
    for units in (1, 4):
        printed = []
        namespace = {"print": printed.append}
        exec(compile(scaling.program(units), "units", "exec"), namespace)  # noqa: S102
        outputs.append(printed[0])
        assert len(printed[0]) == units
        assert {f"simulate{i}" for i in range(units)} <= namespace.keys()
    assert outputs[1][0] == outputs[0][0]  # the first unit does the same work in both
    growth = len(scaling.program(8)) - len(scaling.program(4))
    assert growth == len(scaling.program(4)) - len(scaling.program(0))


def test_the_scaling_slope_is_the_log_log_fit() -> None:
    scaling = load_bench("bench_scaling")
    assert math.isclose(scaling.slope([(1_000, 1.0), (2_000, 2.0), (4_000, 4.0)]), 1.0)
    assert math.isclose(scaling.slope([(1_000, 1.0), (2_000, 4.0), (4_000, 16.0)]), 2.0)


#: Globals met every way a corpus program meets them: ``global``, a read from a nested
#: function, an attribute and a keyword of the same spelling, a local that shadows one.
GROWABLE = '''from __future__ import annotations
import math
try:
    import json
except ImportError:
    json = None
count = 0
class Point:
    def __init__(self, count):
        self.count = count
def bump(step):
    global count
    count += step
    def inner():
        return count * math.pi
    return inner()
def shadow():
    count = "local"
    return count
point = Point(count=3)
print(bump(point.count), shadow(), json is not None)
'''


def test_a_grown_program_runs_its_copies_one_after_another() -> None:
    grow = load_bench("grow_program").grow
    printed: list[tuple] = []

    def run(source: str) -> None:
        code = compile(source, "grown", "exec", dont_inherit=True)
        exec(code, {"print": lambda *values: printed.append(values)})  # noqa: S102

    run(GROWABLE)
    once = list(printed)
    printed.clear()
    grown = grow(GROWABLE, 3)
    run(grown)
    assert printed == once * 3  # each copy from a fresh start
    assert grown.count("from __future__") == 1 and grown.startswith("from __future__")
    assert all(f"global count_{k}" in grown and f"def bump_{k}" in grown for k in (1, 2, 3))
    assert "Point_2(count=3)" in grown and "point_2.count" in grown  # keywords, attributes kept
    assert grown.count("import math\n") == 3  # imports are shared, not renamed
    assert "json = None" in grown and "json_1" not in grown  # an import's name, if rebound too
    with pytest.raises(ValueError, match="__future__"):
        grow("from __future__ import annotations; y = 3\nprint(y)\n", 2)


def test_the_pooled_slope_fits_each_program_about_its_own_size() -> None:
    """Programs of different kinds (intercepts) growing alike give that growth, not the
    spread between kinds: a cheap small program and a dear large one are no quadratic."""
    pooled = load_bench("bench_scaling").pooled_slope
    cheap = [(1_000, 0.1), (2_000, 0.2), (4_000, 0.4)]
    dear = [(10_000, 50.0), (20_000, 100.0), (40_000, 200.0)]
    fitted, error = pooled([cheap, dear])
    assert math.isclose(fitted, 1.0) and error < 1e-9
    squared = [(1_000, 1.0), (2_000, 4.0), (4_000, 16.0)]
    assert math.isclose(pooled([squared, [(5_000, 3.0), (10_000, 12.0)]])[0], 2.0)
    noisy = [(1_000, 1.0), (2_000, 2.4), (4_000, 3.6)]
    fitted, error = pooled([cheap, noisy])
    # numpy.linalg.lstsq on log(time) ~ one intercept per program + log(size), 3 degrees
    # of freedom: slope 0.961999, standard error 0.082869.
    assert math.isclose(fitted, 0.961999, abs_tol=1e-6)
    assert math.isclose(error, 0.082869, abs_tol=1e-6)


def test_saved_scaling_rows_are_reported_and_drawn(tmp_path: Path, capsys) -> None:
    scaling = load_bench("bench_scaling")
    rows = [
        {"series": name, "size": size * scale, "own_seconds": size * scale / 1000 * cost,
         "own_cpu_seconds": (size * scale / 1000) ** 2}
        for name, scale, cost in (("small", 1, 3.0), ("large", 10, 0.5))
        for size in (1_000, 2_000, 4_000)
    ]  # fmt: skip
    scaling.report(rows)
    printed = capsys.readouterr().out
    assert "all 2 programs: own wall slope 1.00 ± 0.00" in printed
    assert "all 2 programs: own CPU slope 2.00 ± 0.00" in printed
    scaling.plot(rows, tmp_path / "growth.png")
    assert (tmp_path / "growth.png").read_bytes().startswith(b"\x89PNG")
