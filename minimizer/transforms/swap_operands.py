"""Reorder operands where the reordered source is shorter: ``a*(b*c)`` -> ``b*c*a``, ``(1/n)*s`` -> ``s/n``.

Two rewrites, each proposed only where it saves characters:

* swapping the operands of ``+ * & | ^`` when the right operand is a
  parenthesised operation of the same precedence: on the left it needs no
  parentheses (``a + (b - c)`` -> ``b - c + a``);
* ``(1 / d) * e`` and ``e * (1 / d)`` -> ``e / d``.

Neither is an identity in Python: ``+`` on strings and lists does not commute,
``a.__mul__`` and ``b.__rmul__`` may build different objects (an autograd graph
records its operands in order), and ``e * (1/d)`` rounds differently from
``e / d``. That is the point of a RISKY transform: it proposes, and the
verifier keeps only what leaves the run bit-identical. Length-neutral swaps
such as ``max(0, x)`` -> ``max(x, 0)`` are not proposed.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

#: Binary operators grouped by precedence level, lowest first.
PRECEDENCE_LEVELS: tuple[tuple[type[cst.BaseBinaryOp], ...], ...] = (
    (cst.BitOr,),
    (cst.BitXor,),
    (cst.BitAnd,),
    (cst.LeftShift, cst.RightShift),
    (cst.Add, cst.Subtract),
    (cst.Multiply, cst.Divide, cst.FloorDivide, cst.Modulo, cst.MatrixMultiply),
    (cst.Power,),
)
COMMUTATIVE_LOOKING = m.Add() | m.Multiply() | m.BitAnd() | m.BitOr() | m.BitXor()
RECIPROCAL = m.BinaryOperation(operator=m.Divide(), left=m.Integer("1"))


def _level(operator: cst.BaseBinaryOp) -> int:
    return next(i for i, level in enumerate(PRECEDENCE_LEVELS) if isinstance(operator, level))


def _binds_tighter_than(operand: cst.BaseExpression, operator: cst.BaseBinaryOp) -> bool:
    """Can ``operand`` stand unparenthesised as the right operand of ``operator``?"""
    if operand.lpar or not isinstance(operand, cst.BinaryOperation):
        return True
    return _level(operand.operator) > _level(operator)


def _without_parentheses(node: cst.BaseExpression) -> cst.BaseExpression:
    return node.with_changes(lpar=[], rpar=[])


class _OperandSwapper(SiteTransformer):
    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BinaryOperation:
        reciprocal_side = self._reciprocal_side(original_node)
        if reciprocal_side is not None:
            return (
                self._divided(updated_node, reciprocal_side) if self.take_site() else updated_node
            )
        if self._swap_drops_parentheses(original_node) and self.take_site():
            return updated_node.with_changes(
                left=_without_parentheses(updated_node.right), right=updated_node.left
            )
        return updated_node

    @staticmethod
    def _reciprocal_side(product: cst.BinaryOperation) -> str | None:
        """Which operand of the product is ``1 / d`` (the right one only if parenthesised)."""
        if not m.matches(product.operator, m.Multiply()):
            return None
        if m.matches(product.left, RECIPROCAL):
            return "left"
        if m.matches(product.right, RECIPROCAL) and product.right.lpar:
            return "right"
        return None

    @staticmethod
    def _divided(product: cst.BinaryOperation, reciprocal_side: str) -> cst.BinaryOperation:
        reciprocal = cst.ensure_type(getattr(product, reciprocal_side), cst.BinaryOperation)
        numerator = product.right if reciprocal_side == "left" else product.left
        return product.with_changes(
            left=numerator, operator=reciprocal.operator, right=reciprocal.right
        )

    @staticmethod
    def _swap_drops_parentheses(operation: cst.BinaryOperation) -> bool:
        right = operation.right
        return (
            m.matches(operation.operator, COMMUTATIVE_LOOKING)
            and isinstance(right, cst.BinaryOperation)
            and bool(right.lpar)
            and _level(right.operator) == _level(operation.operator)
            and _binds_tighter_than(operation.left, operation.operator)
        )


class SwapOperands(CSTTransform):
    name = "swap_operands"
    safety = Safety.RISKY
    transformer = _OperandSwapper
