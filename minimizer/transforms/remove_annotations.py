"""Remove type annotations that nothing reads at run time.

``def f(n: int) -> int`` and ``x: int = 1`` cost characters; Python evaluates
such annotations and stores them in ``__annotations__``, where only
introspection looks. An annotation is removed only when:

* the program never reads annotations (``__annotations__``, ``get_type_hints``,
  ``inspect``, ``typing``'s introspection helpers);
* evaluating it could do nothing observable: names, dotted names, literals,
  subscripts and ``|`` of those (``list[int]``, ``int | None``);
* it is not in the body of a class with bases or decorators (a dataclass,
  ``NamedTuple`` or ``TypedDict`` turns annotations into fields);
* for ``x: int = 1``, the assignment keeps its value (``x = 1``); a bare
  ``x: int`` stays, since in a function it makes ``x`` local.

Each annotation is one site.
"""

from __future__ import annotations

from typing import ClassVar

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

#: Spellings through which a program reads its annotations.
ANNOTATION_READERS = frozenset(
    {"__annotations__", "get_type_hints", "inspect", "get_annotations", "annotationlib"}
)


def _is_inert(expression: cst.BaseExpression) -> bool:
    if m.matches(expression, m.Name() | m.SimpleString() | m.Integer() | m.Ellipsis()):
        return True
    if isinstance(expression, cst.Attribute):
        return _is_inert(expression.value)
    if isinstance(expression, cst.BinaryOperation):
        return isinstance(expression.operator, cst.BitOr) and all(
            _is_inert(side) for side in (expression.left, expression.right)
        )
    if isinstance(expression, cst.Subscript):
        return _is_inert(expression.value) and all(
            isinstance(element.slice, cst.Index) and _is_inert(element.slice.value)
            for element in expression.slice
        )
    if isinstance(expression, (cst.List, cst.Tuple)):
        return all(_is_inert(element.value) for element in expression.elements)
    return False


class _AnnotationRemover(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.enabled = True
        #: Depth of class bodies whose annotations may become fields.
        self.field_classes = 0

    def visit_Module(self, node: cst.Module) -> None:
        spelled = {name.value for name in find_all(node, m.Name())}
        self.enabled = not (spelled & ANNOTATION_READERS)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if node.bases or node.keywords or node.decorators or self.field_classes:
            self.field_classes += 1

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        if self.field_classes:
            self.field_classes -= 1
        return updated_node

    def _removes(self, annotation: cst.Annotation | None) -> bool:
        return (
            self.enabled
            and annotation is not None
            and _is_inert(annotation.annotation)
            and self.take_site()
        )

    def leave_Param(self, original_node: cst.Param, updated_node: cst.Param) -> cst.Param:
        if not self._removes(original_node.annotation):
            return updated_node
        return updated_node.with_changes(annotation=None)

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        if not self._removes(original_node.returns):
            return updated_node
        return updated_node.with_changes(returns=None)

    def leave_AnnAssign(
        self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign
    ) -> cst.AnnAssign | cst.Assign:
        if updated_node.value is None or self.field_classes:
            return updated_node
        if not self._removes(original_node.annotation):
            return updated_node
        return cst.Assign(targets=[cst.AssignTarget(updated_node.target)], value=updated_node.value)


class RemoveAnnotations(CSTTransform):
    name: ClassVar[str] = "remove_annotations"
    safety: ClassVar[Safety] = Safety.SAFE
    transformer: ClassVar[type[SiteTransformer]] = _AnnotationRemover
