"""Join consecutive simple-statement lines of one block with ``;``.

A ``;`` costs one character, as a newline does, but the joined statement also
drops the indentation the next line needed, and a block reduced to a single
line can then move onto its header (see ``inline_bodies``). Lines are only
joined where no comment would be lost; removing comments is another transform's
job.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import libcst as cst

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer


def _joinable(first: cst.SimpleStatementLine, second: cst.SimpleStatementLine) -> bool:
    """Whether joining would keep every comment of the two lines."""
    return first.trailing_whitespace.comment is None and not any(
        line.comment is not None for line in second.leading_lines
    )


def _join(
    first: cst.SimpleStatementLine, second: cst.SimpleStatementLine
) -> cst.SimpleStatementLine:
    *leading, last = first.body
    if not isinstance(last.semicolon, cst.Semicolon):  # a trailing ``;`` already separates
        last = last.with_changes(semicolon=cst.Semicolon())
    return first.with_changes(
        body=[*leading, last, *second.body], trailing_whitespace=second.trailing_whitespace
    )


class _StatementJoiner(SiteTransformer):
    """One site per pair of neighbouring simple-statement lines, in source order."""

    def _joined(self, body: Sequence[cst.BaseStatement]) -> list[cst.BaseStatement]:
        result: list[cst.BaseStatement] = []
        for statement in body:
            previous = result[-1] if result else None
            if (
                isinstance(previous, cst.SimpleStatementLine)
                and isinstance(statement, cst.SimpleStatementLine)
                and _joinable(previous, statement)
                and self.take_site()
            ):
                result[-1] = _join(previous, statement)
            else:
                result.append(statement)
        return result

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        return updated_node.with_changes(body=self._joined(updated_node.body))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        return updated_node.with_changes(body=self._joined(updated_node.body))


class JoinStatements(CSTTransform):
    name: ClassVar[str] = "join_statements"
    safety: ClassVar[Safety] = Safety.LAYOUT
    transformer: ClassVar[type[SiteTransformer]] = _StatementJoiner
