"""The cyclic garbage collector's thresholds while the golfer searches.

Kept apart from the search (``minimizer.search``), which only enters it: a process-wide
setting, taken while the search runs and given back when it ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: The cyclic garbage collector's thresholds while the search runs (as mypy sets them).
SEARCH_GC_THRESHOLDS = (200_000, 30, 30)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector, run less often while the search runs.

    The search makes and drops millions of small objects (libcst nodes, metadata) while
    it holds a few dozen resolved modules, and each full collection walks everything
    held, a cost that grows with the program. On ``raytrace`` the default thresholds
    made 12 full collections taking 1.8 s; these make 2, taking 0.4-0.5 s. The search
    makes little cyclic garbage (BENCHMARKS.md)."""
    previous = gc.get_threshold()
    gc.set_threshold(*SEARCH_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
