"""Rename module-level variables, functions and classes to the shortest free names.

Globals such as configuration constants and helper functions are spelled all
over a program, so each one renamed saves many characters. Names exported by
``__all__``, bound by imports, or whose spelling can show (class names printed
through ``type()``, ``{name=}`` f-strings) keep their names.
"""

from __future__ import annotations

from typing import ClassVar

from libcst.metadata import GlobalScope

from minimizer.names import NameAnalysis, RenamingTransform, Symbol
from minimizer.transforms.base import Safety


class RenameGlobals(RenamingTransform):
    name: ClassVar[str] = "rename_globals"
    safety: ClassVar[Safety] = Safety.SAFE

    def symbols(self, analysis: NameAnalysis) -> list[Symbol]:
        return [symbol for symbol in analysis.variables if isinstance(symbol.scope, GlobalScope)]

    def meet(self, first: Symbol, second: Symbol) -> bool:
        # All globals live in one namespace.
        return True
