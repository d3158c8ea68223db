"""Iterate a sequence backwards by slicing: ``for b in reversed(d):`` -> ``for b in d[::-1]:``.

For a list the reversed copy yields the same items in the same order; it is
RISKY because ``reversed`` also takes objects that cannot be sliced (and a
copy does not see changes made during the loop). Proposed only for a name,
attribute or subscript, which needs no parentheses before ``[``.
"""

from __future__ import annotations

import libcst as cst

from minimizer.analysis.rewrites import calls_builtin
from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety

SLICEABLE = (cst.Name, cst.Attribute, cst.Subscript)


class _SliceReverser(BuiltinAwareTransformer):
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if (
            not calls_builtin(original_node, self.aliases, "reversed")
            or len(original_node.args) != 1
        ):
            return updated_node
        argument = updated_node.args[0]
        if argument.keyword or argument.star or not isinstance(argument.value, SLICEABLE):
            return updated_node
        if argument.value.lpar or not self.take_site():
            return updated_node
        backwards = cst.SubscriptElement(
            cst.Slice(
                lower=None, upper=None, step=cst.UnaryOperation(cst.Minus(), cst.Integer("1"))
            )
        )
        return cst.Subscript(
            argument.value, [backwards], lpar=updated_node.lpar, rpar=updated_node.rpar
        )


class ReverseBySlice(CSTTransform):
    name = "reverse_by_slice"
    safety = Safety.RISKY
    transformer = _SliceReverser
