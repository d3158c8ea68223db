"""Rename the attributes and methods the program's own classes define.

``self.data``, ``.grad`` and method names recur on every line of an
object-heavy program. Attribute types are not known statically, so a name is
renamed at every ``.name`` site (except on imported modules, so ``math.log``
survives a method called ``log``), in ``__slots__`` strings and in class bodies;
names that builtin types also answer to (``append``, ``index``) are kept. This
is RISKY: an outside object with an attribute of the same name would break,
which only the verifier can tell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import libcst.matchers as m

from minimizer.analysis.attributes import BUILTIN_TYPE_ATTRIBUTES
from minimizer.analysis.naming import FORBIDDEN_NEW_NAMES, NameAnalysis
from minimizer.analysis.resolution import find_all
from minimizer.analysis.symbols import Symbol
from minimizer.transforms.base import RenamingTransform, Safety


class RenameAttributes(RenamingTransform):
    name: ClassVar[str] = "rename_attributes"
    safety: ClassVar[Safety] = Safety.RISKY
    # A new attribute name must not land on one that builtin objects already answer to.
    forbidden_names: ClassVar[frozenset[str]] = FORBIDDEN_NEW_NAMES | BUILTIN_TYPE_ATTRIBUTES

    def symbols(self, analysis: NameAnalysis) -> list[Symbol]:
        return analysis.attributes

    def meet(self, first: Symbol, second: Symbol) -> bool:
        # Without types, every attribute may be looked up on every object.
        return True

    def taken_spellings_for(self, analysis: NameAnalysis) -> Callable[[Symbol], frozenset[str]]:
        taken = self._attribute_namespace(analysis)
        return lambda symbol: taken

    def _attribute_namespace(self, analysis: NameAnalysis) -> frozenset[str]:
        """Attributes live in their own namespace: a new attribute name must only avoid
        other attribute spellings, words in strings (``__slots__``, ``getattr``) and the
        names that class bodies themselves read or bind (methods are class-body names)."""
        module = analysis.module
        attributes = {node.attr.value for node in find_all(module, m.Attribute())}
        words = {
            word
            for node in find_all(module, m.SimpleString())
            for word in str(node.evaluated_value).split()
            if word.isidentifier()
        }
        class_level = {
            name.value
            for class_def in find_all(module, m.ClassDef())
            for statement in class_def.body.body
            if not m.matches(statement, m.FunctionDef())
            for name in find_all(statement, m.Name())
        }
        return frozenset(attributes | words | class_level)
