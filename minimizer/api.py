"""The Python API: ``golf(path)`` golfs one program and returns what came of it.

The ``golf`` command line is a thin layer over this (``minimizer.golf_cli``), so a
build script or a notebook gets exactly what the command gives: the verified
program, its sizes, the report, the name map and the verifier runs, with the
same files left in the output folder. ``golf_code(text)`` does the same for a
program held in a string.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from minimizer.objective import BlackLines, Characters
from minimizer.options import GolfOptions
from minimizer.outputs import Outputs
from minimizer.packing import Packed, first_verified
from minimizer.problem import Problem
from minimizer.report import report_data, write_report
from minimizer.search import Search
from minimizer.stats import Stats, measure
from minimizer.transforms import GOLF_TIERS, READABLE_TIERS, load_tiers
from minimizer.transforms.remove_unexercised import RemoveUnexercised
from verifier.inputs import default_data
from verifier.verification import BadInput, Verifier

#: Told what the search is doing and the best program's size, as it goes.
Progress = Callable[[str, int], None]


class GolfError(Exception):
    """The program, its data or the reference run cannot be used; the message says why."""


@dataclass
class GolfResult:
    """What one golf run made."""

    source: Path
    original: str
    #: The last program a full verifier run accepted (written as OUTDIR/<name>.py).
    program: str
    #: Where it was written (OUTDIR/<name>.py); None for :func:`golf_code`.
    path: Path | None
    names: dict[str, str]  # golfed name -> original name
    verifier_runs: int
    elapsed: float
    interrupted: bool
    report: dict = field(repr=False)
    packed: Packed | None = None

    @property
    def sizes(self) -> dict[str, Stats]:
        """The original's and the golfed program's sizes, and the packed one's if any."""
        sizes = {"original": measure(self.original), "golfed": measure(self.program)}
        if self.packed is not None:
            sizes["packed"] = measure(self.packed.program)
        return sizes


class _CoverageInBackground:
    """The reference's unexercised lines, computed on a thread while the search runs."""

    def __init__(self, verifier: Verifier) -> None:
        self._result: list[int] = []
        self._error: BadInput | None = None
        self._thread = threading.Thread(target=self._compute, args=(verifier,), daemon=True)
        self._thread.start()

    def _compute(self, verifier: Verifier) -> None:
        try:
            self._result = verifier.unexercised_lines()
        except BadInput as error:  # told by lines(), not lost on the thread
            self._error = error

    def lines(self) -> list[int]:
        self._thread.join()
        if self._error is not None:
            raise GolfError(f"the coverage run of the reference failed: {self._error}")
        return self._result


def _pack_verified(
    problem: Problem, outputs: Outputs, options: GolfOptions
) -> tuple[Packed | None, list[str]]:
    """Pack the verified program, verify the packed one by a full run, and write it beside."""

    def verify(program: str) -> bool:
        return problem.run(program).accepted

    packed, notes = first_verified(problem.verified, options.pack, options.score, verify)  # type: ignore[arg-type]
    if packed is not None:
        outputs.write_program(packed.program, problem.verified_names, packed=True)
    return packed, notes


def golf(
    source: Path,
    output: Path,
    *,
    data: Path | None = None,
    options: GolfOptions | None = None,
    progress: Progress | None = None,
) -> GolfResult:
    """Golf the program at ``source`` into ``output``/<name>.py, verifying every kept change.

    ``data`` is the ``input.txt`` of the verification runs (default: the one beside
    ``source``, if any). Ctrl-C stops the search and returns the best verified
    program with ``interrupted`` set. Raises :class:`GolfError` for unusable input.
    """
    options = options or GolfOptions()
    tell = progress or (lambda message, size: None)
    try:
        original = source.read_text(encoding="utf-8")
        verifier = Verifier(source, data or default_data(source))
    except (OSError, UnicodeDecodeError) as error:
        raise GolfError(f"cannot read {source}: {error}") from error
    except BadInput as error:
        raise GolfError(str(error)) from error
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file by that name, or no right to write there
        raise GolfError(f"cannot write to {output}: {error}") from error
    stem = source.stem + ("_readable" if options.readable else "")
    outputs = Outputs(output, source, stem, verifier.reference_source, verifier.data)
    previous = None if options.fresh else outputs.resumable()
    start, names = previous or (original, {})
    started = time.monotonic()
    deadline = started + options.time_limit if options.time_limit else None
    tiers = [
        [transform for transform in tier if options.selects(transform.name)]
        for tier in load_tiers(READABLE_TIERS if options.readable else GOLF_TIERS)
    ]
    # Which lines no run exercises: a slower, traced run of the original, done
    # beside the search (or before it, when that code is to be removed).
    coverage = _CoverageInBackground(verifier)

    def on_verified(program: str) -> None:
        outputs.write_program(program, problem.names)

    objective = BlackLines() if options.readable else Characters()
    problem = Problem(
        start, verifier, on_verified, deadline, names, objective, frozenset(options.preserve)
    )
    search = Search(
        problem, tiers, jobs=options.jobs, progress=lambda message: tell(message, problem.size),
        effort=options.effort,
    )  # fmt: skip
    interrupted = False
    try:
        tell("recording the reference's trace", problem.size)
        verifier.trace  # noqa: B018 - record (or load) it before the first candidate
        if previous is None:
            outputs.write_program(original, names={})
            if options.drop_unexercised and options.selects("remove_unexercised"):
                tell("finding code no run exercises", problem.size)
                search.try_transform(RemoveUnexercised(coverage.lines()))
        search.run()
        if options.readable:
            tell("formatting with black", problem.size)
            problem.format_with_black()
    except KeyboardInterrupt:
        interrupted = True
    except BadInput as error:
        raise GolfError(str(error)) from error
    packed, packing_notes = None, []
    if options.pack != "none" and not interrupted:
        tell(f"packing ({options.pack}) and verifying the packed program", problem.size)
        packed, packing_notes = _pack_verified(problem, outputs, options)
    elapsed = time.monotonic() - started
    unexercised = coverage.lines() if not interrupted else None
    report = report_data(
        original, problem, elapsed, interrupted, previous is not None, unexercised, packed,
        packing_notes,
    )  # fmt: skip
    write_report(outputs.report, report)
    return GolfResult(
        source=source, original=original, program=problem.verified, path=outputs.program,
        names=dict(problem.verified_names), verifier_runs=problem.runs, elapsed=elapsed,
        interrupted=interrupted, report=report, packed=packed,
    )  # fmt: skip


def golf_code(
    code: str,
    *,
    name: str = "program.py",
    data: Path | None = None,
    options: GolfOptions | None = None,
    progress: Progress | None = None,
) -> GolfResult:
    """``golf`` for a program held in a string; the files go to a temporary folder, then away."""
    folder = Path(tempfile.mkdtemp(prefix="golf-"))
    try:
        source = folder / "source" / name
        source.parent.mkdir()
        source.write_text(code, encoding="utf-8")
        result = golf(source, folder / "out", data=data, options=options, progress=progress)
        result.path = None
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)
