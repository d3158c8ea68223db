"""Choose between two values by indexing: ``a if type(a)==b else b(a)`` -> ``[b(a),a][type(a)==b]``.

``[no, yes][test]`` picks ``yes`` when ``test`` is ``True`` (index 1) and
``no`` when it is ``False``. Both values are now computed, the false one
first, whatever the test says; it is RISKY for that reason (a value with
effects, or one that raises when not chosen), and the verifier judges.
Proposed only where the test is a comparison or ``not`` (a bool) and neither
value is a lambda, conditional, walrus or ``yield``, and only where shorter.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import code
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

BOOLEAN_TEST = m.Comparison() | m.UnaryOperation(operator=m.Not())
AWKWARD = m.Lambda() | m.IfExp() | m.NamedExpr() | m.Yield() | m.StarredElement()


class _ConditionalIndexer(SiteTransformer):
    def leave_IfExp(self, original_node: cst.IfExp, updated_node: cst.IfExp) -> cst.BaseExpression:
        values = (updated_node.orelse, updated_node.body)
        if not m.matches(updated_node.test, BOOLEAN_TEST):
            return updated_node
        if any(find_all(value, AWKWARD) for value in values):
            return updated_node
        elements = [
            cst.Element(
                (
                    values[0].with_changes(lpar=[], rpar=[])
                    if not isinstance(values[0], cst.Tuple)
                    else values[0]
                ),
                comma=cst.Comma(),
            ),
            cst.Element(
                values[1].with_changes(lpar=[], rpar=[])
                if not isinstance(values[1], cst.Tuple)
                else values[1]
            ),
        ]
        test = updated_node.test.with_changes(lpar=[], rpar=[])
        indexed = cst.Subscript(
            cst.List(elements),
            [cst.SubscriptElement(cst.Index(test))],
            lpar=updated_node.lpar,
            rpar=updated_node.rpar,
        )
        if len(code(indexed)) >= len(code(updated_node)) or not self.take_site():
            return updated_node
        return indexed


class IndexConditionals(CSTTransform):
    name = "index_conditionals"
    safety = Safety.RISKY
    transformer = _ConditionalIndexer
