"""Turn a dict with constant string keys into a list indexed by position.

``c={'i':A,'h':B}`` with every use ``c['i']``, ``c['h']`` or ``c.values()``
becomes ``c=[A,B]`` with ``c[0]``, ``c[1]`` and ``c``: the keys and their
quotes go. The values are built in the same order. Proposed only for a
module-level name bound once whose every read is such a subscript or
``.values()`` call (a dict iterated by key, printed or passed elsewhere is left
alone); RISKY all the same, since a dict and a list are different objects to
anything that looks at them, and the verifier judges.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import GlobalScope, ScopeProvider

from minimizer.analysis.resolution import ParentProvider
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

CONSTANT_KEY_DICT = m.Assign(
    targets=[m.AssignTarget(target=m.Name())],
    value=m.Dict(elements=[m.ZeroOrMore(m.DictElement(key=m.SimpleString()))]),
)
VALUES_CALL = m.Call(func=m.Attribute(attr=m.Name("values")), args=[])


class _DictToListConverter(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.replacements: dict[int, cst.CSTNode] = {}

    def visit_Module(self, node: cst.Module) -> None:
        scope = self.get_metadata(ScopeProvider, node)
        assert isinstance(scope, GlobalScope)
        for statement in node.body:
            for small in (
                getattr(statement, "body", ())
                if isinstance(statement, cst.SimpleStatementLine)
                else ()
            ):
                if m.matches(small, CONSTANT_KEY_DICT):
                    self._consider(small, scope)

    def _consider(self, assignment: cst.Assign, scope: GlobalScope) -> None:
        name = assignment.targets[0].target.value
        keys = [
            cst.ensure_type(e.key, cst.SimpleString).evaluated_value
            for e in assignment.value.elements
        ]
        if not keys or len(set(keys)) != len(keys) or len(scope.assignments[name]) != 1:
            return
        planned: dict[int, cst.CSTNode] = {}
        (binding,) = scope.assignments[name]
        for access in binding.references:
            use = access.node
            parent = self.get_metadata(ParentProvider, use)
            if isinstance(parent, cst.Subscript) and parent.value is use and len(parent.slice) == 1:
                index = parent.slice[0].slice
                key = (
                    m.matches(index, m.Index(value=m.SimpleString()))
                    and index.value.evaluated_value
                )
                if key not in keys:
                    return
                planned[id(parent)] = parent.with_changes(
                    slice=[
                        parent.slice[0].with_changes(
                            slice=cst.Index(cst.Integer(str(keys.index(key))))
                        )
                    ]
                )
                continue
            call = (
                self.get_metadata(ParentProvider, parent)
                if isinstance(parent, cst.Attribute)
                else None
            )
            if not (m.matches(call, VALUES_CALL) and call.func is parent):
                return
            planned[id(call)] = use
            planned.update(self._spaced_after(call))
        planned[id(assignment.value)] = cst.List(
            [], lpar=assignment.value.lpar, rpar=assignment.value.rpar
        )
        if self.take_site():
            self.replacements.update(planned)

    def _spaced_after(self, call: cst.Call) -> dict[int, cst.CSTNode]:
        """In ``for a in c.values()for b in a`` the name needs a space before the next ``for``."""
        loop = self.get_metadata(ParentProvider, call)
        if not isinstance(loop, cst.CompFor) or loop.iter is not call:
            return {}
        following = [*loop.ifs[:1], *([loop.inner_for_in] if loop.inner_for_in else [])][:1]
        return {
            id(node): node.with_changes(whitespace_before=cst.SimpleWhitespace(" "))
            for node in following
        }

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:
        replacement = self.replacements.get(id(original_node))
        if replacement is None:
            return super().on_leave(original_node, updated_node)
        if isinstance(replacement, cst.Subscript):
            return updated_node.with_changes(slice=replacement.slice)
        if isinstance(replacement, cst.CompFor | cst.CompIf):
            return updated_node.with_changes(whitespace_before=replacement.whitespace_before)
        if isinstance(replacement, cst.List):
            updated = cst.ensure_type(updated_node, cst.Dict)
            last = len(updated.elements) - 1
            elements = [
                cst.Element(e.value, comma=cst.Comma() if i < last else cst.MaybeSentinel.DEFAULT)
                for i, e in enumerate(updated.elements)
            ]
            return replacement.with_changes(elements=elements)
        return replacement


class ConvertDictToList(CSTTransform):
    name = "convert_dict_to_list"
    safety = Safety.RISKY
    transformer = _DictToListConverter
