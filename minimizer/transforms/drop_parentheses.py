"""Remove grouping parentheses that do not change how the program parses.

Readable code (and our own inlining and rewriting transforms, which wrap what
they move in parentheses when unsure) carries parentheses that the grammar does
not need: ``(a)``, ``x = (1)``, ``return (x)``, ``(a*b) + c``. Working out which
ones are redundant from an operator-precedence table is easy to get subtly
wrong, so this transform asks Python itself: a pair is proposed only when the
statement without it parses to the same ``ast`` as with it. That makes it a
pure layout change, whatever subset of sites the search applies.
"""

from __future__ import annotations

import ast
from collections.abc import Collection

import libcst as cst

from minimizer.analysis.parsing import parse
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer


def _same_ast(before: str, after: str) -> bool:
    try:
        return ast.dump(parse(before)) == ast.dump(parse(after))
    except (SyntaxError, ValueError, RecursionError):
        return False


def _unparenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    return node.with_changes(lpar=[], rpar=[])


class _ParenthesesDropper(SiteTransformer):
    """Numbers each parenthesised expression whose parentheses can go alone.

    Each candidate is judged on its innermost enclosing statement only, which
    keeps counting fast on large modules; the whole module is re-checked in
    :meth:`DropParentheses.apply`.
    """

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.statements: list[cst.BaseStatement] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.BaseStatement):
            self.statements.append(node)
        return super().on_visit(node)

    def on_leave(
        self, original_node: cst.CSTNode, updated_node: cst.CSTNode
    ) -> cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel[cst.CSTNode]:
        if isinstance(original_node, cst.BaseStatement):
            self.statements.pop()
        if (
            isinstance(original_node, cst.BaseExpression)
            and isinstance(updated_node, cst.BaseExpression)
            and original_node.lpar
            and self._parentheses_are_redundant(original_node)
            and self.take_site()
        ):
            return _unparenthesized(updated_node)
        return updated_node

    def _parentheses_are_redundant(self, node: cst.BaseExpression) -> bool:
        statement = self.statements[-1]
        try:
            without = statement.deep_replace(node, _unparenthesized(node))
        except cst.CSTValidationError:  # e.g. ``if(x)`` would lose the space after ``if``
            return False
        return _same_ast(cst.Module(body=[statement]).code, cst.Module(body=[without]).code)


class DropParentheses(CSTTransform):
    name = "drop_parentheses"
    safety = Safety.LAYOUT
    transformer = _ParenthesesDropper

    def apply(self, module: cst.Module, sites: Collection[int]) -> cst.Module:
        chosen = sorted(frozenset(sites))
        result = self._parse_preserving(module, chosen)
        if result is not None:
            return result
        # Pairs that may each go alone can fail together when their removal joins
        # tokens (``not((a) + b)``): keep the sites one by one while the parse holds.
        kept: list[int] = []
        result = module
        for site in chosen:
            candidate = self._parse_preserving(module, [*kept, site])
            if candidate is not None:
                kept.append(site)
                result = candidate
        return result

    def _parse_preserving(self, module: cst.Module, sites: list[int]) -> cst.Module | None:
        """``module`` with ``sites`` applied, if that is valid and parses the same."""
        try:
            result = super().apply(module, sites)
        except cst.CSTValidationError:
            return None
        return result if _same_ast(module.code, result.code) else None
