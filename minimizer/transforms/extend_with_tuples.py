"""Extend a list by a one-item tuple: ``l+=[k]`` -> ``l+=k,``.

``list += iterable`` extends the list with the items of any iterable, so a
bare tuple display does what the one-item list did, one character shorter.
RISKY: for a target that is not a list (a tuple, a string, an object with its
own ``__iadd__``) the result differs or fails; the verifier judges. Proposed
for augmented assignments of a one-item list display, not starred, except
in a loop's body (a comprehension can be made there).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.rewrites import flat_statements
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

ONE_ITEM_LIST = m.List(elements=[m.Element()], lpar=[], rpar=[])


class _TupleExtender(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        #: Additions made by a loop's body: ``collect_appends`` can make those a
        #: comprehension (once the rest of the body is inlined), which needs the display.
        self.collected: set[int] = set()

    def visit_For(self, node: cst.For) -> None:
        self.collected.update(id(small) for small in flat_statements(node.body.body))

    def leave_AugAssign(
        self, original_node: cst.AugAssign, updated_node: cst.AugAssign
    ) -> cst.AugAssign:
        if (
            not isinstance(updated_node.operator, cst.AddAssign)
            or id(original_node) in self.collected
        ):
            return updated_node
        if not m.matches(updated_node.value, ONE_ITEM_LIST) or not self.take_site():
            return updated_node
        item = updated_node.value.elements[0].value
        if isinstance(item, cst.Tuple | cst.NamedExpr | cst.Yield) and not item.lpar:
            item = item.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        one = cst.Tuple([cst.Element(item, comma=cst.Comma())], lpar=[], rpar=[])
        return updated_node.with_changes(value=one)


class ExtendWithTuples(CSTTransform):
    name = "extend_with_tuples"
    safety = Safety.RISKY
    transformer = _TupleExtender
