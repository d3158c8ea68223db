"""What the name analyses produce: symbols, each the set of nodes that spell one binding.

Renaming a symbol respells every node in it at once, so these are the units
the renaming transforms plan and apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import Scope

#: Why a name keeps its spelling, where the report lists the construct that pinned it
#: (:mod:`minimizer.analysis.pin_notes`).
SPELLED_IN_A_STRING = "spelled in a string literal"
KEYWORD_TO_UNKNOWN = "passed by keyword to an unknown function"


def is_protected_spelling(name: str) -> bool:
    """Dunders and ``__x`` (name-mangled inside classes) keep their spelling."""
    return name.startswith("__")


@dataclass(eq=False)  # compared and hashed by identity: one object per binding
class Symbol:
    """One thing a program names, and every node that spells that name."""

    name: str
    #: Scope of the binding; ``None`` for attribute symbols, which have no scope.
    scope: Scope | None
    nodes: list[cst.Name | cst.SimpleString] = field(default_factory=list)
    is_parameter: bool = False
    #: Why this symbol keeps its name, or ``None`` when it may be renamed.
    pinned: str | None = None
    #: The ``id`` of each node in ``nodes`` (held there), so that adding one is not a scan
    #: of them all: a name spelled thousands of times made the analysis quadratic.
    _node_ids: set[int] = field(default_factory=set, repr=False)

    def add(self, node: cst.Name | cst.SimpleString) -> None:
        if id(node) not in self._node_ids:
            self._node_ids.add(id(node))
            self.nodes.append(node)

    def pin(self, reason: str) -> None:
        self.pinned = self.pinned or reason
