"""Remove ``pass`` where its block holds something else: ``def f():\\n pass\\n return 1``.

``pass`` does nothing; it is needed only where a block would otherwise be
empty. In a block (a module, an indented block, or the statements after a
colon on one line) that holds other statements, every ``pass`` can go; in a
block of nothing but ``pass``, one stays. A lever python-minifier has
(``remove_pass``). One site per removable ``pass``.
"""

from __future__ import annotations

import libcst as cst

from minimizer.analysis.rewrites import BlockRewriter
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer


class _PassRemover(BlockRewriter, SiteTransformer):
    def rewrite_block(self, items: list[cst.CSTNode]) -> dict[int, cst.CSTNode | None]:
        passes = [index for index, item in enumerate(items) if isinstance(item, cst.Pass)]
        removable = passes[1:] if len(passes) == len(items) else passes
        return {index: None for index in removable if self.take_site()}


class RemoveRedundantPass(CSTTransform):
    name = "remove_redundant_pass"
    safety = Safety.SAFE
    transformer = _PassRemover
