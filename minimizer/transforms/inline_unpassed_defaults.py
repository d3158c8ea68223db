"""Spell a default that no call overrides as a constant: ``d=lambda a,c,d=.08:...gauss(0,d)`` with
every call ``d(x,y)`` -> ``d=lambda a,c:...gauss(0,.08)``.

For a module-level function whose every use is a call passing fewer positional
arguments than the parameter's position (and no keywords or unpacking), the
parameter always holds its default, so a number or string default can replace
its reads. RISKY (a call the syntax does not show, through another name, would
now fail); the verifier judges. Only the last parameters, and only where
shorter.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ScopeProvider

from minimizer.analysis.resolution import ParentProvider
from minimizer.analysis.rewrites import bound_names, code
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

CONSTANT = m.Integer() | m.Float() | m.SimpleString()


class _Substituter(cst.CSTTransformer):
    def __init__(self, name: str, value: cst.BaseExpression) -> None:
        super().__init__()
        self.name, self.value = name, value

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return True

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return self.value if original_node.value == self.name else updated_node

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.Attribute:
        return updated_node.with_changes(attr=original_node.attr)

    def leave_Arg(self, original_node: cst.Arg, updated_node: cst.Arg) -> cst.Arg:
        return updated_node.with_changes(keyword=original_node.keyword)


class _DefaultInliner(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.cut: dict[int, int] = {}  # id(lambda) -> parameters kept

    def visit_Module(self, node: cst.Module) -> None:
        scope = self.get_metadata(ScopeProvider, node)
        for statement in node.body:
            smalls = statement.body if isinstance(statement, cst.SimpleStatementLine) else []
            for small in smalls:
                if m.matches(small, m.Assign([m.AssignTarget(m.Name())], m.Lambda())):
                    self._consider(scope, small.targets[0].target.value, small.value)

    def _consider(self, scope: cst.metadata.Scope, name: str, function: cst.Lambda) -> None:
        params = function.params
        if (
            params.star_arg != cst.MaybeSentinel.DEFAULT
            or params.kwonly_params
            or params.star_kwarg
        ):
            return
        if len(scope.assignments[name]) != 1:
            return
        calls = []
        for access in next(iter(scope.assignments[name])).references:
            call = self.get_metadata(ParentProvider, access.node)
            if not isinstance(call, cst.Call) or call.func is not access.node:
                return
            calls.append(call)
        if any(a.keyword or a.star for call in calls for a in call.args):
            return
        passed = max((len(call.args) for call in calls), default=0)
        keep = len(params.params)
        rebound = bound_names(function.body)
        while keep > passed and m.matches(params.params[keep - 1].default, CONSTANT):
            if params.params[keep - 1].name.value in rebound:
                break
            keep -= 1
        if keep < len(params.params) and self._shorter(function, keep) and self.take_site():
            self.cut[id(function)] = keep

    @staticmethod
    def _shorter(function: cst.Lambda, keep: int) -> bool:
        return len(code(_DefaultInliner._inlined(function, keep))) < len(code(function))

    @staticmethod
    def _inlined(function: cst.Lambda, keep: int) -> cst.Lambda:
        body = function.body
        for param in function.params.params[keep:]:
            body = body.visit(_Substituter(param.name.value, param.default))
        kept = list(function.params.params[:keep])
        if kept:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return function.with_changes(params=function.params.with_changes(params=kept), body=body)

    def leave_Lambda(self, original_node: cst.Lambda, updated_node: cst.Lambda) -> cst.Lambda:
        keep = self.cut.get(id(original_node))
        return updated_node if keep is None else self._inlined(updated_node, keep)


class InlineUnpassedDefaults(CSTTransform):
    name = "inline_unpassed_defaults"
    safety = Safety.RISKY
    transformer = _DefaultInliner
