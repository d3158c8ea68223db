"""Rewrite ``x = x + y`` as ``x += y`` (and likewise for every binary operator).

The augmented form drops a repetition of the target. It is RISKY rather than
SAFE: ``+=`` calls ``__iadd__`` where there is one, which mutates a list in
place (so ``x = x + [1]`` and ``x += [1]`` differ when another name aliases
``x``), and a target like ``m[f()]`` is evaluated once instead of twice. Only
the verifier can say whether a program notices. Only the left operand is
matched against the target: ``x = y + x`` would also reorder the operands.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

AUGMENTED_OPERATOR: dict[type[cst.BaseBinaryOp], type[cst.BaseAugOp]] = {
    cst.Add: cst.AddAssign,
    cst.Subtract: cst.SubtractAssign,
    cst.Multiply: cst.MultiplyAssign,
    cst.Divide: cst.DivideAssign,
    cst.FloorDivide: cst.FloorDivideAssign,
    cst.Modulo: cst.ModuloAssign,
    cst.Power: cst.PowerAssign,
    cst.MatrixMultiply: cst.MatrixMultiplyAssign,
    cst.LeftShift: cst.LeftShiftAssign,
    cst.RightShift: cst.RightShiftAssign,
    cst.BitAnd: cst.BitAndAssign,
    cst.BitOr: cst.BitOrAssign,
    cst.BitXor: cst.BitXorAssign,
}

TARGET_OF_UPDATE = m.Assign(
    targets=[m.AssignTarget(target=m.Name() | m.Attribute() | m.Subscript())],
    value=m.BinaryOperation(),
)


class _AssignmentAugmenter(SiteTransformer):
    def leave_Assign(
        self, original_node: cst.Assign, updated_node: cst.Assign
    ) -> cst.Assign | cst.AugAssign:
        if not m.matches(original_node, TARGET_OF_UPDATE):
            return updated_node
        target = original_node.targets[0].target
        operation = cst.ensure_type(original_node.value, cst.BinaryOperation)
        # Token-for-token equality (whitespace included) keeps the match conservative.
        if not operation.left.deep_equals(target) or not self.take_site():
            return updated_node
        updated_operation = cst.ensure_type(updated_node.value, cst.BinaryOperation)
        updated_target = updated_node.targets[0]
        return cst.AugAssign(
            target=updated_target.target,
            operator=AUGMENTED_OPERATOR[type(operation.operator)](
                whitespace_before=updated_target.whitespace_before_equal,
                whitespace_after=updated_target.whitespace_after_equal,
            ),
            value=updated_operation.right,
            semicolon=updated_node.semicolon,
        )


class AugmentAssignments(CSTTransform):
    name = "augment_assignments"
    safety = Safety.RISKY
    transformer = _AssignmentAugmenter
