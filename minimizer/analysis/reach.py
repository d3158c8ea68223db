"""Which names a scoped dynamic construct can reach, so renaming pins only those.

``globals()``, ``locals()``, ``vars()``, ``dir()``, ``eval`` and ``exec`` reach
names through strings, but not every name:

- ``globals()`` sees the module's globals;
- ``locals()``, and ``vars()`` or ``dir()`` without an argument, the locals of the
  scope they are called in, which hold the free variables it reads from the
  functions around it (and, since Python 3.12 inlines comprehensions, a
  comprehension's enclosing function);
- ``vars(x)`` and ``dir(x)`` the attributes of ``x``, and the module's globals
  should ``x`` be the module;
- ``eval`` and ``exec`` the globals, the locals of their scope and the scopes
  around it, every keyword a call in the string could pass (parameters) and
  every attribute.

The locals of an unrelated function are out of their reach, so they may still
be renamed. Other constructs that reach names (``compile``, ``import *``,
frames, ...) still refuse renaming for the whole module
(:mod:`minimizer.analysis.refusal`).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ComprehensionScope, GlobalScope, PositionProvider, Scope

from minimizer.analysis.index import ModuleIndex
from minimizer.analysis.symbols import Symbol, is_protected_spelling

#: Builtins whose reach is bounded by the scope they are called in (or by their argument).
SCOPED_BUILTINS = frozenset({"globals", "locals", "vars", "dir", "eval", "exec"})

#: What a call can reach: the module's globals, the locals of its scope (with the
#: scopes around it), attributes, or all of it and every parameter (code in a string).
GLOBALS, LOCALS, ATTRIBUTES, CODE = "globals", "locals", "attributes", "code"


def _reach_kinds(call: cst.Call, builtin: str) -> frozenset[str]:
    if builtin in ("eval", "exec"):
        return frozenset({CODE})
    if builtin == "globals":
        return frozenset({GLOBALS})
    if builtin == "locals" or not call.args:
        return frozenset({LOCALS})
    # vars(x) or dir(x): x's attributes, or the module's globals if x is the module;
    # with a starred argument, the call may have no argument at all.
    starred = any(arg.star for arg in call.args)
    return frozenset({ATTRIBUTES, GLOBALS} | ({LOCALS} if starred else set()))


@dataclass(frozen=True)
class Reach:
    """One call of a scoped builtin and the scope it is called in."""

    call: cst.Call
    builtin: str
    scope: Scope

    @property
    def kinds(self) -> frozenset[str]:
        return _reach_kinds(self.call, self.builtin)

    def describes(self) -> str:
        kinds = self.kinds
        if CODE in kinds:
            return (
                "the module's globals, the locals of its scope and the scopes around it,"
                " every parameter and every attribute"
            )
        at_module_level = isinstance(_locals_home(self.scope), GlobalScope)
        parts = []
        if GLOBALS in kinds or (LOCALS in kinds and at_module_level):
            parts.append("the module's globals")
        if LOCALS in kinds and not at_module_level:
            parts.append("the locals of its scope and the scopes around it")
        if ATTRIBUTES in kinds:
            parts.append("every attribute")
        return ", ".join(parts)

    def reaches(self, symbol: Symbol) -> bool:
        """Whether ``symbol`` could be reached by name through this call."""
        kinds = self.kinds
        if CODE in kinds:
            return (
                symbol.scope is None
                or symbol.is_parameter
                or any(symbol.scope is scope for scope in _enclosing_scopes(self.scope))
            )
        if symbol.scope is None:
            return ATTRIBUTES in kinds
        if isinstance(symbol.scope, GlobalScope):
            return GLOBALS in kinds or (
                LOCALS in kinds and isinstance(_locals_home(self.scope), GlobalScope)
            )
        # The locals of a scope hold its parameters and the free variables it reads.
        return LOCALS in kinds and any(
            symbol.scope is scope for scope in _enclosing_scopes(self.scope)
        )


def _locals_home(scope: Scope) -> Scope:
    """The scope whose locals ``locals()`` shows from ``scope``: comprehensions are inlined
    into the scope around them since Python 3.12."""
    while isinstance(scope, ComprehensionScope):
        scope = scope.parent
    return scope


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
        # Dunders keep their names anyway: the note lists what this call pinned.
        names = tuple(
            sorted({symbol.name for symbol in reached if not is_protected_spelling(symbol.name)})
        )
        notes.append(RefusalNote(line, f"{reach.builtin}()", reach.describes(), names))
    return notes
