"""Use a comparison's bool as a number: ``float(a.j>0)`` -> ``(a.j>0)``.

``True`` and ``False`` are the ints 1 and 0, so arithmetic with the bool gives
the same float results as with ``1.0`` and ``0.0`` (``False*-3.0`` is ``-0.0``
like ``0.0*-3.0``). RISKY: the value itself is a bool, not a float, for
anything that looks at its type or prints it; the verifier judges.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety

FLOAT_OF_COMPARISON = m.Call(args=[m.Arg(value=m.Comparison(), keyword=None, star="")])


class _FloatComparisonUnwrapper(BuiltinAwareTransformer):
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        function = updated_node.func
        if not m.matches(updated_node, FLOAT_OF_COMPARISON) or not isinstance(function, cst.Name):
            return updated_node
        if self.aliases.get(function.value) != "float" or not self.take_site():
            return updated_node
        comparison = updated_node.args[0].value
        return comparison.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


class UnwrapFloatComparisons(CSTTransform):
    name = "unwrap_float_comparisons"
    safety = Safety.RISKY
    transformer = _FloatComparisonUnwrapper
