"""Fold ``def f(c,a):a=X;return Y`` into ``f=lambda c,a:Y`` with ``(a:=X)`` at ``a``'s first read in ``Y``.

A function that binds one name and returns an expression becomes a lambda
when the binding moves, as a walrus, to the place where ``Y`` first reads the
name: ``X`` is then computed just before that read, instead of before all of
``Y``. RISKY for that reason (whatever ``Y`` evaluates before the first read
now runs before ``X``), and because a lambda's ``__name__`` differs; the
verifier judges. Not proposed where ``Y`` has a conditional (evaluated out of
source order), where the first read is inside a lambda or comprehension, or
for decorated, async or annotated functions, or any using ``super``.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import flat_statements, variable_names
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

NO_SPACE = cst.SimpleWhitespace("")
SINGLE_NAME_BINDING = m.Assign(targets=[m.AssignTarget(target=m.Name())])
OUT_OF_ORDER = m.IfExp() | m.Lambda() | m.ListComp() | m.SetComp() | m.DictComp() | m.GeneratorExp()
REFUSED = m.Yield() | m.Await() | m.Name("super") | m.Name("__class__") | m.NamedExpr()


class _Walrus(cst.CSTTransformer):
    def __init__(self, read: cst.Name, value: cst.BaseExpression) -> None:
        super().__init__()
        self.read, self.value = read, value

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if original_node is not self.read:
            return updated_node
        return cst.NamedExpr(
            updated_node.with_changes(lpar=[], rpar=[]),
            self.value,
            lpar=[cst.LeftParen()],
            rpar=[cst.RightParen()],
            whitespace_before_walrus=NO_SPACE,
            whitespace_after_walrus=NO_SPACE,
        )


def _compact(parameters: cst.Parameters) -> cst.Parameters:
    params = list(parameters.params)
    return parameters.with_changes(
        params=[
            p.with_changes(
                whitespace_after_param=NO_SPACE,
                comma=(
                    cst.Comma(NO_SPACE, NO_SPACE)
                    if i < len(params) - 1
                    else cst.MaybeSentinel.DEFAULT
                ),
                equal=(
                    cst.AssignEqual(NO_SPACE, NO_SPACE) if p.default else cst.MaybeSentinel.DEFAULT
                ),
            )
            for i, p in enumerate(params)
        ]
    )


def _folded(function: cst.FunctionDef) -> cst.Assign | None:
    body = function.body
    statements = flat_statements(body.body)
    if len(statements) != 2 or not all(isinstance(s, cst.BaseSmallStatement) for s in statements):
        return None
    binding, returned = statements
    if (
        not m.matches(binding, SINGLE_NAME_BINDING)
        or not isinstance(returned, cst.Return)
        or returned.value is None
    ):
        return None
    parameters = function.params
    if (
        parameters.star_arg != cst.MaybeSentinel.DEFAULT
        or parameters.kwonly_params
        or parameters.star_kwarg
    ):
        return None
    if parameters.posonly_params or any(p.annotation for p in parameters.params):
        return None
    if (
        function.decorators
        or function.asynchronous
        or function.returns
        or find_all(function, REFUSED)
    ):
        return None
    name = binding.targets[0].target.value
    value = returned.value
    if find_all(value, OUT_OF_ORDER) or isinstance(value, cst.Tuple) and not value.lpar:
        return None
    reads = [variable for variable in variable_names(value) if variable.value == name]
    if not reads:
        return None
    body_value = value.visit(_Walrus(reads[0], binding.value))
    lambda_ = cst.Lambda(_compact(parameters), body_value, colon=cst.Colon(NO_SPACE, NO_SPACE))
    target = cst.AssignTarget(function.name, NO_SPACE, NO_SPACE)
    return cst.Assign([target], lambda_)


class _WalrusFolder(SiteTransformer):
    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.BaseStatement:
        folded = _folded(updated_node)
        if folded is None or not self.take_site():
            return updated_node
        return cst.SimpleStatementLine([folded], leading_lines=updated_node.leading_lines)


class FoldDefWithWalrus(CSTTransform):
    name = "fold_def_with_walrus"
    safety = Safety.RISKY
    transformer = _WalrusFolder
