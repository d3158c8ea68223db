"""Rename function locals, parameters and comprehension variables to the shortest free names.

Locals are spelled many times in a small region, so short names pay off most
there; and since locals of unrelated functions never meet, they can all reuse
``a``, ``b``, ... Parameters are renamed at resolved ``f(name=...)`` call sites
too, and kept whenever some keyword call could not be resolved to its ``def``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from libcst.metadata import ComprehensionScope, FunctionScope, Scope

from minimizer.analysis.naming import NameAnalysis, variable_spellings
from minimizer.analysis.symbols import Symbol
from minimizer.transforms.base import RenamingTransform, Safety


def _encloses(outer: Scope, inner: Scope) -> bool:
    scope: Scope | None = inner
    while scope is not None and scope is not scope.parent:
        if scope is outer:
            return True
        scope = scope.parent
    return False


class RenameLocals(RenamingTransform):
    name: ClassVar[str] = "rename_locals"
    safety: ClassVar[Safety] = Safety.SAFE

    def symbols(self, analysis: NameAnalysis) -> list[Symbol]:
        return [
            symbol
            for symbol in analysis.variables
            if isinstance(symbol.scope, (FunctionScope, ComprehensionScope))
        ]

    def meet(self, first: Symbol, second: Symbol) -> bool:
        # Nested scopes see each other's names; sibling functions never do.
        return _encloses(first.scope, second.scope) or _encloses(second.scope, first.scope)

    def taken_spellings_for(self, analysis: NameAnalysis) -> Callable[[Symbol], frozenset[str]]:
        """A local can only collide with what is spelled inside its own scope (which holds
        every scope nested in it): a global that scope never names cannot be shadowed."""
        spelled_in: dict[int, frozenset[str]] = {}

        def taken(symbol: Symbol) -> frozenset[str]:
            node = symbol.scope.node  # type: ignore[union-attr]
            if id(node) not in spelled_in:
                spelled_in[id(node)] = variable_spellings(node)
            return spelled_in[id(node)]

        return taken
