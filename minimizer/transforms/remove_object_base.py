"""Drop ``object`` from a class's bases: ``class A(object):`` -> ``class A:``.

In Python 3 every class derives from ``object``; the two spellings build the
same class (the same ``__bases__``, ``__mro__`` and metaclass). Safe while
``object`` is the builtin (``minimizer.analysis.builtins_intact``). A lever
python-minifier has (``remove_object_base``). One site per class.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.builtins_intact import intact_builtins
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

OBJECT_BASE = m.Arg(value=m.Name("object"), keyword=None, star="")


class _ObjectBaseRemover(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.object_is_builtin = False

    def visit_Module(self, node: cst.Module) -> None:
        self.object_is_builtin = "object" in intact_builtins(node)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        if (
            not self.object_is_builtin
            or original_node.keywords
            or len(original_node.bases) != 1
            or not m.matches(original_node.bases[0], OBJECT_BASE)
            or not self.take_site()
        ):
            return updated_node
        return updated_node.with_changes(
            bases=(), lpar=cst.MaybeSentinel.DEFAULT, rpar=cst.MaybeSentinel.DEFAULT
        )


class RemoveObjectBase(CSTTransform):
    name = "remove_object_base"
    safety = Safety.SAFE
    transformer = _ObjectBaseRemover
