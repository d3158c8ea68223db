"""The cyclic garbage collector's thresholds while the golfer searches.

Kept apart from the search (``minimizer.search``), which only enters it: a process-wide
setting, taken while the search runs and given back when it ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: The cyclic garbage collector's thresholds while the search runs (as mypy sets them).
SEARCH_GC_THRESHOLDS = (200_000, 30, 30)


#: How many searches are running, and the thresholds from before the first of them:
#: searches may overlap on threads (``minimizer.api.golf`` is a public call), and the
#: last one to end gives the thresholds back.
_RUNNING = 0
_BEFORE: tuple[int, ...] = ()
_LOCK = threading.Lock()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector, run less often while the search runs.

    The search makes and drops millions of small objects (libcst nodes, metadata) while
    it holds a few dozen resolved modules, and each full collection walks everything
    held, a cost that grows with the program. On ``raytrace`` the default thresholds
    made 11-12 full collections taking 1.5-1.9 s; these make 2, taking 0.3-0.5 s, and the
    golf's peak memory is the same (BENCHMARKS.md)."""
    global _RUNNING, _BEFORE
    with _LOCK:
        if _RUNNING == 0:
            _BEFORE = gc.get_threshold()
            gc.set_threshold(*SEARCH_GC_THRESHOLDS)
        _RUNNING += 1
    try:
        yield
    finally:
        with _LOCK:
            _RUNNING -= 1
            if _RUNNING == 0:
                gc.set_threshold(*_BEFORE)
