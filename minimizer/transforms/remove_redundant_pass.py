"""Remove ``pass`` where its block holds something else: ``def f():\\n pass\\n return 1``.

``pass`` does nothing; it is needed only where a block would otherwise be
empty. In a block (a module, an indented block, or the statements after a
colon on one line) that holds other statements, every ``pass`` can go; in a
block of nothing but ``pass``, one stays. A lever python-minifier has
(``remove_pass``). One site per removable ``pass``.
"""

from __future__ import annotations

from typing import TypeVar

import libcst as cst

from minimizer.analysis.rewrites import flat_statements, rebuilt_body
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

Block = TypeVar("Block", cst.Module, cst.IndentedBlock, cst.SimpleStatementSuite)


class _PassRemover(SiteTransformer):
    def _removed(self, block: Block) -> Block:
        flat = flat_statements(block.body)
        passes = [index for index, statement in enumerate(flat) if isinstance(statement, cst.Pass)]
        removable = passes[1:] if len(passes) == len(flat) else passes
        dropped = [index for index in removable if self.take_site()]
        if not dropped:
            return block
        return block.with_changes(body=rebuilt_body(block.body, dict.fromkeys(dropped)))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        return self._removed(updated_node)

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        return self._removed(updated_node)

    def leave_SimpleStatementSuite(
        self, original_node: cst.SimpleStatementSuite, updated_node: cst.SimpleStatementSuite
    ) -> cst.SimpleStatementSuite:
        return self._removed(updated_node)


class RemoveRedundantPass(CSTTransform):
    name = "remove_redundant_pass"
    safety = Safety.SAFE
    transformer = _PassRemover
