"""Divide by a float constant as a multiplication where that is shorter: ``l/.5`` -> ``l*2``.

Proposed only where the reciprocal is exact (a power of two, so ``1/c`` has a
short exact spelling) and the spelling is shorter. ``x/c`` and ``x*(1/c)`` then
round alike for floats, but an object's ``__truediv__`` and ``__mul__`` may
build different things (an autograd graph records another node and local
gradient), and an int constant differs from a float one: RISKY, the verifier
judges.
"""

from __future__ import annotations

import math

import libcst as cst

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer


def _reciprocal_spelling(constant: cst.Float) -> str | None:
    value = float(constant.value)
    if value <= 0 or not math.isfinite(value):
        return None
    mantissa, _ = math.frexp(value)
    if mantissa != 0.5:
        return None
    reciprocal = 1 / value
    spelled = str(int(reciprocal)) if reciprocal.is_integer() else repr(reciprocal).lstrip("0")
    return spelled if len(spelled) < len(constant.value) else None


class _ReciprocalMultiplier(SiteTransformer):
    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BinaryOperation:
        divisor = updated_node.right
        if not isinstance(updated_node.operator, cst.Divide) or not isinstance(divisor, cst.Float):
            return updated_node
        spelled = _reciprocal_spelling(divisor)
        if spelled is None or divisor.lpar or not self.take_site():
            return updated_node
        number = cst.Integer(spelled) if spelled.isdigit() else cst.Float(spelled)
        operator = cst.Multiply(
            updated_node.operator.whitespace_before, updated_node.operator.whitespace_after
        )
        return updated_node.with_changes(operator=operator, right=number)


class MultiplyByReciprocal(CSTTransform):
    name = "multiply_by_reciprocal"
    safety = Safety.RISKY
    transformer = _ReciprocalMultiplier
