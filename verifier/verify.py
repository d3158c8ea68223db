"""The verifier's entry point for programs: is this candidate equivalent to the reference?

:class:`Verifier` owns one reference and its data. It records (or loads from
the cache) the reference's trace once, derives the candidate's limits from the
reference's own cost, and judges candidates by streaming their events through
a :class:`~verifier.compare.StreamComparator`, stopping each at its first
divergence.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from verifier.compare import Divergence, StreamComparator
from verifier.sandbox import Limits, run_observed
from verifier.traces import Trace, cache_key, load_cached, record, store_cached

#: The wall-clock limit of a candidate is this multiple of the reference's run time ...
TIME_FACTOR = 3.0
#: ... plus this many seconds, for interpreter start-up and a loaded machine.
TIME_MARGIN = 10.0
MIN_MEMORY = 2 * 1024**3
MIN_STDOUT = 64 * 1024


class BadInput(Exception):
    """A missing or unreadable file, or a program that does not compile."""


@dataclass
class Verdict:
    equivalent: bool
    divergence: Divergence | None
    elapsed: float
    reference_elapsed: float
    notes: list[str] = field(default_factory=list)
    candidate_losses: list[float | None] = field(default_factory=list)

    def describe(self) -> str:
        if self.equivalent and self.notes:
            text = "equivalent as far as observed (see the notes)"
        elif self.equivalent:
            text = "equivalent: stdout, exit status, random calls, parameters and loss all bit-identical"
        else:
            assert self.divergence is not None
            text = "NOT equivalent: " + self.divergence.describe()
        return "\n".join([text, *(f"note: {note}" for note in self.notes)])

    def to_json(self) -> dict:
        return {
            "equivalent": self.equivalent,
            "divergence": self.divergence.to_json() if self.divergence else None,
            "elapsed": self.elapsed,
            "reference_elapsed": self.reference_elapsed,
            "notes": self.notes,
        }


def read_program(path: Path) -> bytes:
    try:
        source = path.read_bytes()
    except OSError as error:
        raise BadInput(f"cannot read {path}: {error.strerror or error}") from error
    try:
        compile(source, str(path), "exec")
    except (SyntaxError, ValueError) as error:
        raise BadInput(f"{path} does not compile: {error}") from error
    return source


def read_data(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError as error:
        raise BadInput(f"cannot read the data file {path}: {error.strerror or error}") from error


def read_map(path: Path) -> dict | None:
    """The name map ``golf`` wrote at ``path``, or ``None`` when it is missing or not a JSON object."""
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return recorded if isinstance(recorded, dict) else None


def load_name_map(candidate: Path, explicit: Path | None) -> dict[str, str]:
    """Golfed name -> original name, from ``--map`` or ``<candidate>.map.json`` beside it."""
    path = explicit or candidate.with_suffix(".map.json")
    if explicit is None and not path.exists():
        return {}
    recorded = read_map(path)
    if recorded is None:
        raise BadInput(f"cannot read the name map {path}: missing or not valid JSON")
    return dict(recorded.get("names", {}))


class Verifier:
    def __init__(
        self,
        reference: Path,
        data: Path | None,
        *,
        use_cache: bool = True,
        reference_limits: Limits | None = None,
    ) -> None:
        self.reference_path = reference
        self.reference_source = read_program(reference)
        self.data = read_data(data)
        self.use_cache = use_cache
        self.reference_limits = reference_limits or Limits()
        self._trace: Trace | None = None

    def unexercised_lines(self) -> list[int]:
        """Lines of the reference that its run never executed (a separate, traced run, cached)."""
        hints = {"coverage": "1"}
        key = cache_key(self.reference_source, self.data, hints)
        trace = load_cached(key) if self.use_cache else None
        if trace is None:
            trace, _ = record(
                self.reference_source,
                self.reference_path.name,
                self.data,
                self.reference_limits,
                hints,
            )
            if self.use_cache:
                store_cached(key, trace)
        return next((list(event[1]) for event in trace.events if event[0] == "coverage"), [])

    @property
    def trace(self) -> Trace:
        if self._trace is None:
            self._trace = self._load_or_record()
        return self._trace

    def _load_or_record(self) -> Trace:
        key = cache_key(self.reference_source, self.data, {})
        trace = load_cached(key) if self.use_cache else None
        if trace is None:
            trace, result = record(
                self.reference_source,
                self.reference_path.name,
                self.data,
                self.reference_limits,
                {},
            )
            if result.stopped_because or trace.status != 0:
                tail = result.stderr_tail.decode("utf-8", "replace")[-500:]
                reason = result.stopped_because or f"exit status {trace.status}"
                raise BadInput(f"the reference itself failed to run ({reason}):\n{tail}")
            if self.use_cache:
                store_cached(key, trace)
        return trace

    def candidate_limits(self) -> Limits:
        trace = self.trace
        return Limits(
            wall_seconds=TIME_FACTOR * trace.elapsed + TIME_MARGIN,
            memory_bytes=max(MIN_MEMORY, 8 * trace.peak_rss_kib * 1024),
            stdout_bytes=max(MIN_STDOUT, 4 * len(trace.stdout)),
        )

    def hints_for(self, name_map: dict[str, str]) -> dict[str, str]:
        """Where the candidate keeps the reference's parameters and loss, by the name map."""
        original_to_golfed = {original: golfed for golfed, original in name_map.items()}
        hints = {}
        params_event = next((e for e in self.trace.events if e[0] == "params"), None)
        loss_event = next((e for e in self.trace.events if e[0] == "loss"), None)
        if params_event and params_event[1] in original_to_golfed:
            hints["params"] = original_to_golfed[params_event[1]]
        if loss_event and loss_event[1] in original_to_golfed:
            hints["loss"] = original_to_golfed[loss_event[1]]
        return hints

    def verify(
        self,
        source: bytes,
        program_name: str = "candidate.py",
        name_map: dict[str, str] | None = None,
    ) -> Verdict:
        try:
            compile(source, program_name, "exec")
        except (SyntaxError, ValueError) as error:
            raise BadInput(f"{program_name} does not compile: {error}") from error
        trace = self.trace
        comparator = StreamComparator(trace)
        started = time.perf_counter()
        result = run_observed(
            source, program_name, self.data, self.candidate_limits(), comparator.feed,
            self.hints_for(name_map or {}),
        )  # fmt: skip
        divergence = result.verdict if result.stopped_because == "divergence" else None
        divergence = divergence or comparator.finish(result)
        return Verdict(
            equivalent=divergence is None,
            divergence=divergence,
            elapsed=time.perf_counter() - started,
            reference_elapsed=trace.elapsed,
            notes=sorted(comparator.notes),
            candidate_losses=comparator.candidate_losses,
        )
