"""Which builtins a module certainly leaves alone, for rewrites that are safe only on the real ones.

``class A(object)`` means ``class A`` and ``raise ValueError()`` means
``raise ValueError`` only while ``object`` and ``ValueError`` are the builtins.
A name is taken to be intact when the module binds it nowhere (no assignment,
parameter, import, ``def``, ``class``, loop or walrus target), has no
``import *`` that could bind it, and never names ``builtins`` or
``__builtins__``, through which any builtin could be replaced.
"""

from __future__ import annotations

import builtins

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import fact_of, find_all
from minimizer.analysis.rewrites import bound_names

#: Spellings through which a program can replace a builtin for every module.
BUILTIN_NAMESPACES = frozenset({"builtins", "__builtins__"})


def intact_builtins(module: cst.Module) -> frozenset[str]:
    """The builtin names that mean the builtin everywhere in ``module``."""
    return fact_of(module, intact_builtins, _intact_builtins)


def _intact_builtins(module: cst.Module) -> frozenset[str]:
    if find_all(module, m.ImportStar()):
        return frozenset()
    spelled = {name.value for name in find_all(module, m.Name())}
    if spelled & BUILTIN_NAMESPACES:
        return frozenset()
    return frozenset(name for name in dir(builtins) if not name.startswith("_")) - bound_names(
        module
    )
