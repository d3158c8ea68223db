"""Merge runs of independent assignments: ``a = 1`` / ``b = 2`` -> ``a, b = 1, 2``.

For ``--readable`` output, where black lays out one statement per line: a block
of configuration constants or of fresh attributes reads as well, or better, as
one tuple assignment (the reference already writes ``learning_rate, beta1, ...
= 0.01, 0.85, ...``), and costs a line per name less.

The tuple form evaluates every right-hand side before it assigns any target, so
a run is merged only when that cannot be seen: no later value mentions an
earlier target, and either every later value is inert (names, literals, and
lists or tuples of them: nothing that can run code the program defines) or
every earlier target is a plain name read and written only in its own scope,
so no call can observe it. A run stops at a comment or blank line (the
author's grouping), at a lambda (a definition keeps its own line), and where
the merged line would no longer fit on one line at black's default width.
"""

from __future__ import annotations

from collections.abc import Sequence

import black
import libcst as cst
import libcst.matchers as m
from libcst.metadata import ScopeProvider

from minimizer.analysis.resolution import find_all
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

LINE_LENGTH = black.Mode().line_length
INDENT_WIDTH = 4
SIMPLE_TARGET = m.Name() | m.Attribute(value=m.Name())
# The nodes of a value that evaluates without running any code the program
# defines: names, literals, and lists or tuples of them (a set would hash).
INERT_NODES = (
    cst.Name, cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.Ellipsis,
    cst.List, cst.Tuple, cst.Element, cst.Comma,
    cst.LeftSquareBracket, cst.RightSquareBracket, cst.LeftParen, cst.RightParen,
    cst.SimpleWhitespace, cst.ParenthesizedWhitespace, cst.TrailingWhitespace,
    cst.EmptyLine, cst.Newline, cst.Comment,
)  # fmt: skip
# Values whose evaluation suspends or binds a name are never moved before an
# assignment; a lambda is a definition and keeps a line of its own.
UNMERGEABLE_VALUE = m.Yield() | m.Await() | m.NamedExpr() | m.Lambda()


def _lone_assignment(line: cst.BaseStatement) -> cst.Assign | None:
    """The single ``target = value`` that is all of ``line``, in a mergeable shape."""
    one_target = m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(SIMPLE_TARGET)])])
    if not m.matches(line, one_target):
        return None
    assignment = line.body[0]
    unparenthesized_tuple = m.matches(assignment.value, m.Tuple(lpar=[]))
    if unparenthesized_tuple or find_all(assignment.value, UNMERGEABLE_VALUE):
        return None
    return assignment


def _names_in(node: cst.CSTNode) -> set[str]:
    return {name.value for name in find_all(node, m.Name())}


def _descendants(node: cst.CSTNode) -> list[cst.CSTNode]:
    found = [node]
    for child in node.children:
        found.extend(_descendants(child))
    return found


def _is_inert(value: cst.BaseExpression) -> bool:
    return all(isinstance(part, INERT_NODES) for part in _descendants(value))


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def merged_statement(lines: Sequence[cst.SimpleStatementLine]) -> cst.SimpleStatementLine:
    """``t1, t2, ... = v1, v2, ...`` in place of the run of ``lines``."""
    assignments = [line.body[0] for line in lines]
    last = len(assignments) - 1
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))

    def element(node: cst.BaseExpression, position: int) -> cst.Element:
        return cst.Element(node, comma=comma if position < last else cst.MaybeSentinel.DEFAULT)

    targets = cst.Tuple(
        [element(assignment.targets[0].target, i) for i, assignment in enumerate(assignments)],
        lpar=[],
        rpar=[],
    )
    values = cst.Tuple(
        [element(assignment.value, i) for i, assignment in enumerate(assignments)], lpar=[], rpar=[]
    )
    return lines[0].with_changes(body=[cst.Assign([cst.AssignTarget(targets)], values)])


def fits_on_one_line(statement: cst.SimpleStatementLine, depth: int) -> bool:
    """Whether black, at its default width, keeps ``statement`` on a single line."""
    code = cst.Module([statement]).code
    width = LINE_LENGTH - INDENT_WIDTH * depth
    return black.format_str(code, mode=black.Mode(line_length=width)).count("\n") == 1


class IndependentAssignmentMerger(SiteTransformer):
    """One site per run of two or more assignments that can become one."""

    METADATA_DEPENDENCIES = (ScopeProvider,)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.depth = 0

    def _private_to_its_scope(self, target: cst.BaseExpression) -> bool:
        """A name that no other scope reads or writes, so no call can see its value."""
        if not isinstance(target, cst.Name):
            return False
        scope = self.get_metadata(ScopeProvider, target, None)
        if scope is None:
            return False
        return all(
            assignment.scope is scope
            and all(access.scope is scope for access in assignment.references)
            for assignment in scope.assignments[target.value]
        )

    def _extends(
        self, run: list[cst.Assign], candidate: cst.Assign, line: cst.SimpleStatementLine
    ) -> bool:
        """Whether ``candidate`` can join ``run`` without anyone seeing the reordering."""
        if line.leading_lines or line.trailing_whitespace.comment is not None:
            return False  # a comment or blank line is the author's grouping
        earlier_targets = [assignment.targets[0].target for assignment in run]
        if _code(candidate.targets[0].target) in {_code(target) for target in earlier_targets}:
            return False  # the same target assigned twice
        earlier_names = set().union(*(_names_in(target) for target in earlier_targets))
        if _names_in(candidate.value) & earlier_names:
            return False
        return _is_inert(candidate.value) or all(
            self._private_to_its_scope(t) for t in earlier_targets
        )

    def _runs(self, body: Sequence[cst.BaseStatement]) -> list[tuple[int, int]]:
        """(start, stop) index ranges of the mergeable runs in ``body``, found greedily."""
        runs = []
        index = 0
        while index < len(body):
            stop = index + 1
            first = _lone_assignment(body[index])
            if first is not None and body[index].trailing_whitespace.comment is None:
                run = [first]
                while stop < len(body):
                    candidate = _lone_assignment(body[stop])
                    if candidate is None or not self._extends(run, candidate, body[stop]):
                        break
                    if not fits_on_one_line(merged_statement(body[index : stop + 1]), self.depth):
                        break
                    run.append(candidate)
                    stop += 1
            if stop - index > 1:
                runs.append((index, stop))
            index = stop
        return runs

    def _merge(
        self, original: Sequence[cst.BaseStatement], updated: Sequence[cst.BaseStatement]
    ) -> list[cst.BaseStatement]:
        merged: list[cst.BaseStatement] = []
        position = 0
        for start, stop in self._runs(original):
            merged.extend(updated[position:start])
            if self.take_site():
                merged.append(merged_statement(updated[start:stop]))
            else:
                merged.extend(updated[start:stop])
            position = stop
        merged.extend(updated[position:])
        return merged

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.depth += 1

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        body = self._merge(original_node.body, updated_node.body)
        self.depth -= 1
        return updated_node.with_changes(body=body)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        return updated_node.with_changes(body=self._merge(original_node.body, updated_node.body))


class MergeIndependentAssignments(CSTTransform):
    name = "merge_independent_assignments"
    safety = Safety.SAFE
    transformer = IndependentAssignmentMerger
