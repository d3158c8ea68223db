"""The search: propose changes site by site, verify them in batches, keep what passes.

Each round runs the tiers declared in ``minimizer.transforms`` in their order
(safe, risky, layout), each tier one chain: each transform applied with all of
its sites on top of the previous one, and the end of the chain verified once
(a single run usually accepts a whole chain; layout output has the same AST
and needs no run at all). When a chain fails, the first failing transform is
found by bisection over the chain's prefixes, judged by *screens* (runs
stopped after the first training step, a fraction of a run each) and confirmed
by one full run; the passing prefix is kept; the failing transform's sites are
screened one by one, the survivors verified together and bisected if they
still fail (both halves in parallel, up to ``jobs`` runs at a time); then the
rest of the tier is chained again on top. A site rejected alone is remembered
by the change it makes (``minimizer.changes``) and not proposed again on a
later program: it fails a chain once, not every round. Rounds repeat until one
no longer lowers the objective's cost (characters; for ``--readable``, black's
lines and then characters: see ``minimizer.objective``). How far the search
goes beyond that, or stops short of it, is the effort level's
(``minimizer.effort``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import libcst as cst

from minimizer.analysis.resolution import parsed
from minimizer.changes import SingleSitePrograms, changed_text
from minimizer.checks import Check, CheckKind
from minimizer.collection import fewer_collections
from minimizer.effort import DEFAULT, Effort
from minimizer.objective import RestructuringGate
from minimizer.problem import Problem, Snapshot, TransformStats, source_digest
from minimizer.transforms.base import Safety, Transform

Progress = Callable[[str], None]
#: Sites kept, the program they make, and the check that accepted it.
Found = tuple[list[int], str, Check]


@dataclass
class ChainLink:
    transform: Transform
    before: str
    after: str
    sites: int
    screened_out: int
    seconds: float
    renames: dict[str, str]


class Search:
    def __init__(
        self,
        problem: Problem,
        tiers: Sequence[Sequence[Transform]],
        jobs: int = 2,
        progress: Progress | None = None,
        effort: int = DEFAULT,
    ) -> None:
        self.problem = problem
        self.tiers = tiers
        self.effort = Effort(effort)
        self.jobs = max(1, jobs)
        self.run_slots = threading.BoundedSemaphore(self.jobs)
        self.progress = progress or (lambda message: None)
        for transform in (transform for tier in tiers for transform in tier):
            problem.stats.setdefault(
                transform.name, TransformStats(transform.name, transform.safety.value)
            )
        #: Sites each transform counted on each source (by digest): never counted twice.
        self._counts: dict[tuple[Transform, str], int] = {}
        self._single_sites = SingleSitePrograms()

    # --- rounds -------------------------------------------------------------------------

    @fewer_collections()
    def run(self) -> None:
        first, *others = self.effort.orders(self.tiers)
        start = self.problem.snapshot()
        self._rounds(first)
        for number, tiers in enumerate(others, start=2):
            if self.problem.out_of_time():
                break
            self.progress(f"effort {self.effort.level}: again, the risky tier in order {number}")
            self._path_from(start, tiers)
        self.progress("final full verification")
        self.problem.ensure_verified()

    def _path_from(self, start: Snapshot, tiers: Sequence[Sequence[Transform]]) -> None:
        """Rounds of ``tiers`` from ``start``; the best verified program so far stays, unless
        this path ends on a smaller verified one. Only a program smaller than that best is
        written out on the way, so an interruption leaves the best there."""
        self.problem.ensure_verified()
        best = self.problem.snapshot()
        write = self.problem.on_verified

        def write_if_smaller(program: str) -> None:
            if self.problem.cost(program) < self.problem.cost(best.verified):
                write(program)

        self.problem.on_verified = write_if_smaller
        self.problem.restore(start)
        try:
            self._rounds(tiers)
            self.problem.ensure_verified()
        finally:
            self.problem.on_verified = write
            if self.problem.cost(self.problem.verified) >= self.problem.cost(best.verified):
                self.problem.restore(best)

    def _rounds(self, tiers: Sequence[Sequence[Transform]]) -> None:
        """Rounds of ``tiers`` until one no longer lowers the cost, or the effort's most."""
        rounds = 0
        while not self.problem.out_of_time() and rounds != self.effort.rounds:
            rounds += 1
            cost = self.problem.cost()
            for tier in tiers:
                if not self.problem.out_of_time():
                    self._chain_round(tier)
            if self.problem.cost() >= cost:
                break

    def _chain_round(self, tier: Sequence[Transform]) -> None:
        """All transforms of one tier stacked in their order, with all their sites, and
        verified once at the end: usually one run accepts them all. When the end of the
        chain fails, the longest prefix that passes is found by bisection and kept, the
        first failing transform's sites are bisected in turn, and the transforms after
        it are chained again on top of what was kept."""
        chain = self._build_chain(tier)
        if not chain:
            return
        self.progress(f"verifying {len(chain)} stacked {tier[0].safety.value} transforms")
        check = self._check(chain[-1].after)
        if check.accepted:
            self._accept_links(chain, check)
            return
        passing = self._longest_passing_prefix(chain, self._screen)
        verified = self._check(chain[passing - 1].after) if passing else None
        if verified is not None and not verified.accepted:
            # The screen let through a link that diverges later: bisect with full runs.
            passing = self._longest_passing_prefix(chain[:passing], self._check)
            verified = self._check(chain[passing - 1].after) if passing else None
        if verified is not None:
            self._accept_links(chain[:passing], verified)
        if self.problem.out_of_time():
            return
        failing_transform = chain[passing].transform
        self.try_transform(failing_transform)
        # The rest of the tier gets its turn now, on top of what was kept: were it to
        # wait for the next round, a site that fails every round would starve it.
        rest = list(tier)
        self._chain_round(rest[rest.index(failing_transform) + 1 :])

    def _longest_passing_prefix(self, chain: list[ChainLink], judge: Callable[[str], Check]) -> int:
        """Bisection over the chain's prefixes, knowing the whole chain fails: the length
        of the longest prefix ``judge`` passes (the link after it is the first to fail)."""
        passing, failing = 0, len(chain)
        while failing - passing > 1:
            middle = (passing + failing) // 2
            self.progress(f"chain failed: judging its first {middle} transforms")
            if judge(chain[middle - 1].after).accepted:
                passing = middle
            else:
                failing = middle
        return passing

    def _screen(self, candidate: str) -> Check:
        with self.run_slots:
            return self.problem.screen(candidate)

    def _check(self, candidate: str) -> Check:
        with self.run_slots:
            return self.problem.check(candidate)

    def _build_chain(self, tier: Sequence[Transform]) -> list[ChainLink]:
        chain: list[ChainLink] = []
        current = self.problem.best
        for transform in tier:
            started = time.perf_counter()
            self.progress(f"{transform.name}: proposing")
            module = parsed(current)  # one module, one metadata resolution per source
            sites, screened_out = self._proposed_sites(transform, module, current)
            if not sites:
                continue
            candidate = transform.apply(module, sites).code
            renames = transform.renames(module, sites)
            seconds = time.perf_counter() - started
            if _compiles(candidate) and self._pays(transform, candidate, current):
                link = ChainLink(
                    transform, current, candidate, len(sites), screened_out, seconds, renames
                )
                chain.append(link)
                current = candidate
        return chain

    def _gate(self, transform: Transform) -> RestructuringGate | None:
        return self.problem.objective.worth_restructuring if transform.restructures else None

    def _pays(self, transform: Transform, candidate: str, base: str) -> bool:
        """A lower cost than ``base``, and for a restructuring whatever else the objective asks."""
        gate = self._gate(transform)
        return self.problem.improves(candidate, base) and (gate is None or gate(candidate, base))

    def _proposed_sites(
        self, transform: Transform, module: cst.Module, base: str
    ) -> tuple[list[int], int]:
        """The sites worth trying, and how many were screened out: all of them, except
        for a restructuring whose objective screens them, where only those that still
        pay on top of the ones taken before are tried (two folds that each fit on a
        line may not fit together)."""
        sites = list(range(self._count(transform, module, base)))
        if self.problem.preserved:  # each site alone must keep every preserved name
            sites = [
                site
                for site in sites
                if self.problem.keeps_preserved(
                    self._single_sites.program(transform, module, base, site), base
                )
            ]
        sites = self._not_rejected_before(transform, module, base, sites)
        gate = self._gate(transform)
        if gate is None:
            return sites, 0
        kept: list[int] = []
        current = base
        for site in sites:
            candidate = transform.apply(module, [*kept, site]).code
            if gate(candidate, current):
                kept.append(site)
                current = candidate
        return kept, len(sites) - len(kept)

    def _not_rejected_before(
        self, transform: Transform, module: cst.Module, base: str, sites: list[int]
    ) -> list[int]:
        """``sites`` but those whose change alone was rejected before (``Problem.rejected_before``).

        Telling them apart costs one application per site, and only for a transform with
        a rejection on record: far less than the failed chain, the bisection and the
        re-chaining of the rest of the tier that the site would cost again."""
        if not self.problem.rejects_some_of(transform.name):
            return sites
        return [
            site
            for site in sites
            if not self.problem.rejected_before(
                transform.name, base, self._single_sites.program(transform, module, base, site)
            )
        ]

    def _count(self, transform: Transform, module: cst.Module, source: str) -> int:
        """``transform.count_sites(module)``, counted once per transform and source."""
        key = (transform, source_digest(source))
        if key not in self._counts:
            self._counts[key] = transform.count_sites(module)
        return self._counts[key]

    def _accept_links(self, links: list[ChainLink], check: Check) -> None:
        for link in links:
            stats = self.problem.stats[link.transform.name]
            stats.sites_tried += link.sites
            stats.kept += link.sites
            stats.screened_out += link.screened_out
            stats.characters_saved += len(link.before) - len(link.after)
            stats.seconds += link.seconds
            self.problem.follow_names(link.renames, link.after)
        self.problem.accept(links[-1].after, check)

    # --- one transform, bisected ------------------------------------------------------------

    def try_transform(self, transform: Transform) -> bool:
        stats = self.problem.stats.setdefault(
            transform.name, TransformStats(transform.name, transform.safety.value)
        )
        started = time.perf_counter()
        base = self.problem.best
        module = parsed(base)
        sites, screened_out = self._proposed_sites(transform, module, base)
        stats.screened_out += screened_out
        if not sites:
            return False
        stats.sites_tried += len(sites)
        if transform.safety is Safety.RISKY and len(sites) > 1:
            sites = self._screened(transform, module, base, sites, stats)
        self.progress(f"{transform.name}: {len(sites)} sites")
        found = self._find_good(transform, module, base, sites, stats) if sites else None
        if found is not None:
            kept, candidate, check = found
            stats.kept += len(kept)
            stats.characters_saved += len(base) - len(candidate)
            self.problem.follow_names(transform.renames(module, kept), candidate)
            self.problem.accept(candidate, check)
        stats.seconds += time.perf_counter() - started
        return found is not None

    def _screened(
        self,
        transform: Transform,
        module: cst.Module,
        base: str,
        sites: list[int],
        stats: TransformStats,
    ) -> list[int]:
        """The sites that, each alone, agree up to the end of the first training step.

        Bisection pays a full run for every subset that passes on its way to the
        bad sites; screening every site alone, in parallel, rejects the ones that
        change a float at once, for a fraction of a run each, and leaves one full
        run for the rest (bisected as before if a site diverges only later)."""
        self.progress(f"{transform.name}: screening {len(sites)} sites one by one")

        def screen(site: int) -> tuple[int, str, Check]:
            candidate = self._single_sites.program(transform, module, base, site)
            with self.run_slots:
                return site, candidate, self.problem.screen(candidate, against=base)

        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            screened = list(pool.map(screen, sites))
        passing = []
        for site, candidate, check in screened:
            stats.screens += check.how is CheckKind.SCREEN
            if check.accepted:
                passing.append(site)
            else:
                self._reject(transform, stats, base, candidate, check)
        return passing

    def _find_good(
        self,
        transform: Transform,
        module: cst.Module,
        base: str,
        sites: list[int],
        stats: TransformStats,
    ) -> Found | None:
        """The subset of ``sites`` found to pass at the lowest cost, with its program and check."""
        if self.problem.out_of_time():
            return None
        candidate = transform.apply(module, sites).code
        if not self._pays(transform, candidate, base):
            return None
        self.progress(f"{transform.name}: verifying {len(sites)} site(s)")
        with self.run_slots:
            check = self.problem.check(candidate, against=base)
        stats.runs += check.ran
        if check.accepted:
            return sites, candidate, check
        if len(sites) == 1:
            self._reject(transform, stats, base, candidate, check)
            return None
        middle = len(sites) // 2
        halves: list[Found | None] = [None, None]

        def solve(index: int, part: list[int]) -> None:
            halves[index] = self._find_good(transform, module, base, part, stats)

        helper = threading.Thread(target=solve, args=(1, sites[middle:]))
        helper.start()
        solve(0, sites[:middle])
        helper.join()
        left, right = halves
        options = [found for found in halves if found is not None]
        if left is not None and right is not None:
            union = sorted(left[0] + right[0])
            combined = transform.apply(module, union).code
            if self._pays(transform, combined, base):
                with self.run_slots:
                    check = self.problem.check(combined, against=base)
                stats.runs += check.ran
                if check.accepted:
                    options.insert(0, (union, combined, check))
        return min(options, key=lambda found: self.problem.cost(found[1])) if options else None

    def _reject(
        self, transform: Transform, stats: TransformStats, base: str, candidate: str, check: Check
    ) -> None:
        """One site rejected: counted, reported as what it tried and why it failed, and,
        if a run rejected it, remembered so that it is not proposed again."""
        before, after = changed_text(base, candidate)
        stats.reject(1, f"`{before}` → `{after}`: {check.how.value}: {check.reason}")
        if check.how in (CheckKind.RUN, CheckKind.SCREEN):  # a compile error costs no run
            self.problem.remember_rejected(transform.name, base, candidate)


def _compiles(source: str) -> bool:
    try:
        compile(source, "<candidate>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True
