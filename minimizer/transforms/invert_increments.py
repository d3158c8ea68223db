"""Spell ``(j+1)`` as ``-~j`` and ``(j-1)`` as ``~-j`` where that drops the parentheses.

For an int, ``-~j == j+1`` and ``~-j == j-1``; the unary form binds tighter
than every binary operator but ``**`` on its left, so ``w**(j+1)`` becomes
``w**-~j`` and ``(n-1)*k`` becomes ``~-n*k``, two characters shorter. For any
other type it is an error or a different value, which is why it is RISKY: the
verifier keeps the sites where ``j`` really is an int. To spare it sites that
are bound to fail, ``j`` must be a name that the program only ever binds as the
variable of a loop over ``range`` (through any alias), and sites that would save
nothing (an unparenthesised ``j+1``) are not proposed.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import assigned_by, builtin_aliases, calls_builtin
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

STEP_BY_ONE = m.BinaryOperation(
    operator=m.Add() | m.Subtract(), right=m.Integer("1"), lpar=[m.AtLeastN(n=1)]
)


def _unary_step(operation: cst.BinaryOperation) -> cst.UnaryOperation | None:
    """``-~x`` for ``x+1``, ``~-x`` for ``x-1``, with ``x`` parenthesised if it is an operation."""
    operand = operation.left
    if isinstance(operand, cst.BinaryOperation | cst.BooleanOperation | cst.Comparison):
        if not operand.lpar:
            operand = operand.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    if isinstance(operand, cst.IfExp | cst.Lambda | cst.NamedExpr):
        return None
    outer, inner = (cst.Minus(), cst.BitInvert())
    if isinstance(operation.operator, cst.Subtract):
        outer, inner = inner, outer
    return cst.UnaryOperation(outer, cst.UnaryOperation(inner, operand))


def _range_counters(module: cst.Module) -> set[str]:
    """Names bound only as the variable of a loop over ``range``: always ints."""
    aliases = builtin_aliases(module)
    counters, others = set(), set()
    for loop in find_all(module, m.For() | m.CompFor()):
        if isinstance(loop.target, cst.Name) and calls_builtin(loop.iter, aliases, "range"):
            counters.add(loop.target.value)
        else:
            others.update(name.value for name in find_all(loop.target, m.Name()))
    others.update(param.name.value for param in find_all(module, m.Param()))
    for statement in find_all(module, m.Assign() | m.AugAssign() | m.NamedExpr()):
        others.update(name.value for name in assigned_by(statement))
        if not isinstance(statement, cst.Assign) and isinstance(statement.target, cst.Name):
            others.add(statement.target.value)
    return counters - others


class _IncrementInverter(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.counters: set[str] = set()

    def visit_Module(self, node: cst.Module) -> None:
        self.counters = _range_counters(node)

    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BinaryOperation:
        # A unary operand may stand anywhere in a binary operation except left of ``**``.
        changes = {}
        for side in ("left", "right"):
            operand = getattr(updated_node, side)
            if side == "left" and isinstance(updated_node.operator, cst.Power):
                continue
            if not m.matches(operand, STEP_BY_ONE) or len(operand.lpar) != 1:
                continue
            if not m.matches(operand.left, m.Name()) or operand.left.value not in self.counters:
                continue
            unary = _unary_step(operand)
            if unary is not None and self.take_site():
                changes[side] = unary
        return updated_node.with_changes(**changes) if changes else updated_node


class InvertIncrements(CSTTransform):
    name = "invert_increments"
    safety = Safety.RISKY
    transformer = _IncrementInverter
