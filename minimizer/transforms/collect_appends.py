"""Turn an appending loop into a comprehension: ``H=[]`` then ``for l in X:H.append(Y)`` ->
``H=[Y for l in X]``.

A loop whose whole body appends one value to a list that was empty just before
builds the same list as a comprehension. RISKY: the comprehension's variable
is local to it, so after the loop the name no longer holds the last item, and
``Y`` no longer sees ``H`` growing (``Y`` may not mention ``H``); the verifier
judges.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.rewrites import BlockRewriter, variable_names
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

EMPTY_LIST = m.Assign(targets=[m.AssignTarget(target=m.Name())], value=m.List(elements=[]))


def _appended(loop: cst.For, name: str) -> cst.BaseExpression | None:
    """``Y`` when the whole body of ``loop`` is ``name.append(Y)`` or ``name+=[Y]``."""
    body = loop.body
    lines = body.body if isinstance(body, cst.IndentedBlock) else [body]
    if len(lines) != 1 or not isinstance(
        lines[0], cst.SimpleStatementLine | cst.SimpleStatementSuite
    ):
        return None
    if len(lines[0].body) != 1:
        return None
    statement = lines[0].body[0]
    append = m.Expr(
        value=m.Call(
            func=m.Attribute(value=m.Name(name), attr=m.Name("append")),
            args=[m.Arg(keyword=None, star="")],
        )
    )
    if m.matches(statement, append):
        return statement.value.args[0].value
    added = m.AugAssign(
        target=m.Name(name), operator=m.AddAssign(), value=m.List(elements=[m.Element()])
    )
    if m.matches(statement, added) and not isinstance(
        statement.value.elements[0], cst.StarredElement
    ):
        return statement.value.elements[0].value
    return None


class _AppendCollector(BlockRewriter, SiteTransformer):
    def rewrite_block(self, items: list[cst.CSTNode]) -> dict[int, cst.CSTNode | None]:
        replacements: dict[int, cst.CSTNode | None] = {}
        for index, loop in enumerate(items[1:], start=1):
            empty = items[index - 1]
            if not isinstance(loop, cst.For) or loop.orelse or loop.asynchronous:
                continue
            if not m.matches(empty, EMPTY_LIST):
                continue
            name = empty.targets[0].target.value
            value = _appended(loop, name)
            if value is None or any(v.value == name for v in variable_names(loop.iter)):
                continue
            if any(v.value == name for v in variable_names(value)) or not self.take_site():
                continue
            comprehension = cst.ListComp(
                value,
                cst.CompFor(
                    target=loop.target,
                    iter=loop.iter,
                    whitespace_before=cst.SimpleWhitespace(" "),
                ),
            )
            replacements[index - 1] = empty.with_changes(value=comprehension)
            replacements[index] = None
        return replacements


class CollectAppends(CSTTransform):
    name = "collect_appends"
    safety = Safety.RISKY
    transformer = _AppendCollector
