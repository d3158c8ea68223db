"""Shorten returns of ``None``: ``return None`` -> ``return``, and a function's last
``return`` dropped.

A function that ends without ``return`` returns ``None``, as ``return`` and
``return None`` do (in a generator all three just stop it). So ``return None``
becomes ``return``, and a ``return`` or ``return None`` that is the last
statement of a function's own body, after other statements, goes. A lever
python-minifier has (``remove_explicit_return_none``). One site per return.
"""

from __future__ import annotations

from typing import TypeVar

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.rewrites import flat_statements, without_trailing_semicolon
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

Statements = TypeVar("Statements", cst.SimpleStatementLine, cst.SimpleStatementSuite)
RETURNS_NONE = m.Return(value=None) | m.Return(value=m.Name("None"))


class _ReturnNoneShortener(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        #: Returns that end their function's body after other statements.
        self.final_returns: set[cst.Return] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        statements = flat_statements(node.body.body)
        if len(statements) > 1 and m.matches(statements[-1], RETURNS_NONE):
            self.final_returns.add(statements[-1])

    def leave_Return(
        self, original_node: cst.Return, updated_node: cst.Return
    ) -> cst.Return | cst.RemovalSentinel:
        if original_node in self.final_returns:
            return cst.RemoveFromParent() if self.take_site() else updated_node
        if m.matches(original_node, m.Return(value=m.Name("None"))) and self.take_site():
            return updated_node.with_changes(
                value=None, whitespace_after_return=cst.SimpleWhitespace("")
            )
        return updated_node

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        return _closed(original_node, updated_node)

    def leave_SimpleStatementSuite(
        self, original_node: cst.SimpleStatementSuite, updated_node: cst.SimpleStatementSuite
    ) -> cst.SimpleStatementSuite:
        return _closed(original_node, updated_node)


def _closed(original: Statements, updated: Statements) -> Statements:
    if len(updated.body) == len(original.body):
        return updated
    return updated.with_changes(body=without_trailing_semicolon(updated.body))


class RemoveReturnNone(CSTTransform):
    name = "remove_return_none"
    safety = Safety.SAFE
    transformer = _ReturnNoneShortener
