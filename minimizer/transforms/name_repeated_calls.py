"""Compute a repeated call once inside a lambda with a walrus: ``lambda a:b(S.exp(a.j),(S.exp(a.j),))`` ->
``lambda a:b(c:=S.exp(a.j),(c,))``.

When a lambda's body evaluates the same call twice, the first evaluation can
bind a name that the second reads. The name is one the lambda does not mention,
so it stays local to the lambda. RISKY: the call now runs once (one with
effects, or whose result changed between the two, would notice); the verifier
judges. Only the first occurrence in source order is bound, so neither may sit
in a conditional, a nested lambda or a comprehension, and it is proposed only
where shorter.
"""

from __future__ import annotations

import string

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import code, variable_names
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

NO_SPACE = cst.SimpleWhitespace("")
OUT_OF_ORDER = m.IfExp() | m.Lambda() | m.ListComp() | m.SetComp() | m.DictComp() | m.GeneratorExp()
OUT_OF_ORDER = OUT_OF_ORDER | m.BooleanOperation() | m.NamedExpr() | m.Yield()


class _Bind(cst.CSTTransformer):
    def __init__(self, first: cst.Call, repeats: list[cst.Call], name: str) -> None:
        super().__init__()
        self.first, self.repeats, self.name = first, {id(r) for r in repeats}, name

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:
        if original_node is self.first:
            return cst.NamedExpr(
                cst.Name(self.name),
                updated_node.with_changes(lpar=[], rpar=[]),
                lpar=[cst.LeftParen()],
                rpar=[cst.RightParen()],
                whitespace_before_walrus=NO_SPACE,
                whitespace_after_walrus=NO_SPACE,
            )
        if id(original_node) in self.repeats:
            return cst.Name(self.name, lpar=updated_node.lpar, rpar=updated_node.rpar)
        return updated_node


class _RepeatedCallNamer(SiteTransformer):
    def leave_Lambda(self, original_node: cst.Lambda, updated_node: cst.Lambda) -> cst.Lambda:
        body = updated_node.body
        if find_all(body, OUT_OF_ORDER):
            return updated_node
        used = {name.value for name in variable_names(updated_node)}
        free = [letter for letter in string.ascii_letters if letter not in used]
        calls = find_all(body, m.Call())
        for call in calls:
            repeats = [other for other in calls if other is not call and other.deep_equals(call)]
            if (
                not repeats
                or not free
                or any(r.deep_equals(call) for r in calls[: calls.index(call)])
            ):
                continue
            named = body.visit(_Bind(call, repeats, free[0]))
            if len(code(named)) >= len(code(body)) or not self.take_site():
                continue
            return updated_node.with_changes(body=named)
        return updated_node


class NameRepeatedCalls(CSTTransform):
    name = "name_repeated_calls"
    safety = Safety.RISKY
    transformer = _RepeatedCallNamer
