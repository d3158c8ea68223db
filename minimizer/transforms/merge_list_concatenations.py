"""Merge list concatenations into one display: ``[r]+[*map(f,x)]+[r]`` -> ``[r,*map(f,x),r]``.

A chain of ``+`` whose operands are lists builds the same list as one display
in which each list display contributes its elements and every other operand is
unpacked with ``*``. RISKY: ``+`` requires every operand to be a list, while
unpacking takes any iterable (and ``[*[...]]`` copies), so the verifier
judges; proposed only where the display is shorter.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.rewrites import code
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

NO_SPACE = cst.SimpleWhitespace("")


def _operands(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The operands of a left-nested, unparenthesised chain of ``+``."""
    if (
        isinstance(node, cst.BinaryOperation)
        and isinstance(node.operator, cst.Add)
        and not node.lpar
    ):
        return [*_operands(node.left), node.right]
    return [node]


class _ConcatenationMerger(SiteTransformer):
    """One site per whole chain: the inner ``+`` of ``a+b+c`` is not a site of its own."""

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.inner: set[int] = set()

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Add):
            left = node.left
            if (
                isinstance(left, cst.BinaryOperation)
                and isinstance(left.operator, cst.Add)
                and not left.lpar
            ):
                self.inner.add(id(left))

    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BaseExpression:
        if not isinstance(updated_node.operator, cst.Add) or id(original_node) in self.inner:
            return updated_node
        operands = [*_operands(updated_node.left), updated_node.right]
        if not any(m.matches(operand, m.List()) for operand in operands):
            return updated_node
        elements: list[cst.BaseElement] = []
        for operand in operands:
            if isinstance(operand, cst.List):
                elements.extend(operand.elements)
            elif isinstance(operand, cst.IfExp | cst.Lambda | cst.NamedExpr) and not operand.lpar:
                elements.append(
                    cst.StarredElement(
                        operand.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
                    )
                )
            else:
                elements.append(cst.StarredElement(operand))
        last = len(elements) - 1
        elements = [
            e.with_changes(
                comma=cst.Comma(NO_SPACE, NO_SPACE) if i < last else cst.MaybeSentinel.DEFAULT
            )
            for i, e in enumerate(elements)
        ]
        merged = cst.List(elements, lpar=updated_node.lpar, rpar=updated_node.rpar)
        if len(code(merged)) >= len(code(updated_node)) or not self.take_site():
            return updated_node
        return merged


class MergeListConcatenations(CSTTransform):
    name = "merge_list_concatenations"
    safety = Safety.RISKY
    transformer = _ConcatenationMerger
