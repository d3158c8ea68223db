"""Write a module-level constant's literal where it is read, and drop its name.

``n_head = 4`` costs the assignment and then a name at every read; once names
are one letter long, a constant read once or twice (or a one-digit one read a
few times) is cheaper spelled out. A name qualifies when it is bound exactly
once, by a top-level ``NAME = literal`` or one element of ``A, B = 1, 2``, to an
int, float or str literal (or a negated number), and every read resolves to that
binding alone (no ``global`` rebinding, no augmented assignment, no ``del``, no
module-level read before the binding). Programs that reach names as strings
(see :func:`minimizer.names.refuses_renaming`) are left alone.

The saving is judged as if the name were already one letter long, which the
renaming transforms later make it: inlining that only pays because the name is
long now would cost characters in the end. SAFE: a literal evaluates to the same
immutable value wherever it stands. One site per constant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    Assignment,
    ClassScope,
    GlobalScope,
    ParentNodeProvider,
    Scope,
    ScopeProvider,
)

from minimizer.names import refuses_renaming
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

NUMBER = m.Integer() | m.Float()
LITERAL = NUMBER | m.SimpleString() | m.UnaryOperation(operator=m.Minus(), expression=NUMBER)

#: The length the renaming transforms give a module-level name.
RENAMED_LENGTH = 1

ParentOf = Callable[[cst.CSTNode], cst.CSTNode]


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
        for node in m.findall(module, m.Global() | m.Del())
        for name in m.findall(node, m.Name())
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
        if any(_shadowed(scope_of(read), name, scope) for read in reads):
            continue  # libcst credits a read to the global even where a local shadows it
        position = top_statements.index(statement)
        if any(
            scope_of(read) is scope
            and top_statements.index(_top_statement(read, parent_of)) <= position
            for read in reads
        ):
            continue  # read before it is bound: the program relies on the NameError
        constants.append(Constant(name, binding, literal, statement, tuple(reads)))
    return constants


def _shadowed(scope: object, name: str, global_scope: GlobalScope) -> bool:
    """Whether a scope between ``scope`` and the module binds ``name`` itself (a local,
    a parameter, a walrus target), so that Python reads that binding, not the global."""
    while isinstance(scope, Scope) and scope is not global_scope:
        if not isinstance(scope, ClassScope) and name in scope.assignments:
            return True
        scope = scope.parent
    return False


def _is_primary_of(read: cst.Name, parent: cst.CSTNode) -> bool:
    """Is ``read`` what ``parent`` takes an attribute of, subscripts or calls?"""
    if isinstance(parent, (cst.Attribute, cst.Subscript)):
        return parent.value is read
    return isinstance(parent, cst.Call) and parent.func is read


def _fits_in_fstring(literal: cst.BaseExpression, fstring: cst.FormattedString) -> bool:
    """Before Python 3.12 an f-string field cannot reuse its quote or hold a backslash."""
    code = cst.Module(body=[]).code_for_node(literal)
    return not any(c in code for c in (fstring.quote[0], "\\"))


class _ConstantInliner(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentNodeProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.literal_for_read: dict[cst.Name, cst.BaseExpression] = {}
        self.removed_bindings: set[cst.Name] = set()

    def visit_Module(self, node: cst.Module) -> None:
        if refuses_renaming(node) is not None:
            return
        scope = self.get_metadata(ScopeProvider, node)
        assert isinstance(scope, GlobalScope)
        parent_of = lambda n: self.get_metadata(ParentNodeProvider, n)  # noqa: E731
        scope_of = lambda n: self.get_metadata(ScopeProvider, n, None)  # noqa: E731
        for constant in module_constants(node, scope, parent_of, scope_of):
            placed = [self._placed(constant.literal, read) for read in constant.reads]
            if any(p is None for p in placed) or not self._shortens(constant):
                continue
            if self.take_site():
                self.removed_bindings.add(constant.binding)
                self.literal_for_read.update(zip(constant.reads, placed))  # type: ignore[arg-type]

    @staticmethod
    def _shortens(constant: Constant) -> bool:
        literal_length = len(cst.Module(body=[]).code_for_node(constant.literal))
        # ``N=literal;`` or ``N,`` plus ``literal,``: the name, the literal and two characters.
        removed = RENAMED_LENGTH + literal_length + 2
        added = len(constant.reads) * (literal_length - RENAMED_LENGTH)
        return added < removed

    def _placed(self, literal: cst.BaseExpression, read: cst.Name) -> cst.BaseExpression | None:
        """``literal`` as it must be spelled in place of ``read``, or None if it cannot stand there."""
        parent = self.get_metadata(ParentNodeProvider, read)
        node: cst.CSTNode = read
        while not isinstance(node, cst.BaseStatement):
            node = self.get_metadata(ParentNodeProvider, node)
            if isinstance(node, cst.FormattedStringExpression) and node.equal is not None:
                return None  # ``f'{n=}'`` shows the name itself
            if isinstance(node, cst.FormattedString) and not _fits_in_fstring(literal, node):
                return None
        bare = literal.with_changes(lpar=[], rpar=[])
        needs_parentheses = _is_primary_of(read, parent) and not m.matches(
            literal, m.SimpleString() | m.Float()
        )  # ``16 .x`` and ``(-1)[0]`` would not parse as meant
        if isinstance(literal, cst.UnaryOperation) and m.matches(
            parent, m.BinaryOperation(operator=m.Power())
        ):
            needs_parentheses = needs_parentheses or parent.left is read  # ``-2**2`` is ``-(2**2)``
        if needs_parentheses:
            return bare.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return bare

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return self.literal_for_read.get(original_node, updated_node)

    def leave_Assign(
        self, original_node: cst.Assign, updated_node: cst.Assign
    ) -> cst.Assign | cst.RemovalSentinel:
        target = original_node.targets[0].target
        if isinstance(target, cst.Name):
            return cst.RemoveFromParent() if target in self.removed_bindings else updated_node
        if not isinstance(target, cst.Tuple) or not isinstance(original_node.value, cst.Tuple):
            return updated_node
        kept = [
            (name, value)
            for name, value in zip(target.elements, updated_node.value.elements)
            if name.value not in self.removed_bindings
        ]
        if len(kept) == len(target.elements):
            return updated_node
        if not kept:
            return cst.RemoveFromParent()
        if len(kept) == 1:
            ((name, value),) = kept
            return updated_node.with_changes(
                targets=[cst.AssignTarget(name.value)],
                value=value.value.with_changes(lpar=[], rpar=[]),
            )
        names, values = zip(*kept)
        return updated_node.with_changes(
            targets=[
                updated_node.targets[0].with_changes(
                    target=updated_node.targets[0].target.with_changes(
                        elements=_without_last_comma(names)
                    )
                )
            ],
            value=updated_node.value.with_changes(elements=_without_last_comma(values)),
        )


def _without_last_comma(elements: tuple[cst.BaseElement, ...]) -> list[cst.BaseElement]:
    return [*elements[:-1], elements[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]


class InlineConstants(CSTTransform):
    name = "inline_constants"
    safety = Safety.SAFE
    transformer = _ConstantInliner
