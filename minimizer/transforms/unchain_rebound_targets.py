"""Drop a chained target that the next statement rebinds: ``i=x=A(y);x=F(x)`` ->
``i=A(y);x=F(i)``.

The value the chain gave ``x`` is read only by the next statement, which binds
``x`` again, so that one read can name the chain's other target instead, and
``x=`` leaves the chain (two characters for one-letter names). RISKY in name
only (the two names hold one object); the verifier judges. Proposed where the
two statements are adjacent in one block, the next one reads ``x`` once, and
its value binds nothing (no walrus, and no loop, lambda or parameter spells
either name).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import BlockRewriter, bound_names, variable_names
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

NAME_CHAIN = m.Assign(targets=[m.AssignTarget(m.Name()), m.AssignTarget(m.Name()), m.ZeroOrMore()])
REBINDING = m.Assign(targets=[m.AssignTarget(m.Name())])


class _ReadSwapper(cst.CSTTransformer):
    def __init__(self, read: cst.Name, name: str) -> None:
        super().__init__()
        self.read, self.name = read, name

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        return (
            updated_node.with_changes(value=self.name)
            if original_node is self.read
            else updated_node
        )


class _Unchainer(BlockRewriter, SiteTransformer):
    skip_class_bodies = True

    def rewrite_block(self, items: list[cst.CSTNode]) -> dict[int, cst.CSTNode | None]:
        replacements: dict[int, cst.CSTNode | None] = {}
        for index in range(len(items) - 1):
            chain, after = items[index], items[index + 1]
            if index in replacements or not m.matches(chain, NAME_CHAIN):
                continue
            if not m.matches(after, REBINDING) or not all(
                m.matches(t.target, m.Name()) for t in chain.targets
            ):
                continue
            names = [t.target.value for t in chain.targets]
            rebound = after.targets[0].target.value
            reads = [n for n in variable_names(after.value) if n.value == rebound]
            if rebound not in names or len(reads) != 1 or names.count(rebound) != 1:
                continue
            others = sorted((n for n in names if n != rebound), key=len)
            kept = others[0]
            if find_all(after.value, m.NamedExpr()) or bound_names(after.value) & {kept, rebound}:
                continue
            if not self.take_site():
                continue
            targets = [t for t in chain.targets if t.target.value != rebound]
            replacements[index] = chain.with_changes(targets=targets)
            replacements[index + 1] = after.visit(_ReadSwapper(reads[0], kept))
        return replacements


class UnchainReboundTargets(CSTTransform):
    name = "unchain_rebound_targets"
    safety = Safety.RISKY
    transformer = _Unchainer
