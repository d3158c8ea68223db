"""How much search a golf run buys: the effort levels, and the tier orders each one tries.

The search keeps a change only when it verifies and lowers the cost, so every
level ends on a verified program; a higher level only looks further for a
smaller one (issue 11: "default effort must stay fast; ``--effort`` buys more
search for a smaller result"):

1. ``fast``: one round of the tiers, no repeat. What a later rewrite would
   open up for an earlier one waits for a run at a higher level.
2. ``default``: rounds repeat until one no longer lowers the cost.
3. ``thorough``: a beam over orders of the risky tier. After the default
   search, it starts again from the same program with the risky tier reversed,
   then rotated by half, each to its own fixed point, and keeps the smallest
   verified result. Which rewrite goes first decides which of two that compete
   for the same code is kept, and whether a rewrite refused on one path pays on
   another; a path from the fixed point itself would find nothing, since every
   transform has just been tried on that very program and proposed nothing that
   verified and paid. The verdicts of programs met on an earlier path are kept,
   so a later path pays runs only where it differs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from minimizer.transforms.base import Safety, Transform

#: The levels by name; the command line and ``[tool.golf]`` take either spelling.
LEVELS = {"fast": 1, "default": 2, "thorough": 3}
DEFAULT = LEVELS["default"]

Tiers = list[list[Transform]]


@dataclass(frozen=True)
class Effort:
    """What one level runs: how many rounds per order, and how many orders."""

    level: int

    @property
    def rounds(self) -> int | None:
        """The most rounds for one order of the tiers; None: until a round saves nothing."""
        return 1 if self.level == 1 else None

    def orders(self, tiers: Sequence[Sequence[Transform]]) -> list[Tiers]:
        """The tier lists this level tries, each from the start: the declared order, then
        (for ``thorough``) the same tiers with every risky tier reversed, then rotated by half,
        each once (a tier of two is the same reversed and rotated)."""
        declared = [list(tier) for tier in tiers]
        if self.level < 3:
            return [declared]
        reversed_risky = [_reordered(tier, lambda t: t[::-1]) for tier in declared]
        rotated = [
            _reordered(tier, lambda t: t[len(t) // 2 :] + t[: len(t) // 2]) for tier in declared
        ]
        distinct: list[Tiers] = []
        for order in (declared, reversed_risky, rotated):
            if order not in distinct:
                distinct.append(order)
        return distinct


def _reordered(
    tier: list[Transform], order: Callable[[list[Transform]], list[Transform]]
) -> list[Transform]:
    """``tier`` in another ``order`` when it is a risky tier (the one whose order can change
    what is kept); the safe and layout tiers keep theirs, which their chains rely on."""
    if tier and tier[0].safety is Safety.RISKY:
        return order(tier)
    return list(tier)


def parse_level(value: object) -> int | None:
    """The level ``value`` names (1, 2, 3, "2", or a name of :data:`LEVELS`), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value in LEVELS.values():
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in LEVELS:
            return LEVELS[text]
        if text.isdigit() and int(text) in LEVELS.values():
            return int(text)
    return None
