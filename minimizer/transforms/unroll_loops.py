"""Replace a loop that runs exactly once by its body.

Configurable programs loop over ``range(n_layer)`` with ``n_layer = 1``: the
loop header, its indentation and the index are pure overhead. A
``for NAME in range(K)`` whose ``K`` is the literal ``1`` (or a module-level
name bound once to ``1``, see :func:`~minimizer.analysis.constants.module_constants`)
becomes its body, with ``NAME`` read as ``0``. It is refused when the loop has
an ``else:`` clause, a ``break``/``continue`` of its own, rebinds ``NAME`` in its
body or reads it from a nested function or generator (they may run later, when
the name has another value). When
``NAME`` may still be read after the loop, a ``NAME = 0`` keeps it bound.

A list comprehension ``[E for NAME in range(K)]`` with the same ``K`` and an
``E`` that does not mention ``NAME`` becomes ``[E]``.

RISKY: the loop variable is now a literal and the body runs in a different
block, so the verifier decides. One site per loop or comprehension.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    ClassScope,
    ComprehensionScope,
    GlobalScope,
    QualifiedNameProvider,
    Scope,
    ScopeProvider,
)

from minimizer.analysis.constants import module_constants
from minimizer.analysis.resolution import ParentProvider, find_all
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

RANGE_OF_ONE_ARGUMENT = m.Call(func=m.Name("range"), args=[m.Arg(keyword=None, star="")])

#: Nodes below which a ``break``/``continue`` belongs to another loop or function.
OWN_LOOP_ENDS = (cst.For, cst.While, cst.FunctionDef, cst.ClassDef, cst.Lambda)

#: Expressions that must not move out of a comprehension's scope.
SCOPE_SENSITIVE = m.NamedExpr() | m.Yield() | m.Await()


class _JumpFinder(cst.CSTVisitor):
    """Finds a ``break`` or ``continue`` that would leave the loop being unrolled."""

    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.Break, cst.Continue)):
            self.found = True
        return not isinstance(node, OWN_LOOP_ENDS) and not self.found


def _has_own_jump(body: cst.BaseSuite) -> bool:
    finder = _JumpFinder()
    body.visit(finder)
    return finder.found


def _statements_of(body: cst.BaseSuite) -> list[cst.BaseStatement]:
    if isinstance(body, cst.IndentedBlock):
        return list(body.body)
    return [cst.SimpleStatementLine(body=body.body)]


class _LoopUnroller(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentProvider, QualifiedNameProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.names_equal_to_one: set[cst.Name] = set()
        self.zero_reads: set[cst.Name] = set()
        #: Chosen loops -> whether their variable must stay bound after them.
        self.chosen_loops: dict[cst.For, bool] = {}
        self.chosen_comprehensions: set[cst.ListComp] = set()

    def visit_Module(self, node: cst.Module) -> None:
        scope = self.get_metadata(ScopeProvider, node)
        assert isinstance(scope, GlobalScope)
        constants = module_constants(
            node,
            scope,
            lambda n: self.get_metadata(ParentProvider, n),
            lambda n: self.get_metadata(ScopeProvider, n, None),
        )
        for constant in constants:
            if m.matches(constant.literal, m.Integer()) and constant.literal.evaluated_value == 1:
                self.names_equal_to_one.update(constant.reads)

    def _runs_once(self, iterable: cst.BaseExpression) -> bool:
        """Is ``iterable`` the builtin ``range`` called with a count known to be 1?"""
        if not m.matches(iterable, RANGE_OF_ONE_ARGUMENT):
            return False
        qualified = {q.name for q in self.get_metadata(QualifiedNameProvider, iterable.func, set())}
        if qualified != {"builtins.range"}:
            return False
        count = iterable.args[0].value
        if isinstance(count, cst.Integer):
            return count.evaluated_value == 1
        return count in self.names_equal_to_one

    # -- loops ---------------------------------------------------------------------

    def visit_For(self, node: cst.For) -> None:
        plan = self._unroll_plan(node)
        if plan is not None and self.take_site():
            keep_binding, reads = plan
            self.chosen_loops[node] = keep_binding
            self.zero_reads.update(reads)

    def _unroll_plan(self, loop: cst.For) -> tuple[bool, list[cst.Name]] | None:
        """Whether the loop variable must stay bound, and its reads in the body; None to refuse."""
        if loop.asynchronous or loop.orelse is not None or not isinstance(loop.target, cst.Name):
            return None
        if not self._runs_once(loop.iter) or _has_own_jump(loop.body):
            return None
        scope = self.get_metadata(ScopeProvider, loop)
        name = loop.target.value
        in_body = {id(node) for node in find_all(loop.body, m.Name(name))}
        assignments = scope.assignments[name]
        if any(id(assignment.node) in in_body for assignment in assignments):
            return None
        loop_binding = next(a for a in assignments if a.node is loop.target)
        reads, keep_binding = [], False
        for access in loop_binding.references:
            read = access.node
            if id(read) in in_body:
                if not self._read_right_away(read, scope) or not isinstance(read, cst.Name):
                    return None
                reads.append(read)
            elif not (
                self._bound_locally(read, name, scope)
                or self._rebound_by_enclosing_loop(read, name, scope)
            ):
                keep_binding = True
        return keep_binding, reads

    def _read_right_away(self, read: cst.CSTNode, scope: Scope) -> bool:
        """Is ``read`` evaluated in ``scope`` as its statement runs (directly, or in a list,
        set or dict comprehension), not later from a function or generator?"""
        read_scope = self.get_metadata(ScopeProvider, read)
        while read_scope is not scope:
            if not isinstance(read_scope, ComprehensionScope) or isinstance(
                read_scope.node, cst.GeneratorExp
            ):
                return False
            read_scope = read_scope.parent
        return True

    def _bound_locally(self, read: cst.CSTNode, name: str, scope: Scope) -> bool:
        """Does a scope nested in ``scope`` bind ``name`` itself, so that ``read`` sees that
        binding? (The scope analysis links such reads to outer bindings as well.)"""
        read_scope = self.get_metadata(ScopeProvider, read, None)
        while read_scope is not None and read_scope is not scope:
            if name in read_scope.assignments:
                return True
            read_scope = read_scope.parent
        return False

    def _rebound_by_enclosing_loop(self, read: cst.CSTNode, name: str, scope: Scope) -> bool:
        """Is ``read`` inside the body of another ``for`` that binds ``name`` in ``scope``?
        Such a read always sees that loop's value, never the unrolled one."""
        child, node = read, self.get_metadata(ParentProvider, read)
        while not isinstance(node, cst.Module) and self.get_metadata(ScopeProvider, node) is scope:
            if (
                isinstance(node, cst.For)
                and child is node.body
                and find_all(node.target, m.Name(name))
            ):
                return True
            child, node = node, self.get_metadata(ParentProvider, node)
        return False

    def leave_For(
        self, original_node: cst.For, updated_node: cst.For
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        if original_node not in self.chosen_loops:
            return updated_node
        statements = _statements_of(updated_node.body)
        if self.chosen_loops[original_node]:
            zero = cst.Assign(
                targets=[cst.AssignTarget(updated_node.target)], value=cst.Integer("0")
            )
            statements.insert(0, cst.SimpleStatementLine(body=[zero]))
        statements[0] = statements[0].with_changes(leading_lines=updated_node.leading_lines)
        return cst.FlattenSentinel(statements)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if original_node not in self.zero_reads:
            return updated_node
        parent = self.get_metadata(ParentProvider, original_node)
        if isinstance(parent, cst.Attribute) and parent.value is original_node:
            return cst.Integer("0", lpar=[cst.LeftParen()], rpar=[cst.RightParen()])  # ``0 .x``
        return cst.Integer("0")

    # -- comprehensions ---------------------------------------------------------------

    def visit_ListComp(self, node: cst.ListComp) -> None:
        if self._collapsible(node) and self.take_site():
            self.chosen_comprehensions.add(node)

    def _collapsible(self, comprehension: cst.ListComp) -> bool:
        loop = comprehension.for_in
        if loop.asynchronous or loop.ifs or loop.inner_for_in is not None:
            return False
        if not isinstance(loop.target, cst.Name) or not self._runs_once(loop.iter):
            return False
        element = comprehension.elt
        if find_all(element, m.Name(loop.target.value) | SCOPE_SENSITIVE):
            return False
        # A class body's names are invisible from a comprehension but not from a list display.
        return not isinstance(self.get_metadata(ScopeProvider, comprehension), ClassScope)

    def leave_ListComp(
        self, original_node: cst.ListComp, updated_node: cst.ListComp
    ) -> cst.BaseExpression:
        if original_node not in self.chosen_comprehensions:
            return updated_node
        return cst.List(
            elements=[cst.Element(updated_node.elt)],
            lbracket=updated_node.lbracket,
            rbracket=updated_node.rbracket,
            lpar=updated_node.lpar,
            rpar=updated_node.rpar,
        )


class UnrollLoops(CSTTransform):
    name = "unroll_loops"
    safety = Safety.RISKY
    transformer = _LoopUnroller
