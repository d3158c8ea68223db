"""Flatten nested lists with ``sum``: ``[p for a in X for b in a for p in b]`` -> ``sum(sum(X,[]),[])``.

``sum(lists, [])`` concatenates lists left to right, so each ``for`` that only
descends one level of nesting becomes one ``sum``. The elements come out in the
same order and are the same objects. RISKY: it holds only if every level is a
list (a tuple would raise), and it builds intermediate lists (quadratic time,
which the verifier's time limit judges). ``sum`` is spelled as the program
aliases it (``P=sum`` makes it ``P``). Proposed only where it is shorter.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.rewrites import code
from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety

NO_SPACE = cst.SimpleWhitespace("")


def _descending_chain(comprehension: cst.ListComp) -> cst.BaseExpression | None:
    """``X`` when ``comprehension`` is ``[e for a in X for b in a ... for e in z]``."""
    loop, outer = comprehension.for_in, None
    if not isinstance(comprehension.elt, cst.Name):
        return None
    parent_name = None
    while loop is not None:
        if loop.ifs or loop.asynchronous or not isinstance(loop.target, cst.Name):
            return None
        if parent_name is None:
            outer = loop.iter
        elif not m.matches(loop.iter, m.Name(parent_name)):
            return None
        parent_name = loop.target.value
        loop = loop.inner_for_in
    depth_ok = comprehension.for_in.inner_for_in is not None
    return outer if depth_ok and parent_name == comprehension.elt.value else None


class _SumFlattener(BuiltinAwareTransformer):
    def leave_ListComp(
        self, original_node: cst.ListComp, updated_node: cst.ListComp
    ) -> cst.BaseExpression:
        outer = _descending_chain(updated_node)
        if outer is None:
            return updated_node
        flattened: cst.BaseExpression = (
            outer.with_changes(lpar=[], rpar=[]) if isinstance(outer, cst.Name) else outer
        )
        loop = updated_node.for_in.inner_for_in
        while loop is not None:
            flattened = cst.Call(
                self.spelled("sum"),
                [cst.Arg(flattened, comma=cst.Comma(NO_SPACE, NO_SPACE)), cst.Arg(cst.List([]))],
            )
            loop = loop.inner_for_in
        result = flattened.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        if len(code(result)) >= len(code(updated_node)) or not self.take_site():
            return updated_node
        return result


class FlattenWithSum(CSTTransform):
    name = "flatten_with_sum"
    safety = Safety.RISKY
    transformer = _SumFlattener
