"""Move a one-line body onto its header: ``if x:return y``, ``for a in b:c;d``.

An indented body costs a newline and its indentation; Python accepts simple
statements right after the colon of any compound statement (``if``, ``else``,
``for``, ``while``, ``def``, ``class``, ``with``, ``try``, ``except``, ...). A body
that holds a compound statement cannot move, and a body is left where it is if
moving it would lose a comment.
"""

from __future__ import annotations

from typing import ClassVar

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer


def _has_comment(*parts: cst.CSTNode) -> bool:
    return any(find_all(part, m.Comment()) for part in parts)


class _BodyInliner(SiteTransformer):
    """One site per indented block that holds a single simple-statement line."""

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock | cst.SimpleStatementSuite:
        if len(updated_node.body) != 1:
            return updated_node
        (line,) = updated_node.body
        if not isinstance(line, cst.SimpleStatementLine):
            return updated_node
        # The block's header line, the line's leading lines and the block's footer vanish.
        if _has_comment(updated_node.header, *line.leading_lines, *updated_node.footer):
            return updated_node
        if not self.take_site():
            return updated_node
        return cst.SimpleStatementSuite(
            body=line.body,
            leading_whitespace=cst.SimpleWhitespace(""),
            trailing_whitespace=line.trailing_whitespace,
        )


class InlineBodies(CSTTransform):
    name: ClassVar[str] = "inline_bodies"
    safety: ClassVar[Safety] = Safety.LAYOUT
    transformer: ClassVar[type[SiteTransformer]] = _BodyInliner
