"""The search: propose changes site by site, verify them in batches, keep what passes.

Each round first chains every safe transform with all of its sites on top of
each other and verifies the end of the chain once (a single run usually
accepts all of them). Then each risky transform's sites are verified as one
batch, and a failing batch is bisected; both halves are verified in parallel,
up to ``jobs`` runs at a time. Last, the layout transforms are chained (their
output has the same AST, so it needs no run). If a chain fails, its transforms
are tried one at a time like the risky ones. Rounds repeat until no transform
shrinks the program.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import libcst as cst

from minimizer.problem import Check, Problem, TransformStats
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
    seconds: float
    renames: dict[str, str]


def render(module: cst.Module) -> str:
    return module.code


class Search:
    def __init__(
        self,
        problem: Problem,
        transforms: Sequence[Transform],
        jobs: int = 2,
        progress: Progress | None = None,
    ) -> None:
        self.problem = problem
        self.transforms = transforms
        self.run_slots = threading.BoundedSemaphore(max(1, jobs))
        self.progress = progress or (lambda message: None)
        for transform in transforms:
            problem.stats.setdefault(
                transform.name, TransformStats(transform.name, transform.safety.value)
            )

    # --- rounds -------------------------------------------------------------------------

    def run(self) -> None:
        while not self.problem.out_of_time():
            size = self.problem.size
            self._chain_round(Safety.SAFE)
            for transform in self.transforms:
                if transform.safety is Safety.RISKY and not self.problem.out_of_time():
                    self.try_transform(transform)
            self._chain_round(Safety.LAYOUT)
            if self.problem.size >= size:
                break
        self.progress("final full verification")
        self.problem.ensure_verified()

    def _chain_round(self, safety: Safety) -> None:
        """All transforms of one safety level stacked in pipeline order, verified once
        at the end (layout ones last: risky rewrites read code better before it is
        squeezed onto few lines)."""
        chain: list[ChainLink] = []
        current = self.problem.best
        for transform in self.transforms:
            if transform.safety is not safety:
                continue
            started = time.perf_counter()
            self.progress(f"{transform.name}: proposing")
            module = cst.parse_module(current)
            sites = transform.count_sites(module)
            if not sites:
                continue
            candidate = render(transform.apply(module, range(sites)))
            renames = transform.renames(module, range(sites))
            seconds = time.perf_counter() - started
            if len(candidate) < len(current) and _compiles(candidate):
                chain.append(ChainLink(transform, current, candidate, sites, seconds, renames))
                current = candidate
        if not chain:
            return
        self.progress(f"verifying {len(chain)} stacked transforms")
        with self.run_slots:
            check = self.problem.check(current)
        if check.accepted:
            renames: dict[str, str] = {}
            for link in chain:
                stats = self.problem.stats[link.transform.name]
                stats.sites_tried += link.sites
                stats.kept += link.sites
                stats.characters_saved += len(link.before) - len(link.after)
                stats.seconds += link.seconds
                renames = _compose(renames, link.renames)
            self.problem.accept(current, check, renames)
            return
        for link in chain:  # find the culprits one transform at a time
            if not self.problem.out_of_time():
                self.try_transform(link.transform)

    # --- one transform, bisected ------------------------------------------------------------

    def try_transform(self, transform: Transform) -> bool:
        stats = self.problem.stats[transform.name]
        started = time.perf_counter()
        base = self.problem.best
        module = cst.parse_module(base)
        sites = transform.count_sites(module)
        if not sites:
            return False
        stats.sites_tried += sites
        self.progress(f"{transform.name}: {sites} sites")
        found = self._find_good(transform, module, base, list(range(sites)), stats)
        if found is not None:
            kept, candidate, check = found
            stats.kept += len(kept)
            stats.characters_saved += len(base) - len(candidate)
            self.problem.accept(candidate, check, transform.renames(module, kept))
        stats.seconds += time.perf_counter() - started
        return found is not None

    def _find_good(
        self,
        transform: Transform,
        module: cst.Module,
        base: str,
        sites: list[int],
        stats: TransformStats,
    ) -> Found | None:
        """The subset of ``sites`` found to pass that shrinks most, with its program and check."""
        if self.problem.out_of_time():
            return None
        candidate = render(transform.apply(module, sites))
        if len(candidate) >= len(base):
            return None
        self.progress(f"{transform.name}: verifying {len(sites)} site(s), {len(base) - len(candidate)} chars")
        with self.run_slots:
            check = self.problem.check(candidate, against=base)
        stats.runs += check.how == "run"
        if check.accepted:
            return sites, candidate, check
        if len(sites) == 1:
            stats.reject(1, f"site {sites[0]}: {check.how}: {check.reason}")
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
        if left is not None and right is not None:
            union = sorted(left[0] + right[0])
            combined = render(transform.apply(module, union))
            with self.run_slots:
                check = self.problem.check(combined, against=base)
            stats.runs += check.how == "run"
            if check.accepted:
                return union, combined, check
        options = [found for found in halves if found is not None]
        return min(options, key=lambda found: len(found[1])) if options else None


def _compose(first: dict[str, str], then: dict[str, str]) -> dict[str, str]:
    """Renames ``first`` followed by ``then``, as one mapping from the oldest names."""
    composed = {old: then.get(new, new) for old, new in first.items()}
    composed.update({old: new for old, new in then.items() if old not in first.values()})
    return composed


def _compiles(source: str) -> bool:
    try:
        compile(source, "<candidate>", "exec")
    except (SyntaxError, ValueError):
        return False
    return True
