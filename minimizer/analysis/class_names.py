"""When a class's name can show at run time, so that a class is renamed only when it cannot.

A class's name is printed by ``print(cls)``, by the repr of an exception, a
dataclass or a namedtuple subclass, by ``type(x)``, ``__class__``, ``__mro__``
and ``__bases__``, and it is part of the mangled ``_Class__x`` names. Calling a
class, ``isinstance`` against it, reading ``Cls.attribute`` and deriving an own
plain class from it show nothing: a class used only in those ways, with no
outside base, metaclass or decorator, may be renamed.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.attributes import is_opaque_class
from minimizer.analysis.index import ModuleIndex
from minimizer.analysis.symbols import Symbol, is_protected_spelling

#: Attributes that show the names of a class or of the classes around it.
NAME_SHOWING_ATTRIBUTES = frozenset(
    {"__class__", "__mro__", "__bases__", "__base__", "mro", "__subclasses__"}
)


def _shows_every_class_name(index: ModuleIndex) -> bool:
    """``type(x)``, ``x.__class__``, ``C.__mro__`` and kin can show any class's name."""
    return any(
        len(call.args) == 1 and index.resolves_to_builtin(call.func)
        for call in index.find(m.Call(func=m.Name("type")))
    ) or any(
        attribute.attr.value in NAME_SHOWING_ATTRIBUTES for attribute in index.find(m.Attribute())
    )


def _harmless_uses(index: ModuleIndex) -> set[int]:
    """Nodes where a class's name is spelled without the class showing: called, checked
    against by ``isinstance``, an attribute read through it, a base of another class."""
    harmless = set()
    for call in index.find(m.Call()):
        harmless.add(id(call.func))
        if m.matches(call.func, m.Name("isinstance") | m.Name("issubclass")):
            harmless.update(id(arg.value) for arg in call.args[1:2])
    for attribute in index.find(m.Attribute()):
        if not attribute.attr.value.startswith("__"):
            harmless.add(id(attribute.value))
    for class_def in index.find(m.ClassDef()):
        harmless.update(id(base.value) for base in class_def.bases)
    return harmless


def pin_visible_class_names(
    index: ModuleIndex, symbol_of: Mapping[tuple[int, str], Symbol]
) -> None:
    """Pin each class symbol of ``symbol_of`` (keyed by scope id and name) whose name can show."""
    every_name_shows = _shows_every_class_name(index)
    harmless = _harmless_uses(index)
    for class_def in index.find(m.ClassDef()):
        symbol = symbol_of.get((id(index.scopes[class_def]), class_def.name.value))
        if symbol is None:
            continue
        if is_opaque_class(index, class_def):
            symbol.pin("a class with outside bases or decorators may show its name")
        elif any(
            is_protected_spelling(name.value) and not name.value.endswith("__")
            for name in m.findall(class_def.body, m.Name())
        ):
            symbol.pin("its name is part of the mangled _Class__x names")
        elif every_name_shows:
            symbol.pin("type(), __class__ or __mro__ may show the class name")
        elif any(id(node) not in harmless and node is not class_def.name for node in symbol.nodes):
            symbol.pin("the class object itself is used as a value")
