"""The verifier's entry point for programs: is this candidate equivalent to the reference?

:class:`Verifier` owns one reference and its data. It records (or loads from
the cache) the reference's trace once, derives the candidate's limits from the
reference's own cost, and judges candidates by streaming their events through
a :class:`~verifier.compare.StreamComparator`, stopping each at its first
divergence.
"""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass, field
from pathlib import Path

from verifier.compare import StreamComparator
from verifier.divergence import Divergence
from verifier.events import CollectorTimed, Coverage, Event, Line
from verifier.inputs import BadInput, check_program, read_data, read_program
from verifier.isolation import Isolation
from verifier.sandbox import Limits, StopReason, run_observed
from verifier.traces import (
    Trace,
    cache_key,
    describe_contract,
    load_cached,
    record,
    store_cached,
)

#: The wall-clock limit of a candidate is this multiple of the reference's run time ...
TIME_FACTOR = 3.0
#: ... plus this many seconds, for interpreter start-up and a loaded machine.
TIME_MARGIN = 10.0
MIN_MEMORY = 2 * 1024**3
MIN_STDOUT = 64 * 1024


class VerdictKind(enum.Enum):
    """What a verdict says, before the details."""

    EQUIVALENT = "equivalent"
    EQUIVALENT_AS_OBSERVED = "equivalent as far as observed"
    NOT_EQUIVALENT = "not equivalent"


@dataclass
class Verdict:
    equivalent: bool
    divergence: Divergence | None
    elapsed: float
    reference_elapsed: float
    notes: list[str] = field(default_factory=list)
    candidate_losses: list[float | None] = field(default_factory=list)
    #: The end of what the candidate wrote to stderr: shown, never compared.
    stderr_tail: bytes = b""
    #: The quantities compared, and those the reference's run did not reveal.
    compared: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)

    @property
    def kind(self) -> VerdictKind:
        if not self.equivalent:
            return VerdictKind.NOT_EQUIVALENT
        return VerdictKind.EQUIVALENT_AS_OBSERVED if self.notes else VerdictKind.EQUIVALENT

    def describe(self) -> str:
        kind = self.kind
        if kind is VerdictKind.EQUIVALENT_AS_OBSERVED:
            text = "equivalent as far as observed (see the notes)"
        elif kind is VerdictKind.EQUIVALENT:
            text = "equivalent: every compared quantity bit-identical"
        else:
            assert self.divergence is not None
            text = "NOT equivalent: " + self.divergence.describe()
        contract = describe_contract(self.compared, self.not_found)
        return "\n".join([text, contract, *(f"note: {note}" for note in self.notes)])

    def to_json(self) -> dict:
        return {
            "equivalent": self.equivalent,
            "kind": self.kind.value,
            "divergence": self.divergence.to_json() if self.divergence else None,
            "elapsed": self.elapsed,
            "reference_elapsed": self.reference_elapsed,
            "notes": self.notes,
            "compared": self.compared,
            "not_found": self.not_found,
            "stderr_tail": self.stderr_tail.decode("utf-8", "replace"),
        }


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
        return next((list(e.unexercised) for e in trace.events if isinstance(e, Coverage)), [])

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
                reason = (
                    result.protocol_error or result.stopped_because or f"exit status {trace.status}"
                )
                raise BadInput(f"the reference itself failed to run ({reason}):\n{tail}")
            timed = [e for e in trace.events if isinstance(e, CollectorTimed)]
            if timed:
                raise BadInput(
                    f"the reference cannot be verified: {timed[0].explained()} (README, "
                    "'What in-process observation cannot guarantee')"
                )
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
        params, loss = self.trace.params, self.trace.loss
        if params and params.name in original_to_golfed:
            hints["params"] = original_to_golfed[params.name]
        if loss and loss.name in original_to_golfed:
            hints["loss"] = original_to_golfed[loss.name]
        return hints

    def verify(
        self,
        source: bytes,
        program_name: str = "candidate.py",
        name_map: dict[str, str] | None = None,
    ) -> Verdict:
        check_program(source, program_name)
        trace = self.trace
        comparator = StreamComparator(trace)
        started = time.perf_counter()
        result = run_observed(
            source, program_name, self.data, self.candidate_limits(), comparator.feed,
            self.hints_for(name_map or {}),
        )  # fmt: skip
        divergence = result.verdict if result.stopped_because is StopReason.DIVERGENCE else None
        divergence = divergence or comparator.finish(result)
        if result.isolation is Isolation.AUDIT_HOOK_ONLY:
            comparator.notes.add(
                "run without bubblewrap, behind an audit hook a hostile program can switch off"
            )
        compared, not_found = trace.contract()
        return Verdict(
            equivalent=divergence is None,
            compared=compared,
            not_found=not_found,
            divergence=divergence,
            elapsed=time.perf_counter() - started,
            reference_elapsed=trace.elapsed,
            notes=sorted(comparator.notes),
            candidate_losses=comparator.candidate_losses,
            stderr_tail=result.stderr_tail,
        )

    def screen(
        self,
        source: bytes,
        program_name: str = "candidate.py",
        name_map: dict[str, str] | None = None,
        until_step: int = 1,
    ) -> Divergence | None:
        """A cheap first look: the candidate's first divergence up to the end of training
        step ``until_step``, or None when it agreed that far. The run stops there, so a
        rewrite that changes a float costs a fraction of a run to reject; agreeing says
        nothing about later steps, so only :meth:`verify` accepts."""
        check_program(source, program_name)
        comparator = StreamComparator(self.trace)
        agreed = object()  # stops the run, and is told apart from a divergence

        def feed(event: Event) -> object:
            divergence = comparator.feed(event)
            if divergence is None and isinstance(event, Line):
                return agreed if comparator.steps_done >= until_step else None
            return divergence

        result = run_observed(
            source, program_name, self.data, self.candidate_limits(), feed,
            self.hints_for(name_map or {}),
        )  # fmt: skip
        if result.stopped_because is StopReason.DIVERGENCE:
            return None if result.verdict is agreed else result.verdict
        return comparator.finish(result)  # it ended (or failed) before the screened step
