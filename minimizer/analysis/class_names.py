"""When a class's name can show at run time, so that a class is renamed only when it cannot.

A class's name is printed by ``print(cls)``, by the repr of an exception, a
dataclass or a namedtuple subclass, by ``type(x)``, ``__class__``, ``__mro__``
and ``__bases__``, and it is part of the mangled ``_Class__x`` names. Calling a
class, ``isinstance`` against it, comparing it, reading ``Cls.attribute``,
deriving an own plain class from it, ``super(Cls, self)`` and annotations (unless
``get_type_hints`` hands them back) show nothing, nor do those uses of
``type(x)`` and ``x.__class__``: a class used only in those ways, with no
outside base, metaclass or decorator, may be renamed.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.attributes import is_opaque_class
from minimizer.analysis.index import ModuleIndex
from minimizer.analysis.resolution import find_all
from minimizer.analysis.symbols import Symbol, is_protected_spelling

#: Attributes that show the names of a class or of the classes around it.
NAME_SHOWING_ATTRIBUTES = frozenset({"__mro__", "__bases__", "__base__", "mro", "__subclasses__"})


def _with_elements(expression: cst.BaseExpression) -> list[cst.BaseExpression]:
    """``expression``, and the elements of a literal tuple, list or set."""
    if isinstance(expression, (cst.Tuple, cst.List, cst.Set)):
        return [expression, *(element.value for element in expression.elements)]
    return [expression]


def _harmless_uses(index: ModuleIndex) -> set[int]:
    """Nodes where a class, or ``type(x)``, shows nothing: called, checked against by
    ``isinstance``, compared, an attribute read through it, a base of another class, an
    argument of ``super``, an annotation."""
    harmless = set()
    for call in index.find(m.Call()):
        harmless.add(id(call.func))
        if m.matches(call.func, m.Name("isinstance") | m.Name("issubclass")):
            harmless.update(
                id(node) for arg in call.args[1:2] for node in _with_elements(arg.value)
            )
    for attribute in index.find(m.Attribute()):
        if not attribute.attr.value.startswith("__"):
            harmless.add(id(attribute.value))
    for comparison in index.find(m.Comparison()):
        harmless.add(id(comparison.left))
        for target in comparison.comparisons:
            harmless.update(id(node) for node in _with_elements(target.comparator))
    for class_def in index.find(m.ClassDef()):
        harmless.update(id(base.value) for base in class_def.bases)
    for call in index.find(m.Call(func=m.Name("super"))):
        harmless.update(id(arg.value) for arg in call.args)
    # Annotations hold classes nothing shows, unless typing hands them back.
    if not any(name.value == "get_type_hints" for name in index.find(m.Name())):
        for annotation in index.find(m.Annotation()):
            harmless.update(id(name) for name in find_all(annotation, m.Name()))
    return harmless


def _shows_every_class_name(index: ModuleIndex, harmless: set[int]) -> bool:
    """``type(x)`` or ``x.__class__`` used as a value, ``C.__mro__`` and kin can show
    any class's name."""
    return any(
        len(call.args) == 1 and index.resolves_to_builtin(call.func) and id(call) not in harmless
        for call in index.find(m.Call(func=m.Name("type")))
    ) or any(
        attribute.attr.value in NAME_SHOWING_ATTRIBUTES
        or (attribute.attr.value == "__class__" and id(attribute) not in harmless)
        for attribute in index.find(m.Attribute())
    )


def pin_visible_class_names(
    index: ModuleIndex, symbol_of: Mapping[tuple[int, str], Symbol]
) -> None:
    """Pin each class symbol of ``symbol_of`` (keyed by scope id and name) whose name can show."""
    harmless = _harmless_uses(index)
    every_name_shows = _shows_every_class_name(index, harmless)
    for class_def in index.find(m.ClassDef()):
        symbol = symbol_of.get((id(index.scopes[class_def]), class_def.name.value))
        if symbol is None:
            continue
        if is_opaque_class(index, class_def):
            symbol.pin("a class with outside bases or decorators may show its name")
        elif any(
            is_protected_spelling(name.value) and not name.value.endswith("__")
            for name in find_all(class_def.body, m.Name())
        ):
            symbol.pin("its name is part of the mangled _Class__x names")
        elif every_name_shows:
            symbol.pin("type(), __class__ or __mro__ may show the class name")
        elif any(id(node) not in harmless and node is not class_def.name for node in symbol.nodes):
            symbol.pin("the class object itself is used as a value")
