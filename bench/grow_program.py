"""A real program grown n-fold: ``n`` copies one after another, each with its own globals.

Why: ``bench_scaling.py`` asks whether the golfer's own time is linear in a
program's size when only the size changes. Its synthetic units are one kind of
program; growing the corpus's own programs asks the same of each of them. Copy
``k`` renames every name the program binds at module level (and every use of
it, in any scope, and in ``global`` statements) to ``name_k``; names bound by
imports are left alone, so that each copy imports the same modules. The copies
run one after another, as the original ran ``n`` times. A program that reaches
its globals through strings (``globals()``, ``getattr`` on the module) is not
grown correctly, one that prints a class's or function's name (or ``{x=}``)
prints the copy's, and a class body that reads a global of the name it binds
(``x = x + 1``) fails: ``bench_scaling.py`` checks that a grown program prints
``n`` times what the original prints before it times it.

    python3 bench/grow_program.py PROGRAM FOLDS > GROWN.py
"""

from __future__ import annotations

import sys

import libcst as cst
from libcst.metadata import GlobalScope, MetadataWrapper, ScopeProvider


def _renamable(wrapper: MetadataWrapper) -> set[str]:
    """Names the module binds at module level, but those an import binds anywhere (``try:
    import json`` / ``except ImportError: json = None`` stays one shared name)."""
    scopes = wrapper.resolve(ScopeProvider)
    module_scope = next(scope for scope in scopes.values() if isinstance(scope, GlobalScope))
    imported = {
        assignment.name
        for assignment in module_scope.assignments
        if isinstance(assignment.node, (cst.Import, cst.ImportFrom))
    }
    return {
        assignment.name
        for assignment in module_scope.assignments
        if assignment.name not in imported and not assignment.name.startswith("__")
    }


class _RenameGlobals(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider,)

    def __init__(self, names: set[str], suffix: str) -> None:
        super().__init__()
        self.names = names
        self.suffix = suffix

    def _means_global(self, node: cst.Name) -> bool:
        scope = self.get_metadata(ScopeProvider, node, None)
        if node.value not in self.names or scope is None:
            return False
        return any(isinstance(a.scope, GlobalScope) for a in scope[node.value])

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        if self._means_global(original):
            return updated.with_changes(value=updated.value + self.suffix)
        return updated

    def leave_Global(self, original: cst.Global, updated: cst.Global) -> cst.Global:
        return updated.with_changes(
            names=[
                (
                    item.with_changes(
                        name=item.name.with_changes(value=item.name.value + self.suffix)
                    )
                    if item.name.value in self.names
                    else item
                )
                for item in updated.names
            ]
        )

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)  # ``x.name``: the attribute is no variable

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        return updated.with_changes(keyword=original.keyword)  # ``f(name=...)`` keeps its keyword


def grow(source: str, folds: int) -> str:
    """``folds`` copies of ``source``, copy ``k`` with its module-level names suffixed ``_k``."""
    module = cst.parse_module(source)
    wrapper = MetadataWrapper(module)
    names = _renamable(wrapper)
    future = [s for s in module.body if _is_future_import(s)]
    copies = []
    for k in range(1, folds + 1):
        renamed = wrapper.visit(_RenameGlobals(names, f"_{k}"))
        copies.extend(s for s in renamed.body if not _is_future_import(s))
    return module.with_changes(body=[*future, *copies]).code


def _is_future_import(statement: cst.CSTNode) -> bool:
    """A line of ``from __future__`` imports, kept once at the top of the grown program."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    future = [
        small
        for small in statement.body
        if isinstance(small, cst.ImportFrom)
        and isinstance(small.module, cst.Name)
        and small.module.value == "__future__"
    ]
    if future and len(future) != len(statement.body):
        raise ValueError("a line with a __future__ import and other statements is not grown")
    return bool(future)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        sys.stdout.write(grow(handle.read(), int(sys.argv[2])))
