"""``golf SRC -o OUTDIR``: the main job, from the command line to the files it leaves.

It builds the :class:`~minimizer.problem.Problem` (starting from an earlier
run's verified output when there is one for the same source and data), runs
the :class:`~minimizer.search.Search` over the pipeline with a progress line
on the terminal, and writes ``OUTDIR/<name>.py``, ``<name>.map.json`` and
``<name>.report.md``/``.json``. The program file is only ever replaced by one a
full verifier run accepted, so Ctrl-C, a crash or the time limit leave the best
verified program in place, and a rerun resumes from it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from minimizer.objective import BlackLines, Characters, black_line_count
from minimizer.problem import Problem
from minimizer.report import write_report
from minimizer.search import Search
from minimizer.transforms import GOLF_PIPELINE, READABLE_PIPELINE, load_pipeline
from minimizer.transforms.remove_unexercised import RemoveUnexercised
from verifier.inputs import default_data, read_map
from verifier.traces import CONTRACT_VERSION
from verifier.verify import BadInput, Verifier


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="golf",
        description="Shrink a Python program; every kept change is verified bit for bit.",
    )
    parser.add_argument("source", type=Path, help="the program to golf")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUTDIR")
    parser.add_argument(
        "--data", type=Path, help="input.txt for the verification runs (default: beside SRC)"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="verifier runs at once"
    )
    parser.add_argument(
        "--time-limit", type=float, metavar="S", help="stop searching after S seconds"
    )
    parser.add_argument(
        "--readable", action="store_true",
        help="keep names and layout; only simplifications that shorten and clarify; black-formatted",
    )  # fmt: skip
    parser.add_argument(
        "--fresh", action="store_true", help="ignore an earlier run's output in OUTDIR"
    )
    parser.add_argument(
        "--drop-unexercised", action="store_true",
        help="also remove code that the verification run never executes (e.g. a download branch)",
    )  # fmt: skip
    return parser


def digest(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


class Outputs:
    """The files golf leaves in OUTDIR, and how to resume from them."""

    def __init__(
        self, directory: Path, source: Path, stem: str, source_bytes: bytes, data: bytes | None
    ):
        self.directory = directory
        self.program = directory / f"{stem}.py"
        self.map = directory / f"{stem}.map.json"
        self.report = directory / f"{stem}.report"
        self.identity = {
            "reference": str(source),
            "reference_sha256": digest(source_bytes),  # as stored: golf check hashes the bytes too
            "data_sha256": digest(data),
            "python": sys.version,  # a proof holds for the interpreter that ran it
            "contract_version": CONTRACT_VERSION,
        }

    def resumable(self) -> tuple[str, dict[str, str]] | None:
        """An earlier verified output for this very source and data, with its name map."""
        recorded = read_map(self.map)
        try:
            program = self.program.read_text(encoding="utf-8")
        except (OSError, ValueError):
            program = None
        if recorded is None or program is None:
            return None
        same = all(
            recorded.get(key) == value for key, value in self.identity.items() if key != "reference"
        )
        untouched = recorded.get("program_sha256") == digest(program.encode("utf-8"))
        return (program, dict(recorded.get("names", {}))) if same and untouched else None

    def write_program(self, source: str, names: dict[str, str]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomically(self.program, source)
        mapping = {
            **self.identity,
            "program_sha256": digest(source.encode("utf-8")),
            "names": names,
        }
        write_atomically(self.map, json.dumps(mapping, indent=2, sort_keys=True) + "\n")


class CoverageInBackground:
    """The reference's unexercised lines, computed on a thread while the search runs."""

    def __init__(self, verifier: Verifier) -> None:
        self._result: list[int] = []
        self._thread = threading.Thread(target=self._compute, args=(verifier,), daemon=True)
        self._thread.start()

    def _compute(self, verifier: Verifier) -> None:
        self._result = verifier.unexercised_lines()

    def lines(self) -> list[int]:
        self._thread.join()
        return self._result


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    console = Console(stderr=True)
    try:
        original = args.source.read_text(encoding="utf-8")
        data_path = args.data or default_data(args.source)
        verifier = Verifier(args.source, data_path)
    except (OSError, UnicodeDecodeError) as error:
        console.print(f"golf: cannot read {args.source}: {error}")
        return 2
    except BadInput as error:
        console.print(f"golf: {error}")
        return 2
    stem = args.source.stem + ("_readable" if args.readable else "")
    outputs = Outputs(args.output, args.source, stem, verifier.reference_source, verifier.data)
    previous = None if args.fresh else outputs.resumable()
    start, names = previous or (original, {})
    started = time.monotonic()
    deadline = started + args.time_limit if args.time_limit else None
    pipeline = load_pipeline(READABLE_PIPELINE if args.readable else GOLF_PIPELINE)
    # Which lines no run exercises: a slower, traced run of the original, done
    # beside the search (or before it, when that code is to be removed).
    coverage = CoverageInBackground(verifier)

    # The bar fills as the program shrinks: from the original's size towards nothing.
    bar = Progress(
        SpinnerColumn(), TextColumn("[bold]{task.fields[size]}[/] chars"), BarColumn(),
        TimeElapsedColumn(), TextColumn("{task.description}"), console=console, transient=True,
    )  # fmt: skip
    task = bar.add_task("recording the reference's trace", total=len(original), size=len(start))

    def progress(message: str) -> None:
        bar.update(
            task, completed=len(original) - problem.size, size=problem.size, description=message
        )

    def on_verified(program: str) -> None:
        outputs.write_program(program, problem.names)

    objective = BlackLines() if args.readable else Characters()
    problem = Problem(start, verifier, on_verified, deadline, names, objective)
    search = Search(problem, pipeline, jobs=args.jobs, progress=progress)
    interrupted = False
    with bar:
        try:
            verifier.trace  # noqa: B018 - record (or load) it before the first candidate
            if previous is None:
                outputs.write_program(original, names={})
                if args.drop_unexercised:
                    progress("finding code no run exercises")
                    search.try_transform(RemoveUnexercised(coverage.lines()))
            search.run()
            if args.readable:
                progress("formatting with black")
                problem.format_with_black()
        except KeyboardInterrupt:
            interrupted = True
        except BadInput as error:
            console.print(f"golf: {error}")
            return 2
    elapsed = time.monotonic() - started
    unexercised = coverage.lines() if not interrupted else None
    write_report(
        outputs.report, original, problem, elapsed, interrupted, previous is not None, unexercised
    )
    summary = f"{args.source}: {len(original)} -> {len(problem.verified)} characters, "
    if args.readable:
        before, after = black_line_count(original), black_line_count(problem.verified)
        summary += f"{before} -> {after} lines in black's layout, "
    summary += f"{problem.runs} verifier runs, {elapsed:.0f} s"
    if interrupted:
        summary += " (interrupted: the best verified program is kept)"
    console.print(f"{summary}\nwrote {outputs.program}")
    return 130 if interrupted else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
