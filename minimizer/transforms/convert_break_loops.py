"""A counted loop that stops on a fresh value becomes a ``while`` with a walrus:
``for l in range(8):u=E;if u==r:break;J+=o[u]`` -> ``l=0`` and
``while l<8 and(u:=E)!=r:J+=o[u];l+=1``.

The ``for`` needs a line for its header, one for the binding and one for the
``break``; the ``while`` puts the binding and the test in its header and its
body on the same line. RISKY: the loop variable ends one higher when the loop
runs out, and ``range``'s bound is evaluated at every test instead of once;
a later statement of the loop's block must not read the loop variable (a
function that reads it as a global is the verifier's to catch). Proposed where the body is exactly a binding of a name,
an ``if`` that compares that name with ``==``/``!=``/``is``/``in`` and only
breaks, and then simple statements that neither bind the loop variable nor
``continue``; the bound is a number or a name the body does not bind.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import (
    calls_builtin,
    flat_statements,
    simple_loop,
    variable_names,
)
from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety

NO_SPACE = cst.SimpleWhitespace("")
SPACE = cst.SimpleWhitespace(" ")
NEGATED = {
    cst.Equal: cst.NotEqual,
    cst.NotEqual: cst.Equal,
    cst.Is: cst.IsNot,
    cst.IsNot: cst.Is,
    cst.In: cst.NotIn,
    cst.NotIn: cst.In,
}
BREAK_IF = m.If(
    test=m.Comparison(left=m.Name(), comparisons=[m.ComparisonTarget()]),
    body=m.SimpleStatementSuite([m.Break()])
    | m.IndentedBlock([m.SimpleStatementLine([m.Break()])]),
    orelse=None,
)


def _rebound_in(body: cst.CSTNode) -> set[str]:
    """Names a loop body binds in the loop's own scope (a comprehension's variables
    are its own, so they do not count)."""
    names: set[str] = set()
    for node in find_all(body, m.AssignTarget() | m.AugAssign() | m.For() | m.NamedExpr()):
        names.update(n.value for n in find_all(node.target, m.Name()))
    for node in find_all(body, m.FunctionDef() | m.ClassDef()):
        names.add(node.name.value)
    return names


class _LoopConverter(BuiltinAwareTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        #: Loops whose variable a later statement of their block reads.
        self.read_after: set[int] = set()

    def _note_blocks(self, body: Sequence[cst.CSTNode]) -> None:
        statements = flat_statements(body)
        for index, statement in enumerate(statements):
            if isinstance(statement, cst.For) and isinstance(statement.target, cst.Name):
                variable = statement.target.value
                if any(
                    n.value == variable
                    for later in statements[index + 1 :]
                    for n in variable_names(later)
                ):
                    self.read_after.add(id(statement))

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        self._note_blocks(node.body)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._note_blocks(node.body)

    def _parts(self, loop: cst.For) -> tuple[cst.Assign, cst.If, list[cst.CSTNode]] | None:
        if not isinstance(loop.body, cst.IndentedBlock):
            return None
        statements = flat_statements(loop.body.body)
        if len(statements) < 3:
            return None
        binding, test, rest = statements[0], statements[1], statements[2:]
        if not m.matches(binding, m.Assign(targets=[m.AssignTarget(m.Name())])):
            return None
        if not m.matches(test, BREAK_IF) or test.test.left.value != binding.targets[0].target.value:
            return None
        if type(test.test.comparisons[0].operator) not in NEGATED:
            return None
        if not all(isinstance(s, cst.BaseSmallStatement) for s in rest):
            return None
        if find_all(loop.body, m.Continue()) or any(find_all(s, m.Break()) for s in rest):
            return None
        return binding, test, rest

    def leave_For(
        self, original_node: cst.For, updated_node: cst.For
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        loop = updated_node
        if not simple_loop(loop):
            return loop
        if not calls_builtin(loop.iter, self.aliases, "range") or len(loop.iter.args) != 1:
            return loop
        bound = loop.iter.args[0].value
        variable = loop.target.value
        parts = self._parts(loop)
        if parts is None or loop.iter.args[0].star or loop.iter.args[0].keyword:
            return loop
        binding, test, rest = parts
        body_bound = _rebound_in(loop.body)
        if variable in body_bound or not (
            isinstance(bound, cst.Integer)
            or (isinstance(bound, cst.Name) and bound.value not in body_bound)
        ):
            return loop
        if id(original_node) in self.read_after or not self.take_site():
            return loop
        return self._converted(loop, variable, bound, binding, test, rest)

    @staticmethod
    def _converted(
        loop: cst.For, variable: str, bound: cst.BaseExpression,
        binding: cst.Assign, test: cst.If, rest: list[cst.CSTNode],
    ) -> cst.FlattenSentinel[cst.BaseStatement]:  # fmt: skip
        comparison = test.test.comparisons[0]
        walrus = cst.NamedExpr(
            target=binding.targets[0].target,
            value=binding.value,
            lpar=[cst.LeftParen()],
            rpar=[cst.RightParen()],
            whitespace_before_walrus=NO_SPACE,
            whitespace_after_walrus=NO_SPACE,
        )
        operator = NEGATED[type(comparison.operator)](
            whitespace_before=NO_SPACE, whitespace_after=NO_SPACE
        )
        keep_going = cst.Comparison(walrus, [cst.ComparisonTarget(operator, comparison.comparator)])
        counted = cst.Comparison(
            cst.Name(variable), [cst.ComparisonTarget(cst.LessThan(NO_SPACE, NO_SPACE), bound)]
        )
        header = cst.BooleanOperation(counted, cst.And(SPACE, NO_SPACE), keep_going)
        step = cst.AugAssign(
            cst.Name(variable), cst.AddAssign(NO_SPACE, NO_SPACE), cst.Integer("1")
        )
        body = [s.with_changes(semicolon=cst.Semicolon()) for s in rest] + [step]
        start = cst.SimpleStatementLine(
            [
                cst.Assign(
                    [cst.AssignTarget(cst.Name(variable), NO_SPACE, NO_SPACE)], cst.Integer("0")
                )
            ],
            leading_lines=loop.leading_lines,
        )
        loop_line = cst.While(
            header,
            cst.SimpleStatementSuite(body, leading_whitespace=NO_SPACE),
            whitespace_after_while=SPACE,
        )
        return cst.FlattenSentinel([start, loop_line])


class ConvertBreakLoops(CSTTransform):
    name = "convert_break_loops"
    safety = Safety.RISKY
    transformer = _LoopConverter
