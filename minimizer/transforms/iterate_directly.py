"""Loop over a sequence's items instead of its indexes: ``for t in range(len(o))`` with only
``o[t]`` in the body -> ``for t in o`` with ``t``.

When the index is used for nothing but reading the item at that index, the
item itself can be the loop variable. RISKY: ``o[t]`` reads the sequence as it
is at that moment, iteration sees changes made during the loop differently,
and a mapping indexed by position is not iterated by position; the verifier
judges. Works on comprehensions and on ``for`` statements (the latter only when
the variable occurs nowhere else in the program), with ``range`` and ``len``
recognised through aliases such as ``K=range``.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import calls_builtin, variable_names
from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety


class _ItemSubstituter(cst.CSTTransformer):
    def __init__(self, index: str, sequence: str) -> None:
        super().__init__()
        self.index, self.sequence = index, sequence

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.BaseExpression:
        if _is_item(original_node, self.index, self.sequence):
            return cst.Name(self.index, lpar=updated_node.lpar, rpar=updated_node.rpar)
        return updated_node


def _is_item(node: cst.CSTNode, index: str, sequence: str) -> bool:
    return m.matches(
        node,
        m.Subscript(
            value=m.Name(sequence), slice=[m.SubscriptElement(slice=m.Index(value=m.Name(index)))]
        ),
    )


def _only_items(scope: list[cst.CSTNode], index: str, sequence: str) -> bool:
    """Whether every use of ``index`` in ``scope`` reads ``sequence[index]``, and nothing
    there binds ``sequence`` or writes to an item."""
    reads = items = 0
    for part in scope:
        reads += sum(name.value == index for name in variable_names(part))
        items += len(
            find_all(
                part,
                m.Subscript(
                    value=m.Name(sequence),
                    slice=[m.SubscriptElement(slice=m.Index(value=m.Name(index)))],
                ),
            )
        )
        targets = find_all(
            part, m.AssignTarget() | m.AugAssign() | m.For() | m.CompFor() | m.NamedExpr() | m.Del()
        )
        for target in targets:
            bound = getattr(target, "target", None)
            if bound is not None and any(
                name.value in (index, sequence) for name in variable_names(bound)
            ):
                if not (isinstance(target, cst.CompFor | cst.For) and target is part):
                    return False
    return reads == items and reads > 0


class _DirectIterator(BuiltinAwareTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.uses: dict[str, int] = {}

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        for name in variable_names(node):
            self.uses[name.value] = self.uses.get(name.value, 0) + 1

    def _sequence(self, target: cst.BaseExpression, iterable: cst.BaseExpression) -> str | None:
        if not isinstance(target, cst.Name) or not calls_builtin(iterable, self.aliases, "range"):
            return None
        if len(iterable.args) != 1 or not calls_builtin(
            iterable.args[0].value, self.aliases, "len"
        ):
            return None
        measured = iterable.args[0].value
        if len(measured.args) != 1 or not isinstance(measured.args[0].value, cst.Name):
            return None
        return measured.args[0].value.value

    def leave_ListComp(
        self, original_node: cst.ListComp, updated_node: cst.ListComp
    ) -> cst.ListComp:
        return self._comprehension(updated_node)

    def leave_GeneratorExp(
        self, original_node: cst.GeneratorExp, updated_node: cst.GeneratorExp
    ) -> cst.GeneratorExp:
        return self._comprehension(updated_node)

    def _comprehension(self, node: cst.ListComp | cst.GeneratorExp) -> cst.BaseExpression:
        loop = node.for_in
        sequence = self._sequence(loop.target, loop.iter)
        if sequence is None:
            return node
        index = loop.target.value
        scope = [node.elt, *loop.ifs, *([loop.inner_for_in] if loop.inner_for_in else [])]
        if not _only_items(scope, index, sequence) or not self.take_site():
            return node
        substituter = _ItemSubstituter(index, sequence)
        inner = loop.inner_for_in.visit(substituter) if loop.inner_for_in else None
        new_loop = loop.with_changes(
            iter=cst.Name(sequence),
            ifs=[i.visit(substituter) for i in loop.ifs],
            inner_for_in=inner,
        )
        return node.with_changes(elt=node.elt.visit(substituter), for_in=new_loop)

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.For:
        sequence = self._sequence(updated_node.target, updated_node.iter)
        if sequence is None or updated_node.orelse:
            return updated_node
        index = updated_node.target.value
        inside = sum(name.value == index for name in variable_names(updated_node))
        if inside != self.uses.get(index) or not _only_items([updated_node.body], index, sequence):
            return updated_node
        if not self.take_site():
            return updated_node
        body = updated_node.body.visit(_ItemSubstituter(index, sequence))
        return updated_node.with_changes(iter=cst.Name(sequence), body=body)


class IterateDirectly(CSTTransform):
    name = "iterate_directly"
    safety = Safety.RISKY
    transformer = _DirectIterator
