"""Build a second, identical list by copying the first: ``m=[0.]*n;v=[0.]*n`` -> ``m=[0.]*n;*v,=m``.

When two statements of a block bind names to the same list expression and
nothing in between mentions the first name, the second list is a copy of the
first as it was built. ``*v,=m`` unpacks ``m`` into a new list, so ``v`` is a
distinct object as before. RISKY: the expression is evaluated once instead of
twice (a call with effects would notice), and the copy is shallow; the
verifier judges. Proposed only for list displays, list repetitions and list
comprehensions, and only where it is shorter.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.rewrites import BlockRewriter, code, variable_names
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

FRESH_LIST = m.List() | m.ListComp() | m.BinaryOperation(operator=m.Multiply(), left=m.List())
NAME_BINDING = m.Assign(targets=[m.AssignTarget(target=m.Name())], value=FRESH_LIST)


def _unpacked_copy(target: cst.Name, source: str) -> cst.Assign:
    starred = cst.StarredElement(target, comma=cst.Comma())
    return cst.Assign(
        [
            cst.AssignTarget(
                cst.Tuple([starred], lpar=[], rpar=[]),
                cst.SimpleWhitespace(""),
                cst.SimpleWhitespace(""),
            )
        ],
        cst.Name(source),
    )


class _TwinListCopier(BlockRewriter, SiteTransformer):
    def rewrite_block(self, items: list[cst.CSTNode]) -> dict[int, cst.CSTNode | None]:
        replacements: dict[int, cst.CSTNode | None] = {}
        for index, item in enumerate(items):
            if not m.matches(item, NAME_BINDING):
                continue
            source = item.targets[0].target.value
            for later in range(index + 1, len(items)):
                twin = items[later]
                if m.matches(twin, NAME_BINDING) and twin.value.deep_equals(item.value):
                    copy = _unpacked_copy(twin.targets[0].target, source).with_changes(
                        semicolon=twin.semicolon
                    )
                    if len(code(copy)) < len(code(twin)) and self.take_site():
                        replacements[later] = copy
                    break
                if any(name.value == source for name in variable_names(twin)):
                    break
        return replacements


class CopyTwinLists(CSTTransform):
    name = "copy_twin_lists"
    safety = Safety.RISKY
    transformer = _TwinListCopier
