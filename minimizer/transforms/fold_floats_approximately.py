"""Fold float arithmetic on known numbers into a *nearby* short literal: ``1-.85`` -> ``.15``.

The tempting hand-golf: ``1 - 0.85`` is ``0.15000000000000002``, not ``0.15``,
so writing ``.15`` moves a constant of training by one ULP. ``fold_constants``
folds only to the exact bits; this one proposes the shortest decimal within a
few ULPs of the exact result, and only where that is not the exact value (the
exact fold is SAFE and belongs to ``fold_constants``). Whether the program's
behaviour depends on those last bits is what only a run can tell: RISKY, and
on a training loop the verifier says no, which the report shows.
"""

from __future__ import annotations

import ast
import math
import operator

import libcst as cst
from libcst.metadata import GlobalScope, ScopeProvider

from minimizer.analysis.constants import constant_reads
from minimizer.analysis.resolution import ParentProvider
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

OPERATIONS = {cst.Add: operator.add, cst.Subtract: operator.sub, cst.Multiply: operator.mul}
#: How far from the exact result a proposed literal may be.
MAX_ULPS = 16


def nearby_spelling(value: float, shorter_than: int) -> str | None:
    """The shortest decimal literal within ``MAX_ULPS`` of ``value`` but not equal to it,
    if one is shorter than ``shorter_than`` characters."""
    if not math.isfinite(value) or value <= 0:
        return None
    for digits in range(1, 17):
        text = f"{value:.{digits}g}"
        if "e" in text:
            return None
        text = text.lstrip("0") if text.startswith("0.") else text
        if len(text) >= shorter_than:
            return None
        near = float(text)
        if near != value and abs(near - value) <= MAX_ULPS * math.ulp(value):
            return text
    return None


class _ApproximateFolder(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.known: dict[int, int | float] = {}  # id(a read of a module constant) -> value

    def visit_Module(self, node: cst.Module) -> None:
        scope = self.get_metadata(ScopeProvider, node)
        assert isinstance(scope, GlobalScope)
        parent_of = lambda n: self.get_metadata(ParentProvider, n)  # noqa: E731
        scope_of = lambda n: self.get_metadata(ScopeProvider, n, None)  # noqa: E731
        self.known = constant_reads(node, scope, parent_of, scope_of)

    def _value(self, node: cst.BaseExpression) -> int | float | None:
        if isinstance(node, (cst.Integer, cst.Float)) and not node.lpar:
            return ast.literal_eval(node.value)
        return self.known.get(id(node))

    def leave_BinaryOperation(
        self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation
    ) -> cst.BaseExpression:
        operation = OPERATIONS.get(type(original_node.operator))
        left, right = self._value(original_node.left), self._value(original_node.right)
        if operation is None or left is None or right is None:
            return updated_node
        value = operation(left, right)
        code = cst.Module([]).code_for_node(original_node).replace(" ", "")
        spelling = nearby_spelling(value, len(code)) if isinstance(value, float) else None
        if spelling is None or not self.take_site():
            return updated_node
        return cst.Float(spelling, lpar=updated_node.lpar, rpar=updated_node.rpar)


class FoldFloatsApproximately(CSTTransform):
    name = "fold_floats_approximately"
    safety = Safety.RISKY
    transformer = _ApproximateFolder
