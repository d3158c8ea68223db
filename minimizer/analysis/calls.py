"""Which functions are only ever called by their name, so no unknown call can reach them.

A parameter keeps its name when some call passes keywords the analysis cannot
tie to a ``def``: ``g(**options)`` or ``handler(scale=2)`` with ``g`` and
``handler`` unknown, or a string that spells it (``Thread(kwargs={'scale': 2})``).
Such a call can only reach a function that has escaped: been stored, passed,
returned or decorated. A module-level or nested ``def`` whose name is only ever
the callee of a call, bound once, and not reachable through ``globals()`` and
kin, never escapes; its parameters are renamed at its own calls whatever
unknown calls pass.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ClassScope

from minimizer.analysis.index import ModuleIndex
from minimizer.analysis.reach import scoped_reaches
from minimizer.analysis.symbols import Symbol


def functions_only_called(
    index: ModuleIndex, symbol_of: Mapping[tuple[int, str], Symbol]
) -> set[int]:
    """Ids of the undecorated ``def`` nodes outside class bodies whose name symbol (in
    ``symbol_of``, keyed by scope id and name) is spelled only by the ``def`` and as the
    callee of calls."""
    if scoped_reaches(index):  # globals()['f'], eval('f'): a name may be fetched
        return set()
    callees = {id(call.func) for call in index.find(m.Call())}
    found = set()
    for function in index.find(m.FunctionDef()):
        function = cst.ensure_type(function, cst.FunctionDef)
        scope = index.scopes[function]
        if function.decorators or isinstance(scope, ClassScope):
            continue
        symbol = symbol_of.get((id(scope), function.name.value))
        if (
            symbol is not None
            and symbol.pinned is None
            and all(node is function.name or id(node) in callees for node in symbol.nodes)
        ):
            found.add(id(function))
    return found
