"""Spell a square ``x*x`` as ``x**2`` where that is shorter (an operand of three characters or more).

``x**2`` binds tighter than ``x*x``, so it can stand wherever the product
stood. (The other way, ``x**2`` -> ``x*x``, would need parentheses in most
places and pays only for one-character names.) For floats ``x**2`` goes through ``pow`` and usually rounds as ``x*x`` does,
but for an object the two build different things: an autograd value records
``__pow__`` with the local gradient ``2*x`` where ``__mul__`` records two
uses of ``x``, and the gradients are then summed in another order. RISKY: only
the verifier can say which squares may change.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.rewrites import code
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

OPERAND = m.Name() | m.Attribute(value=m.Name()) | m.Subscript(value=m.Name())


class _SquareSpeller(SiteTransformer):
    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BinaryOperation:
        left, right = updated_node.left, updated_node.right
        if not m.matches(left, OPERAND) or left.lpar:
            return updated_node
        if not m.matches(updated_node.operator, m.Multiply()) or not left.deep_equals(right):
            return updated_node
        operator = updated_node.operator
        power = cst.Power(operator.whitespace_before, operator.whitespace_after)
        squared = updated_node.with_changes(operator=power, right=cst.Integer("2"))
        if len(code(squared)) >= len(code(updated_node)) or not self.take_site():
            return updated_node
        return squared


class SquareProducts(CSTTransform):
    name = "square_products"
    safety = Safety.RISKY
    transformer = _SquareSpeller
