"""Python's rule for which binding a name means, where libcst's scopes say otherwise.

libcst credits a read to the binding it finds first; Python skips class bodies
when it looks outward, binds a comprehension's walrus in the enclosing
function, and reads ``x`` in ``x += 1``. These functions are that rule, used
by every analysis and transform that asks which binding a name means.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import libcst as cst
import libcst.matchers as m
from libcst.metadata import Access, ClassScope, ComprehensionScope, GlobalScope, Scope

from minimizer.analysis.index import ModuleIndex
from minimizer.analysis.resolution import find_all


def binding_scope(
    scope: Scope, name: str, walrus_homes: Mapping[tuple[int, str], Scope] | None = None
) -> Scope:
    """The scope whose binding of ``name`` Python reads from ``scope``: its own, then the
    enclosing scopes that are not class bodies, and the module (or builtins) last.
    ``walrus_homes`` (from :func:`walrus_homes`) says where comprehension walruses bind."""
    homes = walrus_homes or {}
    current = scope
    while not isinstance(current, GlobalScope):
        home = homes.get((id(current), name))
        if home is not None:
            return home
        if (
            current is scope or not isinstance(current, ClassScope)
        ) and name in current.assignments:
            return current
        current = current.parent
    return current


def walrus_homes(index: ModuleIndex) -> dict[tuple[int, str], Scope]:
    """Where each walrus in a comprehension binds its target: libcst binds it in the
    comprehension, Python in the nearest enclosing function (or the module). Keyed by
    (scope id, name) for that scope and every comprehension between it and the walrus."""
    homes: dict[tuple[int, str], Scope] = {}
    for walrus in index.find(m.NamedExpr(target=m.Name())):
        name = cst.ensure_type(walrus.target, cst.Name).value
        scope = index.scopes[walrus]
        between = []
        while isinstance(scope, ComprehensionScope):
            between.append(scope)
            scope = scope.parent
        for inner in between + ([scope] if between else []):
            homes[(id(inner), name)] = scope
    return homes


def is_shadowed(
    scope: Scope | None, name: str, walrus_homes: Mapping[tuple[int, str], Scope] | None = None
) -> bool:
    """Whether a read of ``name`` in ``scope`` means a binding nearer than the module's."""
    return scope is not None and not isinstance(
        binding_scope(scope, name, walrus_homes), GlobalScope
    )


def read_by_python(binding: Scope, name: str, accesses: Iterable[Access]) -> bool:
    """Whether one of ``accesses`` reads ``name`` from ``binding`` by Python's rule,
    whichever binding libcst credited it to."""
    return any(
        isinstance(access.node, cst.Name)
        and access.node.value == name
        and binding_scope(access.scope, name) is binding
        for access in accesses
    )


def augmented_names(
    module: cst.Module, scope_of: Mapping[cst.CSTNode, Scope | None]
) -> list[tuple[Scope, str]]:
    """Where ``name += ...`` reads a name: libcst records an augmented assignment as a
    binding only, but Python reads the target first (``NameError`` when it is unbound)."""
    found = []
    for statement in find_all(module, m.AugAssign(target=m.Name())):
        scope = scope_of.get(statement)
        if scope is not None:
            found.append((scope, cst.ensure_type(statement.target, cst.Name).value))
    return found


def augmented_in(binding: Scope, name: str, augmented: Iterable[tuple[Scope, str]]) -> bool:
    """Whether one of ``augmented`` (from :func:`augmented_names`) reads the binding of
    ``name`` in ``binding``, by Python's rule."""
    return any(
        augmented_name == name and binding_scope(scope, name) is binding
        for scope, augmented_name in augmented
    )
