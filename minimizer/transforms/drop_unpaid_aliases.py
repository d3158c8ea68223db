"""Drop an alias of a builtin that no longer pays: ``R=zip`` read once (or never) -> ``zip``.

Aliases are chosen when they pay (``alias_names``), but later rewrites remove
reads: after ``zip(v.l,v.m)`` became ``v.l``, ``R=zip;`` costs six characters
and saves none. Spelling the builtin at each remaining read is then shorter.
RISKY: the reads now look the builtin up when they run, not when the alias was
bound; the verifier judges. Proposed only for a top-level ``X=builtin`` whose
name is bound nowhere else (no parameter, loop or walrus target spells it).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import (
    SIMPLE_ALIAS,
    code,
    flat_statements,
    rebuilt_body,
    variable_names,
)
from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety

#: A binding of a name other than by ``=``: the name could mean something else there.
OTHER_BINDINGS = m.For() | m.CompFor() | m.NamedExpr() | m.Lambda() | m.FunctionDef() | m.ClassDef()


def _spelled_elsewhere(module: cst.Module, name: str) -> bool:
    for node in find_all(module, OTHER_BINDINGS):
        if isinstance(node, cst.For | cst.CompFor | cst.NamedExpr):
            bound = find_all(node.target, m.Name(name))
        elif isinstance(node, cst.Lambda):
            bound = [p for p in find_all(node.params, m.Param()) if p.name.value == name]
        else:
            bound = [node] if node.name.value == name else []
        if bound:
            return True
    return False


class _AliasDropper(BuiltinAwareTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.dropped: dict[str, str] = {}
        #: Positions of the dropped bindings among the module's flat statements.
        self.positions: set[int] = set()
        self.bindings: set[int] = set()

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        reads: dict[str, int] = {}
        for name in variable_names(node):
            reads[name.value] = reads.get(name.value, 0) + 1
        for position, small in enumerate(flat_statements(node.body)):
            if not m.matches(small, SIMPLE_ALIAS):
                continue
            alias, meant = small.targets[0].target.value, small.value.value
            if alias == meant or self.aliases.get(alias) != meant:
                continue
            count = reads.get(alias, 0) - 1
            with_alias = len(code(small)) + 1 + count * len(alias)
            if count * len(meant) >= with_alias or _spelled_elsewhere(node, alias):
                continue
            if self.take_site():
                self.dropped[alias] = meant
                self.positions.add(position)
                self.bindings.add(id(small.targets[0].target))

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        meant = self.dropped.get(original_node.value)
        if meant is None or id(original_node) in self.bindings:
            return updated_node
        return updated_node.with_changes(value=meant)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not self.dropped:
            return updated_node
        gone: dict[int, cst.CSTNode | None] = {position: None for position in self.positions}
        return updated_node.with_changes(body=rebuilt_body(updated_node.body, gone))


class DropUnpaidAliases(CSTTransform):
    name = "drop_unpaid_aliases"
    safety = Safety.RISKY
    transformer = _AliasDropper
