"""Replace a variable that is written once and read once by its value.

``probs = softmax(logits)`` followed by ``loss = -probs[t].log()`` costs a name,
an ``=`` and a line; ``loss = -softmax(logits)[t].log()`` says the same thing.
The rewrite is only proposed where the value is still evaluated exactly once
and at nearly the same moment:

* the assignment is a plain ``name = value`` statement, the only binding of
  ``name`` in a function or module scope, and ``name`` is read exactly once;
* the read is in the very next statement of the same block, and not inside a
  loop body or ``while`` test, a comprehension, a lambda, a nested block, or a
  part that is evaluated only sometimes (``and``/``or`` right-hand sides,
  ``x if c else y`` arms, later links of a comparison chain, assert messages).

It is still RISKY: within that next statement, the value now runs after
whatever is evaluated before the read (``g() + x`` becomes ``g() + f()``).
The moved value is wrapped in parentheses unless it is a primary expression
(name, call, subscript, attribute, display); ``drop_parentheses`` removes the
ones the grammar does not need.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ClassScope, Scope, ScopeProvider

from minimizer.analysis.expressions import fits_in_fstring, is_conditional_part
from minimizer.analysis.refusal import reaches_names_dynamically
from minimizer.analysis.resolution import ParentProvider
from minimizer.transforms.base import CSTTransform, Safety, ValueMover

#: Nodes between the read and its statement that mean "evaluated more than once,
#: later, elsewhere, or maybe not at all".
SEPARATING = (
    cst.BaseSuite,
    cst.BaseStatement,
    cst.Else,
    cst.ExceptHandler,
    cst.Finally,
    cst.Lambda,
    cst.CompFor,
    cst.BaseComp,
    cst.Del,
)


class _VariableInliner(ValueMover):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.enabled = False
        #: Each chosen assignment line -> the one read of its variable.
        self.chosen_lines: dict[cst.SimpleStatementLine, cst.Name] = {}

    def visit_Module(self, node: cst.Module) -> None:
        self.enabled = reaches_names_dynamically(node) is None

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        read = self._single_next_read(node) if self.enabled else None
        if read is not None and self.take_site():
            self.chosen_lines[node] = read

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.RemovalSentinel:
        read = self.chosen_lines.get(original_node)
        if read is None:
            return updated_node
        return self.hold_for(read, cst.ensure_type(updated_node.body[0], cst.Assign).value)

    # -- choosing candidates ------------------------------------------------------

    def _scope(self, node: cst.CSTNode) -> Scope:
        return self.get_metadata(ScopeProvider, node)

    def _single_next_read(self, line: cst.SimpleStatementLine) -> cst.Name | None:
        """The one read of the variable ``line`` assigns, if it may be inlined."""
        if not m.matches(
            line, m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(m.Name())])])
        ):
            return None
        assignment = line.body[0]
        scope = self._scope(assignment)
        bindings = scope.assignments[cst.ensure_type(assignment.targets[0].target, cst.Name).value]
        if isinstance(scope, ClassScope) or len(bindings) != 1:
            return None
        references = next(iter(bindings)).references
        if len(references) != 1:
            return None
        read = next(iter(references)).node
        following = self._next_statement(line)
        if not isinstance(read, cst.Name) or following is None or self._scope(read) is not scope:
            return None
        if not self._evaluated_once_within(read, following):
            return None
        fstring = self._enclosing_fstring(read, following)
        if fstring is not None:
            if not fits_in_fstring(assignment.value, fstring):
                return None
            self.reads_in_fstrings.add(read)
        return read

    def _next_statement(self, line: cst.SimpleStatementLine) -> cst.BaseStatement | None:
        block = self.get_metadata(ParentProvider, line)
        statements = list(block.body)
        position = statements.index(line) + 1
        return statements[position] if position < len(statements) else None

    def _evaluated_once_within(self, read: cst.Name, statement: cst.BaseStatement) -> bool:
        child: cst.CSTNode = read
        parent = self.get_metadata(ParentProvider, child)
        while parent is not statement:
            if isinstance(parent, cst.CompFor) and child is parent.iter:
                # A comprehension's first iterable is evaluated once, where it stands.
                comprehension = self.get_metadata(ParentProvider, parent)
                if isinstance(comprehension, cst.BaseComp) and comprehension.for_in is parent:
                    child, parent = comprehension, self.get_metadata(ParentProvider, comprehension)
                    continue
            if isinstance(parent, SEPARATING) or is_conditional_part(parent, child):
                return False
            child, parent = parent, self.get_metadata(ParentProvider, parent)
        return not m.matches(statement, m.While())

    def _enclosing_fstring(
        self, read: cst.Name, statement: cst.BaseStatement
    ) -> cst.FormattedString | None:
        node = self.get_metadata(ParentProvider, read)
        while node is not statement:
            if isinstance(node, cst.FormattedString):
                return node
            node = self.get_metadata(ParentProvider, node)
        return None


class InlineVariables(CSTTransform):
    name = "inline_variables"
    safety = Safety.RISKY
    restructures = True
    transformer = _VariableInliner
