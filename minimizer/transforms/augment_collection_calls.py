"""Grow a collection with an operator: ``x.append(y)`` -> ``x+=[y]``, ``x.extend(y)`` -> ``x+=y``,
``s.add(y)`` -> ``s|={y}``.

For a list, ``+=`` is ``extend`` in place and for a set ``|=`` is ``update``,
so the object grows exactly as before, shorter. RISKY because the receiver's
type is not known here (a deque, a user class, a tuple that ``+=`` would
rebind), and because ``x+=`` makes ``x`` local to a function: a bare name is
proposed only where the same function (or the module) binds it already.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import bound_names
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

GROWING_CALL = m.Expr(
    value=m.Call(
        func=m.Attribute(attr=m.Name("append") | m.Name("extend") | m.Name("add")),
        args=[m.Arg(keyword=None, star="")],
    )
)
NO_SPACE = cst.SimpleWhitespace("")


class _CollectionCallAugmenter(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.functions: list[cst.FunctionDef] = []
        #: id(function) -> names it binds, found only for functions that make a growing call.
        self.bound: dict[int, set[str]] = {}

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node)

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        self.functions.pop()
        return updated_node

    def _bound_in(self, function: cst.FunctionDef) -> set[str]:
        if id(function) not in self.bound:
            declared = {
                name.value
                for statement in find_all(function.body, m.Global() | m.Nonlocal())
                for item in statement.names
                for name in [item.name]
            }
            self.bound[id(function)] = (
                bound_names(function.body) | bound_names(function.params) | declared
            )
        return self.bound[id(function)]

    def _may_rebind(self, receiver: cst.BaseExpression) -> bool:
        if isinstance(receiver, cst.Subscript | cst.Attribute):
            return True
        if not isinstance(receiver, cst.Name):
            return False
        return not self.functions or receiver.value in self._bound_in(self.functions[-1])

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr) -> cst.BaseSmallStatement:
        if not m.matches(original_node, GROWING_CALL):
            return updated_node
        call = cst.ensure_type(updated_node.value, cst.Call)
        method = cst.ensure_type(call.func, cst.Attribute)
        if method.value.lpar or not self._may_rebind(method.value) or not self.take_site():
            return updated_node
        item = call.args[0].value
        verb = method.attr.value
        if verb == "append":
            value, operator = cst.List([cst.Element(item)]), cst.AddAssign(NO_SPACE, NO_SPACE)
        elif verb == "extend":
            value, operator = item, cst.AddAssign(NO_SPACE, NO_SPACE)
        else:
            value, operator = cst.Set([cst.Element(item)]), cst.BitOrAssign(NO_SPACE, NO_SPACE)
        return cst.AugAssign(method.value, operator, value, semicolon=updated_node.semicolon)


class AugmentCollectionCalls(CSTTransform):
    name = "augment_collection_calls"
    safety = Safety.RISKY
    transformer = _CollectionCallAugmenter
