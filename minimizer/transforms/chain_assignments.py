"""Join ``a=E`` and a later ``b=a`` of the same block into ``b=a=E``.

The copy disappears, and ``b`` is bound to the very object ``a`` is, as
before. Between the two statements neither name may occur at all, so nothing
can read ``b`` early or rebind ``a`` in between. It is RISKY only because
``b`` is now bound before ``a`` and before the statements in between run; the
verifier judges. Typical wins: ``x=f(y);r=x`` and, in a class body,
``__add__=lambda...;...;__radd__=__add__`` -> ``__add__=__radd__=lambda...``.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.rewrites import BlockRewriter, name_counts
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

NAME_TARGETS = m.Assign(targets=[m.AtLeastN(m.AssignTarget(target=m.Name()), n=1)])
COPY = m.Assign(targets=[m.AssignTarget(target=m.Name())], value=m.Name())


class _AssignmentChainer(BlockRewriter, SiteTransformer):
    def rewrite_block(self, items: list[cst.CSTNode]) -> dict[int, cst.CSTNode | None]:
        replacements: dict[int, cst.CSTNode | None] = {}
        used: set[int] = set()
        for late, copy in enumerate(items):
            if late in used or not m.matches(copy, COPY):
                continue
            source, copied = copy.value.value, copy.targets[0].target.value
            early = self._binding_before(items, late, source, copied)
            if early is None or early in used:
                continue
            used.update((early, late))
            if not self.take_site():
                continue
            binding = items[early]
            target = copy.targets[0].with_changes(
                whitespace_before_equal=cst.SimpleWhitespace(""),
                whitespace_after_equal=cst.SimpleWhitespace(""),
            )
            replacements[early] = binding.with_changes(targets=[target, *binding.targets])
            replacements[late] = None
        return replacements

    @staticmethod
    def _binding_before(
        items: list[cst.CSTNode], late: int, source: str, copied: str
    ) -> int | None:
        """The statement ``source=E`` before ``late`` with neither name in between."""
        for early in range(late - 1, -1, -1):
            item = items[early]
            if m.matches(item, NAME_TARGETS) and item.targets[-1].target.value == source:
                names = {target.target.value for target in item.targets}
                return None if copied in names else early
            counts = name_counts(item)
            if counts[source] or counts[copied]:
                return None
        return None


class ChainAssignments(CSTTransform):
    name = "chain_assignments"
    safety = Safety.RISKY
    transformer = _AssignmentChainer
