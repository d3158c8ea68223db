"""Inline one binding into its one read: ``E=G(x);F=z(E)`` -> ``F=z(G(x))``, per binding.

Unlike ``inline_variables``, which needs a name bound once in the whole
program, this looks at one assignment at a time: the name may be rebound
elsewhere, as long as every read of it anywhere follows a plain assignment in
its own block (``analysis.rewrites.undominated_names``), and this binding's
value reaches exactly one read, in a later statement of the same block, before
the next binding. The value is then computed later, after the statements in
between (which may call nothing) and the part of the reading statement before
it: RISKY, the verifier judges. Class bodies are left alone (there a name is an attribute), and a read
inside a lambda, a ``def`` or a comprehension's inner part (evaluated many
times) is not a candidate.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import (
    BlockRewriter,
    assigned_by,
    parenthesized,
    undominated_names,
    variable_names,
)
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

SINGLE_NAME_BINDING = m.Assign(targets=[m.AssignTarget(target=m.Name())])
#: Where a read is evaluated more than once, or later, than the statement it is in.
DEFERRED = (
    m.Lambda() | m.FunctionDef() | m.ListComp() | m.SetComp() | m.DictComp() | m.GeneratorExp()
)
#: Places where an inlined operation needs no parentheses.
OPEN_SLOTS = (cst.Arg, cst.Element, cst.Index, cst.Return, cst.Expr, cst.Assign, cst.AugAssign)


class _ReadReplacer(cst.CSTTransformer):
    def __init__(self, read: cst.Name, value: cst.BaseExpression) -> None:
        super().__init__()
        self.read, self.value = read, value
        self.parent: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.parent.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:
        self.parent.pop()
        if original_node is not self.read:
            return updated_node
        holder = self.parent[-1] if self.parent else None
        bare = isinstance(holder, OPEN_SLOTS) and not isinstance(
            self.value, cst.Tuple | cst.NamedExpr
        )
        return self.value if bare else parenthesized(self.value)


def _outside_fstrings(item: cst.CSTNode, read: cst.Name) -> bool:
    """Whether ``read`` is outside every f-string (a value with quotes could not go in)."""
    return not any(
        name is read
        for fstring in find_all(item, m.FormattedString())
        for name in variable_names(fstring)
    )


def _read_evaluated_once(item: cst.CSTNode, read: cst.Name) -> bool:
    """Whether ``read`` is outside every lambda, def and comprehension of ``item``, except
    the first ``for``'s iterable, which is evaluated once, where the comprehension is."""
    for deferred in find_all(item, DEFERRED):
        inside = any(name is read for name in variable_names(deferred))
        first_iter = getattr(getattr(deferred, "for_in", None), "iter", None)
        if inside and not (first_iter and any(name is read for name in variable_names(first_iter))):
            return False
    return True


class _BindingInliner(BlockRewriter, SiteTransformer):
    skip_class_bodies = True

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.undominated: set[str] = set()

    def visit_Module(self, node: cst.Module) -> None:
        self.undominated = undominated_names(node.body)

    def rewrite_block(self, items: list[cst.CSTNode]) -> dict[int, cst.CSTNode | None]:
        replacements: dict[int, cst.CSTNode | None] = {}
        used: set[int] = set()
        for index, item in enumerate(items):
            found = None if index in used else self._single_read(items, index)
            if found is None or found[0] in used:
                continue
            reader, read = found
            used.update((index, reader))
            if not self.take_site():
                continue
            replacements[index] = None
            replacements[reader] = items[reader].visit(_ReadReplacer(read, item.value))
        return replacements

    def _single_read(self, items: list[cst.CSTNode], index: int) -> tuple[int, cst.Name] | None:
        binding = items[index]
        if not m.matches(binding, SINGLE_NAME_BINDING) or find_all(
            binding.value, m.NamedExpr() | m.Yield()
        ):
            return None
        name = binding.targets[0].target.value
        if name in self.undominated:
            return None
        used = {variable.value for variable in variable_names(binding.value)}
        for reader in range(index + 1, len(items)):
            item = items[reader]
            if not isinstance(item, cst.BaseSmallStatement):
                return None
            reads = [variable for variable in variable_names(item) if variable.value == name]
            targets = {target.value for target in assigned_by(item)}
            if reads:
                read = reads[0]
                single = len(reads) == 1 and name not in targets
                single = (
                    single and _read_evaluated_once(item, read) and _outside_fstrings(item, read)
                )
                return (
                    (reader, reads[0]) if single and self._dead_after(items, reader, name) else None
                )
            moved_past = targets & (used | {name}) or find_all(item, m.Call())
            if moved_past or isinstance(item, cst.AugAssign):
                return None
        return None

    @staticmethod
    def _dead_after(items: list[cst.CSTNode], reader: int, name: str) -> bool:
        """No read of ``name`` after ``reader`` in this block before it is bound again."""
        for item in items[reader + 1 :]:
            if name in {target.value for target in assigned_by(item)} and not any(
                variable.value == name for variable in variable_names(item.value)
            ):
                return True
            if any(variable.value == name for variable in variable_names(item)):
                return False
        return True


class InlineBindings(CSTTransform):
    name = "inline_bindings"
    safety = Safety.RISKY
    transformer = _BindingInliner
