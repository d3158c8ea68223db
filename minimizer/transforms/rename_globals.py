"""Rename module-level variables, functions and classes to the shortest free names.

Globals such as configuration constants and helper functions are spelled all
over a program, so each one renamed saves many characters. Names exported by
``__all__``, bound by imports, or whose spelling can show (class names printed
through ``type()``, ``{name=}`` f-strings) keep their names.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import GlobalScope

from minimizer.analysis.naming import NameAnalysis, variable_spellings
from minimizer.analysis.resolution import find_all
from minimizer.analysis.symbols import Symbol
from minimizer.transforms.base import RenamingTransform, Safety

BUILTIN_NAMES = frozenset(dir(builtins))


class RenameGlobals(RenamingTransform):
    name: ClassVar[str] = "rename_globals"
    safety: ClassVar[Safety] = Safety.SAFE

    def symbols(self, analysis: NameAnalysis) -> list[Symbol]:
        # A global that shadows a builtin is read as the builtin until it is bound:
        # renaming it would turn those reads into NameErrors.
        # One read where a local shadows it pins it already (``minimizer.analysis.scopes``).
        return [
            symbol
            for symbol in analysis.variables
            if isinstance(symbol.scope, GlobalScope) and symbol.name not in BUILTIN_NAMES
        ]

    def meet(self, first: Symbol, second: Symbol) -> bool:
        # All globals live in one namespace.
        return True

    def taken_spellings_for(self, analysis: NameAnalysis) -> Callable[[Symbol], frozenset[str]]:
        """A global can collide with what module-level code and class bodies spell, and
        with the locals of the functions, lambdas and comprehensions that read it; the
        locals of a function that never names it cannot shadow it. Attributes are a
        namespace of their own (``c`` and ``x.c`` may share a spelling)."""
        units = [
            (frozenset(id(name) for name in find_all(unit, m.Name())), variable_spellings(unit))
            for unit in _outermost_local_scopes(analysis.module)
        ]
        module_level = variable_spellings(_without_local_scopes(analysis.module))

        def taken(symbol: Symbol) -> frozenset[str]:
            spelled = set(module_level)
            for names, spellings in units:
                if any(id(node) in names for node in symbol.nodes):
                    spelled |= spellings
            return frozenset(spelled)

        return taken


LOCAL_SCOPE = (
    m.FunctionDef() | m.Lambda() | m.ListComp() | m.SetComp() | m.DictComp() | m.GeneratorExp()
)


def _outermost_local_scopes(module: cst.Module) -> list[cst.CSTNode]:
    """Functions, lambdas and comprehensions not nested in another one."""
    found: list[cst.CSTNode] = []

    class Collector(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if m.matches(node, LOCAL_SCOPE):
                found.append(node)
                return False
            return True

    module.visit(Collector())
    return found


def _without_local_scopes(module: cst.Module) -> cst.Module:
    """The module with every function, lambda and comprehension emptied of names."""

    class Hollow(cst.CSTTransformer):
        def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode) -> cst.CSTNode:
            return (
                cst.Ellipsis()
                if m.matches(original, LOCAL_SCOPE) and not isinstance(original, cst.FunctionDef)
                else updated
            )

        def leave_FunctionDef(
            self, original: cst.FunctionDef, updated: cst.FunctionDef
        ) -> cst.FunctionDef:
            # The name it binds stays (a module- or class-level binding); its body goes.
            return updated.with_changes(
                params=cst.Parameters(), body=cst.IndentedBlock([]), decorators=()
            )

    return module.visit(Hollow())
