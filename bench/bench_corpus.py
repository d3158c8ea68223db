"""Golf every program of the real-program corpus and set it beside python-minifier.

Why: issue 12 asks whether ``golf`` holds up on programs this project did not
write (``corpus/programs``, made by ``scripts/prepare_corpus.py``), and where
its own time goes. For each program, in this process:

- ``golf PROGRAM -o DIR --fresh`` via :func:`minimizer.golf_cli.main`, with a cold
  trace cache. ``Verifier.verify``, ``Verifier.screen`` and the reference's recordings
  (``Verifier._load_or_record``, ``Verifier.unexercised_lines``) are wrapped
  with a timer, so the golfer's *own* time is the wall time minus the time in
  which at least one verifier run was going on; its CPU time is that of this
  process alone (the verifier's runs are child processes);
- ``golf check PROGRAM GOLFED`` on what it wrote;
- ``python_minifier.minify(source, rename_globals=True,
  remove_literal_statements=True)`` (the options the issue names), whose output
  is put through our verifier.

Prints a markdown table with totals; ``--json`` keeps the figures and
``--plot`` draws own time against program size.

    python3 bench/bench_corpus.py [--only NAME ...] [--jobs N] [--json FILE] [--plot FILE.png]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import python_minifier

from minimizer.check import main as check_main
from minimizer.golf_cli import main as golf_main
from verifier.verification import Verifier

from common import ROOT

PROGRAMS = ROOT / "corpus" / "programs"
#: Every method of the verifier that makes a run: full runs, screens (stopped after the
#: first training step, or at the end for a program that does not train), the reference.
TIMED_METHODS = ("verify", "screen", "_load_or_record", "unexercised_lines")


@dataclass
class Row:
    name: str
    before: int
    golf: int
    minifier: int | None
    minifier_verified: str
    golf_seconds: float
    verifier_runs: int
    verifier_seconds: float
    own_seconds: float
    own_cpu_seconds: float
    golf_check: str


class VerifierClock:
    """Wraps the verifier's run-making methods; keeps the intervals they were running."""

    def __init__(self) -> None:
        self.intervals: list[tuple[float, float]] = []
        self.verify_calls = 0
        self._lock = threading.Lock()

    def _timed(self, name: str, method: Callable) -> Callable:
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                with self._lock:
                    self.intervals.append((started, time.perf_counter()))
                    self.verify_calls += name == "verify"

        return timed

    @contextlib.contextmanager
    def installed(self) -> Iterator[VerifierClock]:
        originals = {name: getattr(Verifier, name) for name in TIMED_METHODS}
        for name, method in originals.items():
            setattr(Verifier, name, self._timed(name, method))
        try:
            yield self
        finally:
            for name, method in originals.items():
                setattr(Verifier, name, method)

    def busy_seconds(self) -> float:
        """Seconds in which at least one verifier run was going on (overlaps counted once)."""
        total, covered_until = 0.0, float("-inf")
        for start, end in sorted(self.intervals):
            start = max(start, covered_until)
            if end > start:
                total += end - start
                covered_until = end
        return total


def run_golf(program: Path, outdir: Path, jobs: int) -> tuple[float, float, VerifierClock]:
    clock = VerifierClock()
    with clock.installed():
        cpu_started, started = time.process_time(), time.perf_counter()
        status = golf_main([str(program), "-o", str(outdir), "--jobs", str(jobs), "--fresh"])
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if status != 0:
        raise RuntimeError(f"golf {program.name} exited with status {status}")
    return wall, cpu, clock


def golf_check(program: Path, golfed: Path) -> str:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = check_main([str(program), str(golfed)])
    return "passes" if status == 0 else "FAILED: " + printed.getvalue().strip()[:300]


def minify(program: Path) -> tuple[int | None, str]:
    source = program.read_text(encoding="utf-8")
    try:
        minified = python_minifier.minify(
            source, rename_globals=True, remove_literal_statements=True
        )
    except Exception as error:  # noqa: BLE001 - a minifier crash is a result to report
        return None, f"minifier error: {type(error).__name__}"
    verdict = Verifier(program, None).verify(minified.encode("utf-8"), "minified.py")
    described = verdict.describe().splitlines()[0]
    return len(minified), "passes" if verdict.equivalent else f"FAILS ({described[:120]})"


def bench_one(program: Path, jobs: int, keep: Path | None) -> Row:
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        os.environ["BABBLETEST_CACHE"] = str(scratch / "cache")
        outdir = (keep / program.stem) if keep else scratch / "golfed"
        wall, cpu, clock = run_golf(program, outdir, jobs)
        golfed = outdir / f"{program.stem}.py"
        busy = clock.busy_seconds()
        check_verdict = golf_check(program, golfed)
        minified_size, minified_verdict = minify(program)
        return Row(
            name=program.stem,
            before=len(program.read_text(encoding="utf-8")),
            golf=len(golfed.read_text(encoding="utf-8")),
            minifier=minified_size,
            minifier_verified=minified_verdict,
            golf_seconds=wall,
            verifier_runs=clock.verify_calls,
            verifier_seconds=busy,
            own_seconds=wall - busy,
            own_cpu_seconds=cpu,
            golf_check=check_verdict,
        )


def table(rows: list[Row]) -> str:
    lines = [
        "| program | before | golf | python-minifier | minifier verified | golf wall | "
        "verifier runs | verifier busy | golf own (wall) | golf own (CPU) | golf check |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        minifier = f"{r.minifier:,}" if r.minifier is not None else "-"
        lines.append(
            f"| {r.name} | {r.before:,} | {r.golf:,} | {minifier} | {r.minifier_verified} | "
            f"{r.golf_seconds:.1f} s | {r.verifier_runs} | {r.verifier_seconds:.1f} s | "
            f"{r.own_seconds:.1f} s | {r.own_cpu_seconds:.1f} s | {r.golf_check} |"
        )
    both = [r for r in rows if r.minifier is not None]
    golf_total, minifier_total = sum(r.golf for r in both), sum(r.minifier or 0 for r in both)
    lines.append(
        f"| **total** | {sum(r.before for r in rows):,} | {sum(r.golf for r in rows):,} | "
        f"{minifier_total:,} | {sum(r.minifier_verified == 'passes' for r in rows)}/{len(rows)} "
        f"pass | {sum(r.golf_seconds for r in rows):.1f} s | "
        f"{sum(r.verifier_runs for r in rows)} | {sum(r.verifier_seconds for r in rows):.1f} s | "
        f"{sum(r.own_seconds for r in rows):.1f} s | {sum(r.own_cpu_seconds for r in rows):.1f} s"
        f" | {sum(r.golf_check == 'passes' for r in rows)}/{len(rows)} pass |"
    )
    lines.append("")
    if minifier_total:
        lines.append(
            f"golf / python-minifier over the {len(both)} programs both handled: "
            f"{golf_total:,} / {minifier_total:,} = {golf_total / minifier_total:.3f}"
        )
    losses = [r.name for r in both if r.golf > (r.minifier or 0)]
    lines.append("golf larger than python-minifier on: " + (", ".join(losses) or "none"))
    return "\n".join(lines)


def plot(rows: list[Row], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6, 4))
    sizes = [r.before for r in rows]
    axes.scatter(sizes, [r.own_seconds for r in rows], label="own wall time")
    axes.scatter(sizes, [r.own_cpu_seconds for r in rows], marker="x", label="own CPU time")
    for r in rows:
        axes.annotate(r.name, (r.before, r.own_seconds), fontsize=6)
    axes.set_xlabel("program size (characters)")
    axes.set_ylabel("golf's own time outside verifier runs (s)")
    axes.set_title("golf's own time against program size (corpus)")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", metavar="NAME", help="this program only")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="golf's --jobs")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="leave golf's outputs here")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the rows as JSON")
    parser.add_argument("--plot", type=Path, metavar="FILE", help="draw own time against size")
    args = parser.parse_args()
    programs = sorted(PROGRAMS.glob("*.py"), key=lambda path: len(path.read_text()))
    if args.only:
        programs = [p for p in programs if p.stem in args.only]
        missing = set(args.only) - {p.stem for p in programs}
        if missing:
            parser.error(f"no such corpus program: {', '.join(sorted(missing))}")
    rows = []
    for program in programs:
        try:
            rows.append(bench_one(program, args.jobs, args.keep))
        except Exception as error:  # noqa: BLE001 - one program's failure must not hide the rest
            print(f"{program.stem}: ERROR {type(error).__name__}: {error}", flush=True)
            continue
        print(json.dumps(asdict(rows[-1])), flush=True)
        if args.json:
            args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2) + "\n")
    print(f"\n`golf --jobs {args.jobs}`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    print(table(rows))
    if args.plot:
        plot(rows, args.plot)


if __name__ == "__main__":
    main()
