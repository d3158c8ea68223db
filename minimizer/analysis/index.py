"""One resolved view of a module, shared by the name analyses so none re-walks the tree.

libcst's metadata (scopes, expression contexts) and the list of every node in
source order (``resolution.nodes_in_order``) are computed once per module; the
refusal, scope and attribute analyses all read from the same :class:`ModuleIndex`.
"""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    Access,
    BuiltinAssignment,
    ExpressionContextProvider,
    Scope,
    ScopeProvider,
)

from minimizer.analysis.resolution import fact_of, find_all, nodes_in_order, wrapper_for

SLOTS_ASSIGNMENT = m.SimpleStatementLine(
    body=[m.Assign(targets=[m.AssignTarget(m.Name("__slots__"))])]
)
# Identifier-like words in a string literal (``'x y'``, ``'x, y'``, ``'data'``):
# the way namedtuple, getattr and friends spell names. This reads literal *values*.
_NAME_LIST = re.compile(r"\s*[A-Za-z_]\w*(\s*[,\s]\s*[A-Za-z_]\w*)*\s*,?\s*")


def literal_words(node: cst.SimpleString) -> list[str]:
    """The identifiers a string literal spells, when it reads like a list of names."""
    value = node.evaluated_value
    if isinstance(value, str) and _NAME_LIST.fullmatch(value):
        return re.findall(r"[A-Za-z_]\w*", value)
    return []


def _slot_elements(value: cst.BaseExpression) -> list[cst.Element]:
    if isinstance(value, (cst.Tuple, cst.List, cst.Set)):
        return list(value.elements)
    return [cst.Element(value)]


class ModuleIndex:
    """Scopes, accesses and every node of one module, resolved once.

    ``module`` is the copy the metadata was computed on: nodes found here belong
    to it, so rewrites planned from them must be applied to it.
    """

    def __init__(self, module: cst.Module) -> None:
        self.wrapper = wrapper_for(module, (ScopeProvider, ExpressionContextProvider))
        self.module = self.wrapper.module
        self.scopes = self.wrapper.resolve(ScopeProvider)
        self.contexts = self.wrapper.resolve(ExpressionContextProvider)
        distinct: dict[int, Scope] = {}  # in the order first met; scopes are held above
        for scope in self.scopes.values():
            if scope is not None:
                distinct.setdefault(id(scope), scope)
        self.all_scopes: list[Scope] = list(distinct.values())
        self.access_of: dict[int, Access] = {
            id(access.node): access for scope in self.all_scopes for access in scope.accesses
        }
        self.slots_strings: dict[int, cst.SimpleString] = {
            id(element.value): element.value
            for class_def in self.find(m.ClassDef())
            for statement in class_def.body.body
            if m.matches(statement, SLOTS_ASSIGNMENT)
            for element in _slot_elements(statement.body[0].value)
            if isinstance(element.value, cst.SimpleString)
        }
        # __slots__ strings are attribute spellings to rename, not names to keep.
        self.literal_words = {
            word
            for node in self.find(m.SimpleString())
            if id(node) not in self.slots_strings
            for word in literal_words(node)
        }

    def find(self, matcher: m.BaseMatcherNode | m.OneOf[m.BaseMatcherNode]) -> list[cst.CSTNode]:
        """Nodes matching ``matcher`` in source order, from the module's one list of nodes."""
        return find_all(self.module, matcher)

    def resolves_to_builtin(self, name: cst.Name) -> bool:
        access = self.access_of.get(id(name))
        if access is None:
            return False
        return all(isinstance(referent, BuiltinAssignment) for referent in access.referents)


def module_index(module: cst.Module) -> ModuleIndex:
    """The one :class:`ModuleIndex` of ``module`` (see ``minimizer.analysis.resolution``)."""
    # Keyed by the copy the metadata belongs to: asked of a module or of that copy, one index.
    return fact_of(wrapper_for(module).module, ModuleIndex, ModuleIndex)


def _census(module: cst.Module) -> frozenset[type[cst.CSTNode]]:
    return frozenset(type(node) for node in nodes_in_order(module))


def node_types(module: cst.Module) -> frozenset[type[cst.CSTNode]]:
    """Every kind of node ``module`` holds, from one walk per module: a transform that
    takes sites only at kinds the module lacks need not walk it (``transforms.base``)."""
    return fact_of(module, node_types, _census)
