"""What the search minimises, and which restructurings are worth their change.

``golf`` minimises characters. ``golf --readable`` ends in black's layout, one
statement per line, so what a reader pays for there is lines: its objective is
the number of lines black lays the program out in, then characters. A
restructuring (a transform with ``restructures = True``: inlining a variable,
folding two assignments, a def turned into a lambda) is kept in readable output
only where, on top of the sites already taken, it saves one of black's lines:
folding ``logits = gpt(...)`` into ``probs = softmax(gpt(...))`` reads as well,
whereas a fold that black must split over three lines does not. (Merging
assignments into one tuple assignment needs no screening: it proposes only the
runs that black keeps on one line.)
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Protocol

import black

Cost = tuple[int, ...]
#: Whether one restructuring that turns ``base`` (second) into ``candidate`` (first) pays.
RestructuringGate = Callable[[str, str], bool]


class Objective(Protocol):
    def cost(self, source: str) -> Cost:
        """Smaller is better; compared as a tuple."""

    #: Asked site by site of restructurings; None when a lower cost is all they need.
    worth_restructuring: RestructuringGate | None


class Characters:
    """The golf objective: the program's length in characters."""

    worth_restructuring = None

    def cost(self, source: str) -> Cost:
        return (len(source),)


class BlackLines:
    """The readable objective: lines once black has laid the program out, then characters."""

    def cost(self, source: str) -> Cost:
        return (black_line_count(source), len(source))

    def worth_restructuring(self, candidate: str, base: str) -> bool:
        return black_line_count(candidate) < black_line_count(base)


@functools.lru_cache(maxsize=1024)
def black_line_count(source: str) -> int:
    """Lines of ``source`` formatted by black at its defaults; no count for what black refuses."""
    try:
        formatted = black.format_str(source, mode=black.Mode())
    except black.InvalidInput:
        return sys.maxsize
    return formatted.count("\n")
