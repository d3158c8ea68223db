"""Module constants: names bound once, at module level, to a literal and never rebound.

Inlining a constant, folding arithmetic on constants and unrolling a loop of
``range(n_layer)`` with ``n_layer = 1`` all start from the same question, so
:func:`module_constants` answers it once. A name qualifies when it is bound
exactly once, by a top-level ``NAME = literal`` or one element of
``A, B = 1, 2``, to an int, float or str literal (or a negated number), and
every read resolves to that binding alone (no ``global`` rebinding, no
augmented assignment, no ``del``, no module-level read before the binding).
A read where a local of the same name shadows it means the local: it is not
one of the constant's reads.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst
import libcst.matchers as m
from libcst.metadata import Assignment, GlobalScope

from minimizer.analysis.bindings import is_shadowed
from minimizer.analysis.resolution import find_all

ParentOf = Callable[[cst.CSTNode], cst.CSTNode]

NUMBER = m.Integer() | m.Float()
LITERAL = NUMBER | m.SimpleString() | m.UnaryOperation(operator=m.Minus(), expression=NUMBER)


@dataclass(frozen=True)
class Constant:
    """A module-level name that only ever stands for one literal."""

    name: str
    binding: cst.Name
    literal: cst.BaseExpression
    statement: cst.SimpleStatementLine
    reads: tuple[cst.Name, ...]


def _literal_bound_to(binding: cst.Name, parent_of: ParentOf) -> cst.BaseExpression | None:
    """The literal that ``binding`` (an assignment target name) is bound to, if any."""
    parent = parent_of(binding)
    if isinstance(parent, cst.AssignTarget):
        assign = parent_of(parent)
        value = assign.value if m.matches(assign, m.Assign(targets=[m.AssignTarget()])) else None
    elif isinstance(parent, cst.Element) and isinstance(target := parent_of(parent), cst.Tuple):
        assign_target = parent_of(target)
        assign = parent_of(assign_target)
        if not m.matches(
            assign, m.Assign(targets=[m.AssignTarget(target=m.Tuple())], value=m.Tuple())
        ):
            return None
        targets, values = assign.targets[0].target.elements, assign.value.elements
        if len(targets) != len(values) or any(
            isinstance(e, cst.StarredElement) for e in (*targets, *values)
        ):
            return None
        value = values[[element.value for element in targets].index(binding)].value
    else:
        return None
    return value if value is not None and m.matches(value, LITERAL) else None


def _top_statement(node: cst.CSTNode, parent_of: ParentOf) -> cst.CSTNode:
    while not isinstance(parent := parent_of(node), cst.Module):
        node = parent
    return node


def module_constants(
    module: cst.Module,
    scope: GlobalScope,
    parent_of: ParentOf,
    scope_of: Callable[[cst.CSTNode], object],
) -> list[Constant]:
    """Every module-level name of ``module`` bound once to a literal and read only as that literal."""
    rebound_elsewhere = {
        name.value
        for node in find_all(module, m.Global() | m.Del())
        for name in find_all(node, m.Name())
    }
    top_statements = list(module.body)
    constants = []
    for name in sorted({assignment.name for assignment in scope.assignments}):
        assignments = list(scope.assignments[name])
        if name in rebound_elsewhere or len(assignments) != 1:
            continue
        assignment = assignments[0]
        binding = assignment.node
        if not isinstance(assignment, Assignment) or not isinstance(binding, cst.Name):
            continue
        literal = _literal_bound_to(binding, parent_of)
        statement = _top_statement(binding, parent_of)
        if literal is None or not isinstance(statement, cst.SimpleStatementLine):
            continue
        reads = [access.node for access in assignment.references]
        if not all(
            isinstance(read, cst.Name) and len(access.referents) == 1
            for read, access in zip(reads, assignment.references)
        ):
            continue
        # libcst credits a read to the global even where a local shadows it: such a
        # read means the local, so it is no read of the constant.
        reads = [read for read in reads if not is_shadowed(scope_of(read), name)]
        position = top_statements.index(statement)
        if any(
            scope_of(read) is scope
            and top_statements.index(_top_statement(read, parent_of)) <= position
            for read in reads
        ):
            continue  # read before it is bound: the program relies on the NameError
        constants.append(Constant(name, binding, literal, statement, tuple(reads)))
    return constants


def number_value(node: cst.CSTNode) -> int | float | None:
    """The value of a number literal (``2``, ``.5``, ``-1``), else None."""
    if not m.matches(node, NUMBER | m.UnaryOperation(m.Minus(), NUMBER)):
        return None
    value = ast.literal_eval(cst.Module([]).code_for_node(node))
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def constant_reads(
    module: cst.Module,
    scope: GlobalScope,
    parent_of: ParentOf,
    scope_of: Callable[[cst.CSTNode], object],
) -> dict[int, int | float]:
    """For every read of a module constant bound to a number: id(read) -> that number."""
    values: dict[int, int | float] = {}
    for constant in module_constants(module, scope, parent_of, scope_of):
        value = number_value(constant.literal)
        if value is not None:
            values.update({id(read): value for read in constant.reads})
    return values
