"""Index the sequence instead of a slice of it: ``w=q[g:g+4];f(w[j])`` -> ``f(q[g+j])``.

A name bound to a slice ``Q[S:E]`` and read only as ``w[I]`` needs no copy:
``w[I]`` is ``Q[S+I]``. The same holds for a list of slices
``o=[a[S:E]for a in Q]`` read only as ``len(o)`` (``len(Q)``), ``o[i][j]``
(``Q[i][S+j]``) and as the iterable of a comprehension whose variable is read
only as ``t[j]`` (iterate ``Q``, read ``t[S+j]``). The binding goes.

RISKY: the rewrite is right only while every index lies in ``0..E-S`` and ``Q``
is not changed between the binding and the reads; the verifier judges. The
reads must all be in later statements of the binding's own block, the name
must occur nowhere else in its scope, no statement up to the last read may
rebind ``Q`` or a name of ``S``, and ``S`` and ``E`` may be only names, numbers
and arithmetic (dropping ``E`` must drop no call).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import (
    BlockRewriter,
    bound_names,
    calls_builtin,
    variable_names,
)
from minimizer.transforms.base import CSTTransform, Safety, ScopeCountingTransformer

#: What a bound may be made of: evaluating it can call nothing.
ARITHMETIC = (cst.Name, cst.Integer, cst.BinaryOperation, cst.UnaryOperation)
#: Right operands of ``S+I`` that need no parentheses.
TIGHT = (cst.Name, cst.Integer, cst.Call, cst.Subscript, cst.Attribute)
TIGHT_OPERATORS = (cst.Multiply, cst.Divide, cst.FloorDivide, cst.Modulo, cst.Power)
LOOSE_OPERATORS = TIGHT_OPERATORS + (cst.Add, cst.Subtract)


def _plain_slice(node: cst.BaseExpression) -> tuple[cst.BaseExpression, cst.Slice] | None:
    """``(Q, slice)`` for ``Q[S:E]`` with one step-less slice of arithmetic bounds."""
    if not isinstance(node, cst.Subscript) or len(node.slice) != 1:
        return None
    part = node.slice[0].slice
    if not isinstance(part, cst.Slice) or part.step is not None:
        return None
    for bound in (part.lower, part.upper):
        if bound is not None and not _arithmetic(bound):
            return None
    return node.value, part


class _Arithmetic(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.only = True

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.BaseExpression) and not isinstance(node, ARITHMETIC):
            self.only = False
        return self.only


def _arithmetic(node: cst.BaseExpression) -> bool:
    """Whether ``node`` is made of names, integers and operators only."""
    visitor = _Arithmetic()
    node.visit(visitor)
    return visitor.only


def _single_index(node: cst.CSTNode, name: str) -> cst.BaseExpression | None:
    """``I`` when ``node`` is ``name[I]`` with one plain index that is not negated."""
    if not m.matches(node, m.Subscript(value=m.Name(name), slice=[m.SubscriptElement(m.Index())])):
        return None
    index = node.slice[0].slice.value
    return None if isinstance(index, cst.UnaryOperation) else index


def _wrapped(node: cst.BaseExpression, operators: tuple[type, ...]) -> cst.BaseExpression:
    """``node`` in parentheses unless it is tight or an operation of ``operators``."""
    if (
        node.lpar
        or isinstance(node, TIGHT)
        or (isinstance(node, cst.BinaryOperation) and isinstance(node.operator, operators))
    ):
        return node
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _shifted(lower: cst.BaseExpression | None, index: cst.BaseExpression) -> cst.BaseExpression:
    """``lower+index`` with the parentheses that keep each part whole."""
    if lower is None:
        return index
    return cst.BinaryOperation(
        left=_wrapped(lower.deep_clone(), LOOSE_OPERATORS),
        operator=cst.Add(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
        ),
        right=_wrapped(index, TIGHT_OPERATORS),
    )


def _indexed(value: cst.BaseExpression, at: cst.BaseExpression) -> cst.Subscript:
    return cst.Subscript(value=value, slice=[cst.SubscriptElement(cst.Index(at))])


def _index_of(node: cst.Subscript) -> cst.BaseExpression:
    return node.slice[0].slice.value


ROW_OF_ROWS = m.Subscript(
    value=m.Subscript(value=m.Name(), slice=[m.SubscriptElement(m.Index())]),
    slice=[m.SubscriptElement(m.Index())],
)


class _ReadRewriter(cst.CSTTransformer):
    """Rewrites the reads of ``name`` in one statement, counting them.

    ``rows`` are the variables of comprehensions that iterate ``name`` (a list of
    slices): they become rows of the source, read as ``t[S+j]``."""

    def __init__(
        self, name: str, source: cst.Name, lower: cst.BaseExpression | None,
        rows: set[str] | None, aliases: dict[str, str],
    ) -> None:  # fmt: skip
        super().__init__()
        self.name, self.source, self.lower = name, source, lower
        self.rows, self.aliases = rows, aliases
        self.rewritten = self.row_reads = 0

    def _is_self(self, node: cst.CSTNode) -> bool:
        return isinstance(node, cst.Name) and node.value == self.name

    def leave_CompFor(self, original_node: cst.CompFor, updated_node: cst.CompFor) -> cst.CompFor:
        if self.rows is not None and self._is_self(original_node.iter):
            self.rewritten += 1
            return updated_node.with_changes(iter=self.source.deep_clone())
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if (
            self.rows is not None
            and calls_builtin(original_node, self.aliases, "len")
            and len(original_node.args) == 1
            and self._is_self(original_node.args[0].value)
        ):
            self.rewritten += 1
            argument = updated_node.args[0].with_changes(value=self.source.deep_clone())
            return updated_node.with_changes(args=[argument])
        return updated_node

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.BaseExpression:
        if self.rows is None:
            if _single_index(original_node, self.name) is None:
                return updated_node
            self.rewritten += 1
            return _indexed(self.source.deep_clone(), _shifted(self.lower, _index_of(updated_node)))
        if any(_single_index(original_node, row) is not None for row in self.rows):
            self.row_reads += 1
            return _indexed(updated_node.value, _shifted(self.lower, _index_of(updated_node)))
        if m.matches(original_node, ROW_OF_ROWS) and self._is_self(original_node.value.value):
            self.rewritten += 1
            row = _indexed(self.source.deep_clone(), _index_of(updated_node.value))
            return _indexed(row, _shifted(self.lower, _index_of(updated_node)))
        return updated_node


#: A statement that writes into something: through a slice's name it would write the source.
STORES = m.AssignTarget(target=~m.Name()) | m.AugAssign(target=~m.Name()) | m.Del()


class _SliceIndexer(BlockRewriter, ScopeCountingTransformer):
    skip_class_bodies = True

    def _binding(self, item: cst.CSTNode) -> tuple[str, cst.BaseExpression, cst.Slice, bool] | None:
        """``(name, Q, slice, of_rows)`` for ``w=Q[S:E]`` or ``o=[a[S:E]for a in Q]``."""
        if not m.matches(item, m.Assign(targets=[m.AssignTarget(target=m.Name())])):
            return None
        name, value = item.targets[0].target.value, item.value
        found = _plain_slice(value)
        if found is not None:
            source, part = found
            return (name, source, part, False) if isinstance(source, cst.Name) else None
        if not m.matches(
            value, m.ListComp(for_in=m.CompFor(target=m.Name(), ifs=[], inner_for_in=None))
        ):
            return None
        row = value.for_in.target.value
        found = _plain_slice(value.elt)
        if found is None or not m.matches(found[0], m.Name(row)):
            return None
        if not isinstance(value.for_in.iter, cst.Name) or value.for_in.asynchronous:
            return None
        if any(name.value == row for name in find_all(found[1], m.Name())):
            return None
        return name, value.for_in.iter, found[1], True

    def rewrite_block(self, items: list[cst.CSTNode]) -> dict[int, cst.CSTNode | None]:
        current: list[cst.CSTNode | None] = list(items)
        for position, item in enumerate(items):
            found = self._binding(item)
            if found is None:
                continue
            name, source, part, of_rows = found
            later = [statement or cst.Pass() for statement in current[position + 1 :]]
            result = self._reads(later, name, source, part, of_rows)
            if result is None or not self.take_site():
                continue
            current[position] = None
            for offset, rewritten in result.items():
                current[position + 1 + offset] = rewritten
        return {
            position: statement
            for position, statement in enumerate(current)
            if statement is not items[position]
        }

    def _reads(
        self, later: list[cst.CSTNode], name: str, source: cst.Name,
        part: cst.Slice, of_rows: bool,
    ) -> dict[int, cst.CSTNode] | None:  # fmt: skip
        """The later statements that read ``name``, rewritten; ``None`` to refuse."""
        kept = {source.value, name}
        if part.lower is not None:
            kept |= {found.value for found in find_all(part.lower, m.Name())}
        reads = self.counts[-1][name] - 1
        seen = 0
        rewritten: dict[int, cst.CSTNode] = {}
        for offset, statement in enumerate(later):
            if seen == reads:
                break
            if bound_names(statement) & kept or find_all(statement, STORES):
                return None
            uses = sum(found.value == name for found in variable_names(statement))
            if not uses:
                continue
            rows = None
            if of_rows:
                loops = find_all(statement, m.CompFor(iter=m.Name(name)))
                if not all(isinstance(loop.target, cst.Name) for loop in loops):
                    return None
                rows = {loop.target.value for loop in loops}
                if rows & kept:
                    return None
            reader = _ReadRewriter(name, source, part.lower, rows, self.aliases)
            new = statement.visit(reader)
            row_names = sum(found.value in (rows or ()) for found in variable_names(statement))
            if reader.rewritten != uses or row_names != len(rows or ()) + reader.row_reads:
                return None
            seen += uses
            rewritten[offset] = new
        return rewritten if seen == reads and rewritten else None


class IndexThroughSlices(CSTTransform):
    name = "index_through_slices"
    safety = Safety.RISKY
    transformer = _SliceIndexer
