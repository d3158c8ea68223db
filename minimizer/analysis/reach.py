"""Which names a scoped dynamic construct can reach, so renaming pins only those.

``globals()``, ``locals()``, ``eval`` and ``exec`` reach names through strings,
but not every name: ``globals()`` sees the module's globals, ``locals()`` the
locals of the scope it is called in, and ``eval``/``exec`` the globals, the
locals of their scope and the scopes around it, every keyword a call in the
string could pass (parameters) and every attribute. The locals of an unrelated
function are out of their reach, so they may still be renamed.
Other constructs that reach names (``compile``, ``import *``, frames, ...)
still refuse renaming for the whole module (:mod:`minimizer.analysis.refusal`).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
import libcst.matchers as m
from libcst.metadata import GlobalScope, PositionProvider, Scope

from minimizer.analysis.index import ModuleIndex
from minimizer.analysis.symbols import Symbol

#: Builtins whose reach is bounded by the scope they are called in.
SCOPED_BUILTINS = frozenset({"globals", "locals", "eval", "exec"})


@dataclass(frozen=True)
class Reach:
    """One call of a scoped builtin and the scope it is called in."""

    call: cst.Call
    builtin: str
    scope: Scope

    def describes(self) -> str:
        if self.builtin == "globals" or (
            self.builtin == "locals" and isinstance(self.scope, GlobalScope)
        ):
            return "the module's globals"
        if self.builtin == "locals":
            return "the locals of its scope"
        return (
            "the module's globals, the locals of its scope and the scopes around it,"
            " every parameter and every attribute"
        )

    def reaches(self, symbol: Symbol) -> bool:
        """Whether ``symbol`` could be reached by name through this call."""
        if symbol.scope is None or symbol.is_parameter:  # attributes and keywords
            return self.builtin in ("eval", "exec")
        if isinstance(symbol.scope, GlobalScope):
            return self.builtin != "locals" or isinstance(self.scope, GlobalScope)
        if self.builtin == "globals":
            return False
        if self.builtin == "locals":
            return symbol.scope is self.scope
        return any(symbol.scope is scope for scope in _enclosing_scopes(self.scope))


def _enclosing_scopes(scope: Scope) -> list[Scope]:
    chain = [scope]
    while not isinstance(scope, GlobalScope):
        scope = scope.parent
        chain.append(scope)
    return chain


def scoped_reaches(index: ModuleIndex) -> list[Reach]:
    """Every direct call of a scoped builtin (``eval(...)``, ``globals()``, ...)."""
    found = []
    for call in index.find(m.Call(func=m.Name())):
        name = cst.ensure_type(call.func, cst.Name)
        if name.value in SCOPED_BUILTINS and index.resolves_to_builtin(name):
            found.append(Reach(call, name.value, index.scopes[call]))
    return found


@dataclass(frozen=True)
class RefusalNote:
    """For the report: a construct that stopped renaming, where, and what it pinned."""

    line: int
    construct: str
    pinned: str
    names: tuple[str, ...] = ()


def line_of(index: ModuleIndex, node: cst.CSTNode) -> int:
    return index.wrapper.resolve(PositionProvider)[node].start.line


def pin_reached(
    index: ModuleIndex, symbols: list[Symbol], reaches: list[Reach]
) -> list[RefusalNote]:
    """Pin every symbol one of ``reaches`` could reach; say which call pinned what."""
    notes = []
    for reach in reaches:
        line = line_of(index, reach.call)
        reached = [symbol for symbol in symbols if reach.reaches(symbol)]
        for symbol in reached:
            symbol.pin(f"reachable by {reach.builtin}() on line {line}")
        names = tuple(sorted({symbol.name for symbol in reached}))
        notes.append(RefusalNote(line, f"{reach.builtin}()", reach.describes(), names))
    return notes
