"""Fold ``N = A`` into the next statement ``N = B`` when ``B`` reads ``N`` once.

Numeric code rebinds one working variable step by step: ``x = [t + p for ...]``
then ``x = rmsnorm(x)``. The first value is only ever seen by the second
statement, so it can be written where that statement reads it:
``x = rmsnorm([t + p for ...])``. Chains fold one pair per round.

A pair qualifies when both are plain single-target assignments to the same
name, adjacent in one block (on one line or on consecutive lines), ``B`` reads
the name exactly once, and that read is evaluated right away and
unconditionally: in the statement's own scope (a comprehension's first iterable
counts, its other parts do not), not in an f-string, not in the arms of
``and``/``or``/``if else`` or a later link of a comparison chain. No other scope
may read the name at all (a function called by ``B`` could see the first value).

RISKY: ``A`` now runs after whatever ``B`` evaluates before the read, so the
verifier decides. One site per pair.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import Scope, ScopeProvider

from minimizer.analysis.expressions import is_conditional_part
from minimizer.analysis.resolution import ParentProvider, find_all
from minimizer.transforms.base import CSTTransform, Safety, ValueMover

ASSIGN_TO_NAME = m.Assign(targets=[m.AssignTarget(target=m.Name())])


class _AssignmentFolder(ValueMover):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        #: Each chosen first assignment -> the read its value replaces.
        self.read_for_folded: dict[cst.Assign, cst.Name] = {}

    def visit_Module(self, node: cst.Module) -> None:
        self._propose(node.body)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._propose(node.body)

    def _propose(self, statements: tuple[cst.BaseStatement, ...] | list[cst.BaseStatement]) -> None:
        previous: cst.BaseSmallStatement | None = None
        for statement in statements:
            if not isinstance(statement, cst.SimpleStatementLine):
                previous = None  # a compound statement breaks adjacency
                continue
            for small in statement.body:
                read = self._foldable_read(previous, small) if previous is not None else None
                if read is not None and self.take_site():
                    self.read_for_folded[previous] = read  # type: ignore[index]
                previous = small

    def _foldable_read(
        self, first: cst.BaseSmallStatement, second: cst.BaseSmallStatement
    ) -> cst.Name | None:
        """The one read of the name in ``second`` that ``first``'s value may replace."""
        if not (m.matches(first, ASSIGN_TO_NAME) and m.matches(second, ASSIGN_TO_NAME)):
            return None
        name = first.targets[0].target.value  # type: ignore[attr-defined]
        if second.targets[0].target.value != name:  # type: ignore[attr-defined]
            return None
        scope = self.get_metadata(ScopeProvider, first)
        references = list(
            {
                id(access.node): access.node
                for binding in scope.assignments[name]
                for access in binding.references
            }.values()
        )
        if any(self.get_metadata(ScopeProvider, read) is not scope for read in references):
            return None  # another scope could see the first value
        in_value = {id(node) for node in find_all(second.value, m.Name(name))}  # type: ignore[attr-defined]
        reads = [read for read in references if id(read) in in_value]
        if len(reads) != 1 or not isinstance(reads[0], cst.Name):
            return None
        return reads[0] if self._evaluated_right_away(reads[0], second, scope) else None

    def _evaluated_right_away(self, read: cst.Name, statement: cst.CSTNode, scope: Scope) -> bool:
        child: cst.CSTNode = read
        parent = self.get_metadata(ParentProvider, child)
        while parent is not statement:
            if isinstance(parent, cst.FormattedString) or is_conditional_part(parent, child):
                return False
            child, parent = parent, self.get_metadata(ParentProvider, parent)
        return True

    def leave_Assign(
        self, original_node: cst.Assign, updated_node: cst.Assign
    ) -> cst.Assign | cst.RemovalSentinel:
        read = self.read_for_folded.get(original_node)
        return updated_node if read is None else self.hold_for(read, updated_node.value)


class FoldAssignments(CSTTransform):
    name = "fold_assignments"
    safety = Safety.RISKY
    restructures = True
    transformer = _AssignmentFolder
