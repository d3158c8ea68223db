"""A loop that only calls a function on each item becomes a ``map``: ``for g in X:f(g)`` ->
``[*map(f,X)]``.

The statement that replaces the loop is an expression, so it can share a line
with its neighbours (``if a not in d:[*map(f,a.l)];d[a]=0``), which a ``for``
cannot. RISKY: ``map`` looks ``f`` up once instead of at every item, the loop
variable is no longer bound afterwards, and the results are kept in a list
until the statement ends; the verifier judges. Proposed only where the body is
the one call, with the loop variable as its one argument, the variable
occurs nowhere else in its function (or, at the top level, in the program), and there is no ``else``.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.rewrites import simple_loop
from minimizer.transforms.base import CSTTransform, Safety, ScopeCountingTransformer

NO_SPACE = cst.SimpleWhitespace("")
SOLE_CALL = m.SimpleStatementSuite(body=[m.Expr(m.Call())]) | m.IndentedBlock(
    body=[m.SimpleStatementLine(body=[m.Expr(m.Call())])]
)


class _LoopMapper(ScopeCountingTransformer):
    def leave_For(
        self, original_node: cst.For, updated_node: cst.For
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        loop = updated_node
        if not simple_loop(loop):
            return loop
        if not m.matches(loop.body, SOLE_CALL):
            return loop
        small = loop.body.body[0]
        call = (small if isinstance(small, cst.Expr) else small.body[0]).value
        variable = loop.target.value
        if len(call.args) != 1 or call.args[0].keyword or call.args[0].star:
            return loop
        if not m.matches(call.args[0].value, m.Name(variable)) or self.counts[-1][variable] != 2:
            return loop
        if not self.take_site():
            return loop
        function = (
            call.func.with_changes(lpar=[], rpar=[])
            if isinstance(call.func, cst.Name)
            else call.func
        )
        mapped = cst.Call(
            self.spelled("map"),
            [cst.Arg(function, comma=cst.Comma(NO_SPACE, NO_SPACE)), cst.Arg(loop.iter)],
        )
        listed = cst.Expr(cst.List([cst.StarredElement(mapped)]))
        return cst.SimpleStatementLine([listed], leading_lines=loop.leading_lines)


class MapLoopCalls(CSTTransform):
    name = "map_loop_calls"
    safety = Safety.RISKY
    transformer = _LoopMapper
