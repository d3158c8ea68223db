"""Write a module-level constant's literal where it is read, and drop its name.

``n_head = 4`` costs the assignment and then a name at every read; once names
are one letter long, a constant read once or twice (or a one-digit one read a
few times) is cheaper spelled out. Which names qualify is
:func:`minimizer.analysis.constants.module_constants`; programs that reach
names as strings (:mod:`minimizer.analysis.refusal`) are left alone.

The saving is judged as if the name were already one letter long, which the
renaming transforms later make it: inlining that only pays because the name is
long now would cost characters in the end. SAFE: a literal evaluates to the same
immutable value wherever it stands. One site per constant.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import GlobalScope, ScopeProvider

from minimizer.analysis.constants import Constant, module_constants
from minimizer.analysis.expressions import fits_in_fstring
from minimizer.analysis.refusal import reaches_names_dynamically
from minimizer.analysis.resolution import ParentProvider
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

#: The length the renaming transforms give a module-level name.
RENAMED_LENGTH = 1


def _is_primary_of(read: cst.Name, parent: cst.CSTNode) -> bool:
    """Is ``read`` what ``parent`` takes an attribute of, subscripts or calls?"""
    if isinstance(parent, (cst.Attribute, cst.Subscript)):
        return parent.value is read
    return isinstance(parent, cst.Call) and parent.func is read


class _ConstantInliner(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.literal_for_read: dict[cst.Name, cst.BaseExpression] = {}
        self.removed_bindings: set[cst.Name] = set()

    def visit_Module(self, node: cst.Module) -> None:
        if reaches_names_dynamically(node) is not None:
            return
        scope = self.get_metadata(ScopeProvider, node)
        assert isinstance(scope, GlobalScope)
        parent_of = lambda n: self.get_metadata(ParentProvider, n)  # noqa: E731
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
        parent = self.get_metadata(ParentProvider, read)
        node: cst.CSTNode = read
        while not isinstance(node, cst.BaseStatement):
            node = self.get_metadata(ParentProvider, node)
            if isinstance(node, cst.FormattedStringExpression) and node.equal is not None:
                return None  # ``f'{n=}'`` shows the name itself
            if isinstance(node, cst.FormattedString) and not fits_in_fstring(literal, node):
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
