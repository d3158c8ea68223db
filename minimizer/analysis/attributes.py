"""Which attributes a program's own classes define, as renameable symbols.

Attribute types are not known statically, so an attribute symbol is a
spelling: every ``.name`` the program writes (except on imported modules), the
class-level names and ``__slots__`` strings that define it. Spellings that
builtin types answer to, or that show at run time, are pinned.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    Assignment,
    ClassScope,
    ExpressionContext,
    FunctionScope,
    ImportAssignment,
)

from minimizer.analysis.index import ModuleIndex
from minimizer.analysis.resolution import find_all
from minimizer.analysis.symbols import (
    SPELLED_IN_A_STRING,
    Symbol,
    is_protected_spelling,
)

#: Attribute names the builtin types answer to; renaming one would break e.g. ``.append``.
BUILTIN_TYPE_ATTRIBUTES = frozenset(
    name
    for builtin_type in (
        str,
        bytes,
        list,
        dict,
        set,
        frozenset,
        tuple,
        int,
        float,
        complex,
        bool,
        object,
        type,
        BaseException,
        range,
        slice,
    )
    for name in dir(builtin_type)
)


def _dotted_root(expression: cst.BaseExpression) -> cst.BaseExpression:
    while isinstance(expression, cst.Attribute):
        expression = expression.value
    return expression


def is_opaque_class(
    index: ModuleIndex, class_def: cst.ClassDef, seen: frozenset[int] = frozenset()
) -> bool:
    """Whether a class has outside bases, a metaclass or decorators, which may rely on its
    attribute names and show its name (an exception's or a dataclass's repr)."""
    if class_def.decorators or class_def.keywords or id(class_def) in seen:
        return True
    for base in class_def.bases:
        if m.matches(base.value, m.Name("object")):
            continue
        access = index.access_of.get(id(base.value))
        if access is None or not all(
            isinstance(referent, Assignment) and isinstance(referent.node, cst.ClassDef)
            for referent in access.referents
        ):
            return True
        if any(
            is_opaque_class(index, referent.node, seen | {id(class_def)})
            for referent in access.referents
        ):
            return True
    return False


class Attributes:
    """The attribute symbols of one :class:`ModuleIndex`: ``Attributes(index).symbols()``."""

    def __init__(self, index: ModuleIndex) -> None:
        self.index = index

    def symbols(self) -> list[Symbol]:
        """Every attribute the module's classes define, with the nodes that spell it."""
        class_scopes = {
            id(scope): scope for scope in self.index.all_scopes if isinstance(scope, ClassScope)
        }
        symbols: dict[str, Symbol] = {}

        def symbol_named(name: str) -> Symbol:
            return symbols.setdefault(name, Symbol(name, None))

        # Attributes the program defines: class-level names, slots, and self.x = ... in methods.
        for scope in class_scopes.values():
            opaque_class = is_opaque_class(self.index, scope.node)
            for assignment in scope.assignments:
                symbol = symbol_named(assignment.name)
                if opaque_class:
                    symbol.pin("defined by a class with outside bases or decorators")
                if isinstance(assignment.node, (cst.FunctionDef, cst.ClassDef)):
                    symbol.add(assignment.node.name)
                elif isinstance(assignment.node, cst.Name):
                    symbol.add(assignment.node)
                else:
                    symbol.pin("bound in a class body by an import or pattern")
                for access in assignment.references:
                    if isinstance(access.node, cst.Name):
                        symbol.add(access.node)
                    else:
                        symbol.pin("referenced from a string annotation")
        for slot in self.index.slots_strings.values():
            name = slot.evaluated_value
            if isinstance(name, str) and name.isidentifier():
                symbol_named(name).add(slot)
        for attribute in self.index.find(m.Attribute(value=m.Name())):
            owner = self._self_attribute_owner(attribute)
            if owner is not None:
                symbol = symbol_named(attribute.attr.value)
                if is_opaque_class(self.index, owner):
                    symbol.pin("defined by a class with outside bases or decorators")
        # Every .attr site whose base is not an imported module or object.
        for attribute in self.index.find(m.Attribute()):
            symbol = symbols.get(attribute.attr.value)
            if symbol is not None and not self._base_is_imported(attribute.value):
                symbol.add(attribute.attr)
        self._pin_attribute_spellings(symbols)
        return list(symbols.values())

    def _self_attribute_owner(self, attribute: cst.Attribute) -> cst.ClassDef | None:
        """The class of a method when ``attribute`` is a store to ``self.x`` in it."""
        if self.index.contexts.get(attribute) is not ExpressionContext.STORE:
            return None
        scope = self.index.scopes.get(attribute)
        if not isinstance(scope, FunctionScope) or not isinstance(scope.parent, ClassScope):
            return None
        method = scope.node
        if not isinstance(method, cst.FunctionDef) or not method.params.params:
            return None
        if method.params.params[0].name.value != attribute.value.value:
            return None
        return scope.parent.node

    def _base_is_imported(self, base: cst.BaseExpression) -> bool:
        root = _dotted_root(base)
        access = self.index.access_of.get(id(root)) if isinstance(root, cst.Name) else None
        return access is not None and any(
            isinstance(referent, ImportAssignment) for referent in access.referents
        )

    def _pin_attribute_spellings(self, symbols: dict[str, Symbol]) -> None:
        debug_names = {
            name.value
            for expression in self.index.find(m.FormattedStringExpression(equal=m.AssignEqual()))
            for name in find_all(expression, m.Name())
        }
        pattern_keys = {element.key.value for element in self.index.find(m.MatchKeywordElement())}
        for name, symbol in symbols.items():
            if is_protected_spelling(name):
                symbol.pin("dunder or name-mangled")
            elif name in BUILTIN_TYPE_ATTRIBUTES:
                symbol.pin("also an attribute of a builtin type")
            elif name in self.index.literal_words:
                symbol.pin(SPELLED_IN_A_STRING)
            elif name in debug_names:
                symbol.pin("printed by an {name=} f-string")
            elif name in pattern_keys:
                symbol.pin("matched by a class pattern")
