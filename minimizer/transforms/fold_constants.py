"""Fold arithmetic on known numbers into one literal, as CPython's compiler would.

``.01*.5``, ``n_embd//n_head`` with both names module constants, or ``4**.5``
are computed once here, with the interpreter's own arithmetic (so the result
has the very bits the program would compute), and written as the shortest
literal of that value, where that is shorter. An f-string field holding a
number literal (``{30:4d}``) becomes its formatted text. SAFE: the same
operations on the same values give the same bits on the same interpreter, and
CPython already folds literal-only arithmetic at compile time. One site per
maximal foldable expression.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable

import libcst as cst
from libcst.metadata import GlobalScope, ScopeProvider

from minimizer.analysis.constants import constant_reads, number_value
from minimizer.analysis.literals import shortest_float
from minimizer.analysis.refusal import reaches_names_dynamically
from minimizer.analysis.resolution import ParentProvider
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

Number = int | float

BINARY: dict[type[cst.BaseBinaryOp], Callable[[Number, Number], Number]] = {
    cst.Add: operator.add,
    cst.Subtract: operator.sub,
    cst.Multiply: operator.mul,
    cst.Divide: operator.truediv,
    cst.FloorDivide: operator.floordiv,
    cst.Modulo: operator.mod,
    cst.Power: operator.pow,
}
UNARY: dict[type[cst.BaseUnaryOp], Callable[[Number], Number]] = {
    cst.Minus: operator.neg,
    cst.Plus: operator.pos,
}
#: Results that large are not worth computing (``9**9**9``) nor writing out.
MAX_DIGITS = 30


def literal_text(value: Number) -> str | None:
    """The shortest literal for ``value`` (negatives parenthesised), if it has one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    magnitude = abs(value)
    text = str(magnitude) if isinstance(value, int) else shortest_float(magnitude)
    if len(text) > MAX_DIGITS:
        return None
    is_negative = value < 0 or (isinstance(value, float) and math.copysign(1.0, value) < 0)
    return f"(-{text})" if is_negative else text


class _FoldConstants(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.known: dict[int, Number] = {}  # id(original node) -> its value
        self.refused = False

    def visit_Module(self, node: cst.Module) -> None:
        self.refused = reaches_names_dynamically(node) is not None
        scope = self.get_metadata(ScopeProvider, node)
        assert isinstance(scope, GlobalScope)
        parent_of = lambda n: self.get_metadata(ParentProvider, n)  # noqa: E731
        scope_of = lambda n: self.get_metadata(ScopeProvider, n, None)  # noqa: E731
        self.known.update(constant_reads(node, scope, parent_of, scope_of))

    def _value(self, node: cst.CSTNode) -> Number | None:
        if id(node) in self.known:
            return self.known[id(node)]
        return number_value(node)

    def _fold(
        self, original: cst.BaseExpression, updated: cst.BaseExpression
    ) -> cst.BaseExpression:
        value = self._compute(original)
        if value is None or self.refused:
            return updated
        self.known[id(original)] = value
        parent = self.get_metadata(ParentProvider, original, None)
        if parent is not None and self._compute(parent) is not None:
            return updated  # a larger expression folds: only the outermost is a site
        text = literal_text(value)
        # Judged as the layout pass will leave it: arithmetic on numbers needs no spaces.
        code = cst.Module([]).code_for_node(original).replace(" ", "")
        if text is None or len(text) >= len(code) or not self.take_site():
            return updated
        return cst.parse_expression(text)

    def _compute(self, node: cst.CSTNode) -> Number | None:
        try:
            if isinstance(node, cst.BinaryOperation) and type(node.operator) in BINARY:
                left, right = self._value(node.left), self._value(node.right)
                if left is None or right is None or _too_big(node.operator, left, right):
                    return None
                return BINARY[type(node.operator)](left, right)
            if isinstance(node, cst.UnaryOperation) and type(node.operator) in UNARY:
                operand = self._value(node.expression)
                return None if operand is None else UNARY[type(node.operator)](operand)
        except (ArithmeticError, ValueError):
            return None
        return None

    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BaseExpression:
        return self._fold(original_node, updated_node)

    def leave_UnaryOperation(
        self, original_node: cst.UnaryOperation, updated_node: cst.UnaryOperation
    ) -> cst.BaseExpression:
        if isinstance(original_node.expression, (cst.Integer, cst.Float)):
            return updated_node  # ``-1`` already is the shortest spelling of itself
        return self._fold(original_node, updated_node)

    def leave_FormattedStringExpression(
        self,
        original_node: cst.FormattedStringExpression,
        updated_node: cst.FormattedStringExpression,
    ) -> cst.BaseFormattedStringContent:
        value = number_value(original_node.expression)
        spec = original_node.format_spec
        if value is None or original_node.conversion is not None or self.refused:
            return updated_node
        if spec is not None and not all(isinstance(part, cst.FormattedStringText) for part in spec):
            return updated_node
        spec_text = "".join(part.value for part in spec or ())  # type: ignore[union-attr]
        try:
            text = format(value, spec_text)
        except ValueError:
            return updated_node
        shown = text.replace("{", "{{").replace("}", "}}")
        if len(shown) >= len(cst.Module([]).code_for_node(original_node)) or not self.take_site():
            return updated_node
        return cst.FormattedStringText(shown)


def _too_big(operator_node: cst.BaseBinaryOp, left: Number, right: Number) -> bool:
    if isinstance(operator_node, cst.Power):
        return abs(right) > 64 or abs(left) > 10**6
    if isinstance(operator_node, cst.Multiply):
        return abs(left) > 10 ** MAX_DIGITS or abs(right) > 10**MAX_DIGITS
    return False


class FoldConstants(CSTTransform):
    name = "fold_constants"
    safety = Safety.SAFE
    transformer = _FoldConstants
