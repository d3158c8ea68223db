"""The golfing problem: the best verified program so far and the gate every change passes.

Kept apart from the passes that propose changes (see ``minimizer.search``):
this module owns the current best source, its size, the verification gate
(compile, then a cheap proof of equivalence, then a full verifier run), a cache
of verdicts by source, per-transform statistics, and the checkpoint: every time
a full run accepts a program, it is written to the output directory, so that an
interruption leaves the best verified program there.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from minimizer.analysis.module_names import name_map_spellings
from minimizer.analysis.parsing import PARSING
from minimizer.analysis.spellings import identifier_counts
from minimizer.changes import changed_statement
from minimizer.checks import Check, CheckKind
from minimizer.equivalence import proof_of_equivalence
from minimizer.objective import Characters, Cost, Objective
from verifier.compare import Divergence
from verifier.verification import BadInput, Verifier


@dataclass
class TransformStats:
    """What one transform tried and what came of it, for the report."""

    name: str
    safety: str
    sites_tried: int = 0
    kept: int = 0
    #: Restructurings not proposed because they would not pay (``minimizer.objective``).
    screened_out: int = 0
    rejected: int = 0
    characters_saved: int = 0
    seconds: float = 0.0
    runs: int = 0
    #: Screening runs: each stopped after the first training step.
    screens: int = 0
    rejections: list[str] = field(default_factory=list)

    def reject(self, sites: int, reason: str) -> None:
        self.rejected += sites
        if len(self.rejections) < 8 and reason not in self.rejections:
            self.rejections.append(reason)


def source_digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def _first_divergence(divergence: Divergence) -> str:
    """One line: where, what, and how far apart, e.g. "... parameter 17 (wte[1][0]), 1 ULP"."""
    line = divergence.describe().splitlines()[0]
    return line if divergence.ulps is None else f"{line}, {divergence.ulps} ULP"


@dataclass(frozen=True)
class Snapshot:
    """Where the search stood: the best program, the last verified one, their name maps,
    and each transform's sites kept and characters saved on the way there."""

    best: str
    verified: str
    names: dict[str, str]
    verified_names: dict[str, str]
    kept: dict[str, tuple[int, int]]


class Problem:
    def __init__(
        self,
        start: str,
        verifier: Verifier,
        on_verified: Callable[[str], None],
        deadline: float | None = None,
        names: dict[str, str] | None = None,
        objective: Objective | None = None,
        preserved: frozenset[str] = frozenset(),
    ) -> None:
        self.best = start
        #: Names never renamed or removed (``--preserve``): no kept change spells one less often.
        self.preserved = preserved
        self.objective = objective or Characters()
        self.verified = start  # the last program a full run accepted
        self.verifier = verifier
        self.on_verified = on_verified
        self.deadline = deadline
        self.stats: dict[str, TransformStats] = {}
        #: Golfed name -> the original's name, for module-level names and attributes.
        self.names: dict[str, str] = dict(names or {})
        self.verified_names = dict(self.names)
        self.runs = 0
        #: Screening runs (stopped after the first training step), apart from full runs.
        self.screens = 0
        self._screens: dict[str, Check] = {}
        #: (seconds since the start, characters) each time a change was kept, for the report.
        self.history: list[tuple[float, int]] = [(0.0, len(start))]
        self._started = time.monotonic()
        self._verdicts: dict[str, Check] = {}
        #: Each transform's changes that a run rejected when made alone, as the statement
        #: they rewrote, before and after (``minimizer.changes``): proposed again on a
        #: later program, they are not tried again (see ``rejected_before``).
        self._rejected_changes: dict[str, set[tuple[str, str]]] = {}
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        """The best program's length in characters, whatever the objective."""
        return len(self.best)

    def cost(self, source: str | None = None) -> Cost:
        """What the objective makes of ``source`` (default: the best program)."""
        return self.objective.cost(self.best if source is None else source)

    def improves(self, candidate: str, base: str) -> bool:
        return self.cost(candidate) < self.cost(base) and self.keeps_preserved(candidate, base)

    def keeps_preserved(self, candidate: str, base: str) -> bool:
        """Whether ``candidate`` spells every preserved name as often as ``base`` does."""
        if not self.preserved:
            return True
        with PARSING:
            try:
                after = identifier_counts(candidate, self.preserved)
            except (SyntaxError, ValueError):
                return True  # it does not compile: the gate rejects it as such
            before = identifier_counts(base, self.preserved)
        return all(after[name] >= count for name, count in before.items())

    def out_of_time(self) -> bool:
        return self.deadline is not None and time.monotonic() > self.deadline

    def _without_a_run(self, candidate: str, against: str | None) -> Check | None:
        """A verdict that needs no run: it does not compile, or a proof that it behaves
        like ``against`` (default: the best). Every accepted program is equivalent to
        the verified one, so a proof against any of them carries over."""
        with PARSING:  # one thread at a time (minimizer.analysis.parsing)
            try:
                compile(candidate, "<candidate>", "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as error:
                return Check(False, CheckKind.DOES_NOT_COMPILE, str(error))
            proof = proof_of_equivalence(self.best if against is None else against, candidate)
        return None if proof is None else Check(True, proof)

    def check(self, candidate: str, against: str | None = None) -> Check:
        """May ``candidate`` replace ``against`` (default: the best)? Runs the verifier if needed."""
        return self._without_a_run(candidate, against) or self.run(candidate)

    def run(self, candidate: str) -> Check:
        """A full verifier run, cached by the candidate's source."""
        key = source_digest(candidate)
        with self._lock:
            cached = self._verdicts.get(key)
        if cached is not None:
            return cached
        try:
            verdict = self.verifier.verify(candidate.encode("utf-8"), "candidate.py", self.names)
        except BadInput as error:
            check = Check(False, CheckKind.BAD_INPUT, str(error))
        else:
            reason = "" if verdict.equivalent else _first_divergence(verdict.divergence)
            check = Check(verdict.equivalent, CheckKind.RUN, reason)
        with self._lock:
            self.runs += 1
            self._verdicts[key] = check
        return check

    def screen(self, candidate: str, against: str | None = None) -> Check:
        """A cheap look before a full run: rejects a candidate that diverges by the end of
        the first training step; one that agrees so far is only *screened*, never accepted.
        A proof or a verdict already known answers without a run."""
        decided = self._without_a_run(candidate, against)
        if decided is not None:
            return decided
        key = source_digest(candidate)
        with self._lock:
            known = self._verdicts.get(key) or self._screens.get(key)
        if known is not None:
            return known
        try:
            divergence = self.verifier.screen(candidate.encode("utf-8"), "candidate.py", self.names)
        except BadInput as error:
            check = Check(False, CheckKind.BAD_INPUT, str(error))
        else:
            reason = "" if divergence is None else _first_divergence(divergence)
            check = Check(divergence is None, CheckKind.SCREEN, reason)
        with self._lock:
            self.screens += 1
            self._screens[key] = check
        return check

    def remember_rejected(self, transform: str, base: str, candidate: str) -> None:
        """``candidate``, ``base`` with one site of ``transform`` changed, was rejected."""
        change = changed_statement(base, candidate)
        if change is None:
            return
        with self._lock:
            self._rejected_changes.setdefault(transform, set()).add(change)

    def rejects_some_of(self, transform: str) -> bool:
        """Whether any single change of ``transform`` was rejected so far."""
        with self._lock:
            return transform in self._rejected_changes

    def rejected_before(self, transform: str, base: str, candidate: str) -> bool:
        """Whether ``candidate`` makes in ``base`` a change of ``transform`` already rejected,
        on this program or an earlier one: the same statement, rewritten the same way.

        A rewrite that changed a float in the last round changes it again in this one: tried
        again, it would fail the whole chain again, and cost a bisection and a re-chaining of
        the transforms after it, every round. A change taken for one already rejected costs
        some characters, never correctness."""
        change = changed_statement(base, candidate)
        with self._lock:
            return change is not None and change in self._rejected_changes.get(transform, ())

    def follow_names(self, renames: dict[str, str], program: str) -> None:
        """Update the name map for one transform's step that led to ``program``.

        Names inlined or removed leave the map at the very step that removes them,
        so that a spelling reused later (an alias taking a freed letter) is never
        credited to the wrong original."""
        for old, new in renames.items():
            self.names[new] = self.names.pop(old, old)
        spelled = name_map_spellings(program)
        self.names = {
            golfed: original for golfed, original in self.names.items() if golfed in spelled
        }

    def snapshot(self) -> Snapshot:
        kept = {name: (stats.kept, stats.characters_saved) for name, stats in self.stats.items()}
        return Snapshot(self.best, self.verified, dict(self.names), dict(self.verified_names), kept)

    def restore(self, snapshot: Snapshot) -> None:
        """Stand where ``snapshot`` stood again. The verdicts found since are kept, and so
        are the sites tried, rejected and the runs spent: they are work done."""
        self.best, self.verified = snapshot.best, snapshot.verified
        self.names, self.verified_names = dict(snapshot.names), dict(snapshot.verified_names)
        for name, stats in self.stats.items():
            stats.kept, stats.characters_saved = snapshot.kept.get(name, (0, 0))

    def accept(self, candidate: str, check: Check) -> None:
        self.best = candidate
        self.history.append((time.monotonic() - self._started, len(candidate)))
        if check.ran:
            self._verified_now()

    def _verified_now(self) -> None:
        self.verified, self.verified_names = self.best, dict(self.names)
        self.on_verified(self.best)

    def format_with_black(self) -> None:
        """Lay the best program out as black would; layout only, so no run is needed."""
        import black

        formatted = black.format_str(self.best, mode=black.Mode())
        check = self.check(formatted)
        if check.accepted:
            self.accept(formatted, check)
        self.ensure_verified()

    def ensure_verified(self) -> bool:
        """Make sure the best program has passed a full run; fall back to the last one that did."""
        if self.best == self.verified:
            return True
        check = self.run(self.best)
        if check.accepted:
            self._verified_now()
            return True
        self.best, self.names = self.verified, dict(self.verified_names)
        return False
