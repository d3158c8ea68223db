"""Name the items a global list is read at by constant indexes, by unpacking it once:
``c=[...]`` read as ``c[0]``..``c[8]`` -> ``c=[...];F,H,R,U,V,W,X,Y,Z=c`` read as ``F``..``Z``.

Each ``c[3]`` costs four characters and a name one; the unpacking costs one
statement. RISKY: the unpacking needs the list to have exactly as many items
as names (it cannot always be counted: ``[*rows]``), and a later change to the
list's items would no longer be seen; the verifier judges. Proposed for a
module-level name bound once by a top-level ``=``, whose every read that is a
subscript has a non-negative integer index and is no store or ``del``, with
indexes ``0..n-1`` all read, new names that the program spells nowhere (not
even in strings), and only where it is shorter.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import GlobalScope, ScopeProvider

from minimizer.analysis.naming import (
    FORBIDDEN_NEW_NAMES,
    short_names,
    variable_spellings,
)
from minimizer.analysis.resolution import ParentProvider, find_all
from minimizer.analysis.scopes import is_shadowed
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

NO_SPACE = cst.SimpleWhitespace("")
CONSTANT_INDEX = m.Subscript(value=m.Name(), slice=[m.SubscriptElement(m.Index(m.Integer()))])
STORES = m.AssignTarget() | m.AugAssign() | m.Del()


def _index(subscript: cst.Subscript) -> int:
    """The integer literal ``k`` of ``name[k]`` (``0x1`` and ``1_0`` too)."""
    return int(subscript.slice[0].slice.value.value.replace("_", ""), 0)


class _IndexNamer(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        #: id(subscript) -> new name; id(binding statement) -> unpacking to add after it.
        self.named: dict[int, str] = {}
        self.unpack_after: dict[int, cst.Assign] = {}

    def visit_Module(self, node: cst.Module) -> None:
        scope = self.get_metadata(ScopeProvider, node)
        assert isinstance(scope, GlobalScope)
        stored = {
            id(found)
            for store in find_all(node, STORES)
            for found in find_all(store, CONSTANT_INDEX)
        }
        taken = set(variable_spellings(node))
        fresh = (n for n in short_names() if n not in taken and n not in FORBIDDEN_NEW_NAMES)
        for statement in node.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if not m.matches(small, m.Assign(targets=[m.AssignTarget(m.Name())])):
                    continue
                name = small.targets[0].target.value
                sites = self._indexed_reads(scope, name, stored)
                if sites is None:
                    continue
                count = 1 + max(_index(s) for s in sites)
                if {_index(s) for s in sites} != set(range(count)):
                    continue
                names = [next(fresh) for _ in range(count)]
                saved = sum(
                    len(cst.Module([]).code_for_node(s)) - len(names[_index(s)]) for s in sites
                )
                cost = len(",".join(names)) + len(name) + 2
                if saved <= cost or not self.take_site():
                    continue
                for site in sites:
                    self.named[id(site)] = names[_index(site)]
                targets = cst.Tuple(
                    [cst.Element(cst.Name(n), comma=cst.Comma(NO_SPACE, NO_SPACE) if i < count - 1 else cst.MaybeSentinel.DEFAULT)
                     for i, n in enumerate(names)],
                    lpar=[], rpar=[],
                )  # fmt: skip
                self.unpack_after[id(small)] = cst.Assign(
                    [cst.AssignTarget(targets, NO_SPACE, NO_SPACE)], cst.Name(name)
                )

    def _indexed_reads(
        self, scope: GlobalScope, name: str, stored: set[int]
    ) -> list[cst.Subscript] | None:
        """The reads ``name[k]`` of a global bound once, or None if it cannot be named."""
        assignments = list(scope.assignments[name])
        if len(assignments) != 1:
            return None
        sites = []
        for access in assignments[0].references:
            read = access.node
            if not isinstance(read, cst.Name) or is_shadowed(access.scope, name):
                continue
            parent = self.get_metadata(ParentProvider, read, None)
            if m.matches(parent, CONSTANT_INDEX) and parent.value is read:
                if (
                    id(parent) in stored
                    or parent.slice[0].slice.value.value.startswith("0")
                    and parent.slice[0].slice.value.value != "0"
                ):
                    return None
                sites.append(parent)
        return sites or None

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.BaseExpression:
        name = self.named.get(id(original_node))
        return (
            updated_node
            if name is None
            else cst.Name(name, lpar=updated_node.lpar, rpar=updated_node.rpar)
        )

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        body: list[cst.BaseSmallStatement] = []
        for original, updated in zip(original_node.body, updated_node.body):
            unpacking = self.unpack_after.get(id(original))
            if unpacking is None:
                body.append(updated)
                continue
            body.append(updated.with_changes(semicolon=cst.Semicolon()))
            body.append(unpacking.with_changes(semicolon=updated.semicolon))
        return updated_node.with_changes(body=body)


class NameConstantIndexes(CSTTransform):
    name = "name_constant_indexes"
    safety = Safety.RISKY
    transformer = _IndexNamer
