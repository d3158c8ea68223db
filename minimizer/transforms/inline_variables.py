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
from libcst.metadata import ClassScope, ParentNodeProvider, Scope, ScopeProvider

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

#: Builtins that read bindings by name, out of the scope analysis's sight.
DYNAMIC_LOOKUPS = frozenset({"eval", "exec", "globals", "locals", "vars", "dir"})

#: Expressions that bind tighter than any operator, so they can stand anywhere.
PRIMARY = (
    m.Name()
    | m.Attribute()
    | m.Call()
    | m.Subscript()
    | m.SimpleString()
    | m.ConcatenatedString()
    | m.List()
    | m.Dict()
    | m.Set()
    | m.ListComp()
    | m.SetComp()
    | m.DictComp()
)

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


#: Places that hold a whole expression, where only a few kinds need parentheses.
WHOLE_EXPRESSION_SLOT = (
    m.Arg(keyword=None, star="")
    | m.Element()
    | m.Index()
    | m.Assign()
    | m.Return()
    | m.Expr()
    | m.DictElement()
)
NEEDS_PARENTHESES_EVEN_ALONE = m.Tuple() | m.Yield() | m.NamedExpr() | m.StarredElement()


def _wrapped(value: cst.BaseExpression, place: cst.CSTNode, in_fstring: bool) -> cst.BaseExpression:
    """``value`` ready to stand at ``place`` (the read's parent), parenthesised if it may need it."""
    if value.lpar:
        return value
    if not in_fstring and (
        m.matches(value, PRIMARY)
        or (
            m.matches(place, WHOLE_EXPRESSION_SLOT)
            and not m.matches(value, NEEDS_PARENTHESES_EVEN_ALONE)
        )
    ):
        return value
    return value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


class _VariableInliner(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentNodeProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.enabled = False
        #: Each chosen assignment line -> the one read of its variable.
        self.chosen_lines: dict[cst.SimpleStatementLine, cst.Name] = {}
        #: Each such read -> the (already rewritten) value to put there.
        self.values: dict[cst.Name, cst.BaseExpression] = {}
        self.read_places: dict[cst.Name, cst.CSTNode] = {}
        self.reads_in_fstrings: set[cst.Name] = set()

    def visit_Module(self, node: cst.Module) -> None:
        scopes = {s for s in self.metadata[ScopeProvider].values() if s is not None}
        self.enabled = not any(
            m.matches(access.node, m.Name()) and access.node.value in DYNAMIC_LOOKUPS
            for scope in scopes
            for access in scope.accesses
        )

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        read = self._single_next_read(node) if self.enabled else None
        if read is not None and self.take_site():
            self.chosen_lines[node] = read
            self.read_places[read] = self.get_metadata(ParentNodeProvider, read)

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.RemovalSentinel:
        read = self.chosen_lines.get(original_node)
        if read is None:
            return updated_node
        # The read comes later in the traversal, so the value waits for it.
        self.values[read] = cst.ensure_type(updated_node.body[0], cst.Assign).value
        return cst.RemoveFromParent()

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        value = self.values.get(original_node)
        if value is None:
            return updated_node
        # In an f-string even a display needs parentheses: ``{{`` would be an escape.
        return _wrapped(
            value, self.read_places[original_node], original_node in self.reads_in_fstrings
        )

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
            if not self._fits_in_fstring(assignment.value, fstring):
                return None
            self.reads_in_fstrings.add(read)
        return read

    def _next_statement(self, line: cst.SimpleStatementLine) -> cst.BaseStatement | None:
        block = self.get_metadata(ParentNodeProvider, line)
        statements = list(block.body)
        position = statements.index(line) + 1
        return statements[position] if position < len(statements) else None

    def _evaluated_once_within(self, read: cst.Name, statement: cst.BaseStatement) -> bool:
        child: cst.CSTNode = read
        parent = self.get_metadata(ParentNodeProvider, child)
        while parent is not statement:
            if isinstance(parent, cst.CompFor) and child is parent.iter:
                # A comprehension's first iterable is evaluated once, where it stands.
                comprehension = self.get_metadata(ParentNodeProvider, parent)
                if isinstance(comprehension, cst.BaseComp) and comprehension.for_in is parent:
                    child, parent = comprehension, self.get_metadata(
                        ParentNodeProvider, comprehension
                    )
                    continue
            if isinstance(parent, SEPARATING) or self._is_conditional_part(parent, child):
                return False
            child, parent = parent, self.get_metadata(ParentNodeProvider, parent)
        return not m.matches(statement, m.While())

    def _enclosing_fstring(
        self, read: cst.Name, statement: cst.BaseStatement
    ) -> cst.FormattedString | None:
        node = self.get_metadata(ParentNodeProvider, read)
        while node is not statement:
            if isinstance(node, cst.FormattedString):
                return node
            node = self.get_metadata(ParentNodeProvider, node)
        return None

    @staticmethod
    def _fits_in_fstring(value: cst.BaseExpression, fstring: cst.FormattedString) -> bool:
        """Before Python 3.12 an f-string field cannot reuse its quote or hold a backslash."""
        code = cst.Module(body=[]).code_for_node(value)
        return not any(c in code for c in (fstring.quote[0], "\\", "\n", "#"))

    @staticmethod
    def _is_conditional_part(parent: cst.CSTNode, child: cst.CSTNode) -> bool:
        """Is ``child`` evaluated only when earlier parts of ``parent`` allow it?"""
        if isinstance(parent, cst.BooleanOperation):
            return child is parent.right
        if isinstance(parent, cst.IfExp):
            return child is not parent.test
        if isinstance(parent, cst.Comparison):  # ``a < b < c`` stops early
            return child is not parent.left and child is not parent.comparisons[0]
        if isinstance(parent, cst.Assert):
            return child is parent.msg
        return False


class InlineVariables(CSTTransform):
    name = "inline_variables"
    safety = Safety.RISKY
    restructures = True
    transformer = _VariableInliner
