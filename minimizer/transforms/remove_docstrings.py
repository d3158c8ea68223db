"""Remove module, class and function docstrings.

A docstring is often the longest literal in a program and only matters to code
that reads ``__doc__``. The transform refuses every site of a program that might
read one (it spells ``__doc__``, calls ``help`` or uses ``inspect.getdoc``,
``pydoc`` or ``doctest``); otherwise removing them cannot change behaviour. A
body left empty gets ``0``, the shortest statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, TypeVar

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

#: Names through which a program can see its own docstrings.
DOCSTRING_READERS = frozenset({"__doc__", "help", "getdoc", "pydoc", "doctest"})

Documented = TypeVar("Documented", cst.Module, cst.ClassDef, cst.FunctionDef)


def _reads_docstrings(module: cst.Module) -> bool:
    reader = m.Name(value=m.MatchIfTrue(lambda name: name in DOCSTRING_READERS))
    spelled_in_string = m.SimpleString(value=m.MatchIfTrue(lambda text: "__doc__" in text))
    return bool(find_all(module, reader | spelled_in_string))


def _empty_body_filler() -> cst.Expr:
    return cst.Expr(cst.Integer("0"))


def _drop_first_statement(
    statements: Sequence[cst.BaseStatement],
) -> list[cst.BaseStatement]:
    """``statements`` without the first small statement of the first line."""
    first_line, *rest = statements
    assert isinstance(first_line, cst.SimpleStatementLine)  # it holds the docstring
    if len(first_line.body) > 1:
        return [first_line.with_changes(body=first_line.body[1:]), *rest]
    return rest


class _DocstringRemover(SiteTransformer):
    """One site per docstring, numbered as the traversal leaves its owner."""

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.refused = False

    def visit_Module(self, node: cst.Module) -> None:
        self.refused = _reads_docstrings(node)

    def _removes_docstring(self, owner: cst.Module | cst.ClassDef | cst.FunctionDef) -> bool:
        return not self.refused and owner.get_docstring() is not None and self.take_site()

    def _without_docstring(self, original_node: Documented, updated_node: Documented) -> Documented:
        if not self._removes_docstring(original_node):
            return updated_node
        body = updated_node.body
        if isinstance(body, cst.SimpleStatementSuite):  # def f(): "doc"; x
            return updated_node.with_changes(
                body=body.with_changes(body=body.body[1:] or [_empty_body_filler()])
            )
        if isinstance(body, cst.IndentedBlock):
            remaining = _drop_first_statement(body.body)
            filler = cst.SimpleStatementLine([_empty_body_filler()])
            return updated_node.with_changes(body=body.with_changes(body=remaining or [filler]))
        return updated_node.with_changes(body=_drop_first_statement(body))  # a module may be empty

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        return self._without_docstring(original_node, updated_node)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        return self._without_docstring(original_node, updated_node)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        return self._without_docstring(original_node, updated_node)


class RemoveDocstrings(CSTTransform):
    name: ClassVar[str] = "remove_docstrings"
    safety: ClassVar[Safety] = Safety.SAFE
    transformer: ClassVar[type[SiteTransformer]] = _DocstringRemover
