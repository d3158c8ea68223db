"""Make a reflected dunder that only forwards an alias: ``__radd__=lambda a,b:a+b`` -> ``__radd__=__add__``.

``a+b`` with ``a`` an instance calls ``type(a).__add__(a, b)``, so a
``__radd__`` (or ``__rmul__``, ...) whose body is ``self OP other`` does what
``__add__`` does, through one more dispatch. Binding the same function under
both names is shorter. It is RISKY because the forwarding form goes through
the operator protocol (a subclass, ``NotImplemented``) where the alias does
not; the verifier judges. Proposed only where the forward dunder is bound
earlier in the same class body, so the alias names something that exists.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

OPERATOR_DUNDERS: dict[type[cst.BaseBinaryOp], str] = {
    cst.Add: "add",
    cst.Subtract: "sub",
    cst.Multiply: "mul",
    cst.Divide: "truediv",
    cst.FloorDivide: "floordiv",
    cst.Modulo: "mod",
    cst.Power: "pow",
    cst.MatrixMultiply: "matmul",
    cst.BitAnd: "and",
    cst.BitOr: "or",
    cst.BitXor: "xor",
}


def _forwarded(value: cst.BaseExpression) -> str | None:
    """``__OP__`` when ``value`` is ``lambda a,b:a OP b``."""
    if not isinstance(value, cst.Lambda) or not isinstance(value.body, cst.BinaryOperation):
        return None
    params = value.params
    if len(params.params) != 2 or params.star_arg != cst.MaybeSentinel.DEFAULT:
        return None
    if params.kwonly_params or params.posonly_params or params.star_kwarg:
        return None
    if any(param.default for param in params.params):
        return None
    first, second = (param.name.value for param in params.params)
    body = value.body
    if not (m.matches(body.left, m.Name(first)) and m.matches(body.right, m.Name(second))):
        return None
    operator = OPERATOR_DUNDERS.get(type(body.operator))
    return None if operator is None else f"__{operator}__"


class _DunderAliaser(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.bound: list[set[str]] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.bound.append(set())

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        self.bound.pop()
        return updated_node

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if self.bound:
            self.bound[-1].add(node.name.value)
        return False

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign:
        if not self.bound:
            return updated_node
        names = [t.target.value for t in original_node.targets if isinstance(t.target, cst.Name)]
        forward = _forwarded(original_node.value)
        reflected = forward is not None and f"__r{forward[2:]}" in names
        if reflected and forward in self.bound[-1] and self.take_site():
            updated_node = updated_node.with_changes(value=cst.Name(forward))
        self.bound[-1].update(names)
        return updated_node


class AliasReflectedDunders(CSTTransform):
    name = "alias_reflected_dunders"
    safety = Safety.RISKY
    transformer = _DunderAliaser
