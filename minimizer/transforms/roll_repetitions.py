"""Write a run of repeated statements once, in a loop: ``a,b=t`` ×400 ->
``for c in range(400):a,b=t``.

The inverse of ``unroll_loops``, for where the loop is shorter. A run is ``k``
copies (``k >= 2``) of the same group of one to :data:`LONGEST_PERIOD`
consecutive statements of a block, compared by their code without comments or
blank lines. The loop's variable is a name spelled nowhere in the module, so
nothing reads or shadows it. Refused for a group that holds a ``break`` or
``continue`` (it would leave the new loop), ``global``/``nonlocal``, a
``__future__`` import, or a string statement (a docstring). Proposed only where
the loop is clearly shorter than the copies.

RISKY: the statements now run in a loop that binds a new name; the verifier
decides. One site per run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.naming import (
    FORBIDDEN_NEW_NAMES,
    short_names,
    variable_spellings,
)
from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import code
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

#: The longest group of statements whose repetition is looked for.
LONGEST_PERIOD = 4

#: ``for a in range():`` and a line break and indentation: what a loop adds.
LOOP_OVERHEAD = len("for a in range():") + 2

Block = TypeVar("Block", cst.Module, cst.IndentedBlock)

REFUSED = (
    m.Break()
    | m.Continue()
    | m.Global()
    | m.Nonlocal()
    | m.ImportFrom(module=m.Name("__future__"))
    | m.Expr(value=m.SimpleString() | m.ConcatenatedString())
)


def _key(statement: cst.BaseStatement) -> str:
    """The statement's code without its comments, blank lines and trailing whitespace."""
    if isinstance(statement, cst.SimpleStatementLine):
        bare = statement.with_changes(
            leading_lines=(), trailing_whitespace=cst.TrailingWhitespace()
        )
    else:
        bare = statement.with_changes(leading_lines=())
    return code(bare)


def _runs(keys: Sequence[str]) -> list[tuple[int, int, int]]:
    """Maximal runs ``(start, period, copies)`` of repeated groups, left to right, each
    the one that saves the most where runs of different periods overlap."""
    runs = []
    start = 0
    while start < len(keys):
        best = (0, 1, 1)
        for period in range(1, LONGEST_PERIOD + 1):
            group = keys[start : start + period]
            copies = 1
            while keys[start + copies * period : start + (copies + 1) * period] == group:
                copies += 1
            saved = (copies - 1) * sum(len(key) for key in group) - LOOP_OVERHEAD - len(str(copies))
            if len(group) == period and copies >= 2 and saved > best[0]:
                best = (saved, period, copies)
        saved, period, copies = best
        if saved > 0:
            runs.append((start, period, copies))
            start += period * copies
        else:
            start += 1
    return runs


class _RepetitionRoller(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.variable = ""

    def visit_Module(self, node: cst.Module) -> None:
        spelled = variable_spellings(node)
        self.variable = next(
            name
            for name in short_names()
            if name not in spelled and name not in FORBIDDEN_NEW_NAMES
        )

    def _rolled(self, block: Block) -> Block:
        statements = list(block.body)
        keys = ["" if find_all(statement, REFUSED) else _key(statement) for statement in statements]
        body: list[cst.BaseStatement] = []
        done = 0
        for start, period, copies in _runs(keys):
            if "" in keys[start : start + period] or not self.take_site():
                continue
            body += statements[done:start]
            group = statements[start : start + period]
            loop = cst.For(
                target=cst.Name(self.variable),
                iter=cst.Call(cst.Name("range"), [cst.Arg(cst.Integer(str(copies)))]),
                body=cst.IndentedBlock([group[0].with_changes(leading_lines=()), *group[1:]]),
                leading_lines=group[0].leading_lines,
            )
            body.append(loop)
            done = start + period * copies
        if not done:
            return block
        return block.with_changes(body=[*body, *statements[done:]])

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        return self._rolled(updated_node)

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        return self._rolled(updated_node)


class RollRepetitions(CSTTransform):
    name = "roll_repetitions"
    safety = Safety.RISKY
    transformer = _RepetitionRoller
