"""Name a string literal the program spells several times: ``open('input.txt')`` thrice ->
``U='input.txt'`` once and ``open(U)`` thrice.

The name is a letter the program uses nowhere, bound by a new first statement
(after a docstring and ``from __future__`` imports), so every later read finds
it. Proposed only where the spellings saved outweigh the new statement. RISKY: the program may rely on two literals being distinct
objects, or a later rename may reuse the letter; the verifier judges.
"""

from __future__ import annotations

import string
from collections import Counter

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import variable_names
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

NO_SPACE = cst.SimpleWhitespace("")
LEADING = m.SimpleStatementLine([m.Expr(m.SimpleString())]) | m.SimpleStatementLine(
    [m.ImportFrom(module=m.Name("__future__"))]
)


def _docstrings(module: cst.Module) -> set[int]:
    """The string nodes that are docstrings (first statement of a module, class or def)."""
    found: set[int] = set()
    for owner in [module, *find_all(module, m.ClassDef() | m.FunctionDef())]:
        body = owner.body if isinstance(owner, cst.Module) else owner.body.body
        first = body[0] if body else None
        if isinstance(first, cst.SimpleStatementLine) and m.matches(
            first.body[0], m.Expr(m.SimpleString())
        ):
            found.add(id(first.body[0].value))
    return found


class _LiteralHoister(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.hoisted: dict[str, str] = {}  # literal spelling -> name

    def visit_Module(self, node: cst.Module) -> None:
        docstrings = _docstrings(node)
        literals = [s for s in find_all(node, m.SimpleString()) if id(s) not in docstrings]
        counts = Counter(literal.value for literal in literals)
        used = {name.value for name in variable_names(node)}
        free = [
            letter
            for letter in reversed(string.ascii_uppercase + string.ascii_lowercase)
            if letter not in used
        ]
        for spelling, count in counts.items():
            if not free or count < 2:
                continue
            saved = count * (len(spelling) - 1) - (len(spelling) + 3)
            if saved > 0 and self.take_site():
                self.hoisted[spelling] = free.pop()

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.BaseExpression:
        name = self.hoisted.get(original_node.value)
        return (
            updated_node
            if name is None
            else cst.Name(name, lpar=updated_node.lpar, rpar=updated_node.rpar)
        )

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not self.hoisted:
            return updated_node
        bindings = [
            cst.Assign(
                [cst.AssignTarget(cst.Name(name), NO_SPACE, NO_SPACE)], cst.SimpleString(spelling)
            )
            for spelling, name in self.hoisted.items()
        ]
        body = list(updated_node.body)
        start = 0  # after the docstring and ``from __future__`` imports, which must come first
        while start < len(body) and m.matches(body[start], LEADING):
            start += 1
        body.insert(start, cst.SimpleStatementLine(bindings))
        return updated_node.with_changes(body=body)


class HoistRepeatedLiterals(CSTTransform):
    name = "hoist_repeated_literals"
    safety = Safety.RISKY
    transformer = _LiteralHoister
