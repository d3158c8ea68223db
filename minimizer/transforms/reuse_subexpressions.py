"""Reuse a value already bound: ``r=L(o);s=L(o)+1`` -> ``r=L(o);s=r+1``.

After ``n=E``, a later statement of the same block that computes ``E`` again
can read ``n`` instead, as long as nothing in between rebinds ``n`` or a name
``E`` reads. RISKY: ``E`` is no longer evaluated twice (a call with effects, or
one whose result changed in between, would notice), and the later statement now
holds the very object bound to ``n`` (so values that build lists, dicts or sets
are never shared); the verifier judges. Occurrences inside a
lambda, a ``def`` or a comprehension are not proposed, nor class bodies.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import BlockRewriter, assigned_by, code, variable_names
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

SINGLE_NAME_BINDING = m.Assign(targets=[m.AssignTarget(target=m.Name())])
DEFERRED = (
    m.Lambda() | m.FunctionDef() | m.ListComp() | m.SetComp() | m.DictComp() | m.GeneratorExp()
)
#: A value that builds a new mutable object each time, or binds, must be computed again.
UNSHAREABLE = m.NamedExpr() | m.Yield() | m.List() | m.Dict() | m.Set() | DEFERRED
#: Statements whose ``target`` is stored into, not read.
STORES = m.AssignTarget() | m.AugAssign() | m.AnnAssign() | m.Del()
WORTH_NAMING = (cst.Call, cst.BinaryOperation, cst.Subscript, cst.Attribute, cst.UnaryOperation)


class _Replacer(cst.CSTTransformer):
    def __init__(self, chosen: set[int], name: str) -> None:
        super().__init__()
        self.chosen, self.name = chosen, name

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:
        if id(original_node) in self.chosen:
            return cst.Name(self.name, lpar=updated_node.lpar, rpar=updated_node.rpar)
        return updated_node


def _rebinds(item: cst.CSTNode) -> set[str]:
    bound = {name.value for name in assigned_by(item)}
    if isinstance(item, cst.AugAssign):
        bound.update(name.value for name in find_all(item.target, m.Name()))
    bound.update(
        name.value
        for walrus in find_all(item, m.NamedExpr())
        for name in find_all(walrus.target, m.Name())
    )
    return bound


class _SubexpressionReuser(BlockRewriter, SiteTransformer):
    skip_class_bodies = True

    def rewrite_block(self, items: list[cst.CSTNode]) -> dict[int, cst.CSTNode | None]:
        replacements: dict[int, cst.CSTNode | None] = {}
        for index, binding in enumerate(items):
            if not m.matches(binding, SINGLE_NAME_BINDING) or not isinstance(
                binding.value, WORTH_NAMING
            ):
                continue
            name = binding.targets[0].target.value
            value = binding.value.with_changes(lpar=[], rpar=[])
            if len(code(value)) <= len(name) or find_all(value, UNSHAREABLE):
                continue
            reads = {variable.value for variable in variable_names(value)} | {name}
            for later in range(index + 1, len(items)):
                item = replacements.get(later) or items[later]
                if not isinstance(item, cst.BaseSmallStatement):
                    break
                repeats = self._repeats(item, value)
                chosen = {id(node) for node in repeats if self.take_site()}
                if chosen:
                    replacements[later] = item.visit(_Replacer(chosen, name))
                if _rebinds(item) & reads:
                    break
        return replacements

    @staticmethod
    def _repeats(item: cst.CSTNode, value: cst.BaseExpression) -> list[cst.CSTNode]:
        """Where ``item`` computes ``value`` again: not inside a deferred body, and not
        where it stores (``c[j]=...`` after ``h=c[j]`` stores into ``c``; ``h=...`` would not)."""
        same = m.MatchIfTrue(lambda node: node.with_changes(lpar=[], rpar=[]).deep_equals(value))
        pattern = getattr(m, type(value).__name__)() & same
        deferred = {
            id(node) for found in find_all(item, DEFERRED) for node in find_all(found, pattern)
        }
        stored = {
            id(target) for found in find_all(item, STORES) for target in _stored(found.target)
        }
        return [node for node in find_all(item, pattern) if id(node) not in deferred | stored]


def _stored(target: cst.BaseExpression) -> list[cst.BaseExpression]:
    """``target`` and, in a tuple or list target, each of the targets it unpacks into."""
    if isinstance(target, (cst.Tuple, cst.List)):
        return [target, *(inner for element in target.elements for inner in _stored(element.value))]
    return [target]


class ReuseSubexpressions(CSTTransform):
    name = "reuse_subexpressions"
    safety = Safety.RISKY
    transformer = _SubexpressionReuser
