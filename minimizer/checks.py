"""How a candidate program was judged: the verdict the search keeps or bisects on.

Apart from ``minimizer.problem`` so that the cheap proofs
(``minimizer.equivalence``) can name their kind without importing the problem.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class CheckKind(enum.Enum):
    """What decided a check; the value is how reports spell it."""

    SAME_AST = "same ast"
    SAME_BYTECODE = "same bytecode"
    RUN = "run"
    #: A run stopped after the first training step: can reject, never accept for good.
    SCREEN = "screen"
    DOES_NOT_COMPILE = "does not compile"
    BAD_INPUT = "bad input"


@dataclass
class Check:
    accepted: bool
    how: CheckKind
    reason: str = ""

    @property
    def ran(self) -> bool:
        """Whether a full verifier run decided it (the costly kind)."""
        return self.how is CheckKind.RUN
