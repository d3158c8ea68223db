"""Join consecutive import statements into one: ``import a`` / ``import b`` -> ``import a,b``.

``import a,b`` runs exactly ``import a`` then ``import b``, so two adjacent
imports cost one keyword and one line less as a single statement. The same
holds for ``from m import x`` / ``from m import y`` of the same module. Every
import runs code, so statements are only merged with their direct neighbour,
never moved past anything else, and the names keep their order. Dotted names
(``import x.y``) are kept exactly as written.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
import libcst.matchers as m

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

ImportStatement = cst.Import | cst.ImportFrom


def _module_key(node: cst.ImportFrom) -> tuple[int, str]:
    module = "" if node.module is None else cst.Module([]).code_for_node(node.module)
    return len(node.relative), module


def joinable(first: cst.BaseSmallStatement, second: cst.BaseSmallStatement) -> bool:
    """Whether ``second`` can be folded into ``first`` as more names."""
    if m.matches(first, m.Import()) and m.matches(second, m.Import()):
        return True
    plain_from = m.ImportFrom(names=~m.ImportStar())
    return (
        m.matches(first, plain_from)
        and m.matches(second, plain_from)
        and _module_key(first) == _module_key(second)
    )


def joined(first: ImportStatement, second: ImportStatement) -> ImportStatement:
    """``first`` importing its names and then those of ``second``."""
    aliases = [*first.names, *second.names]
    compact = [alias.with_changes(comma=cst.Comma()) for alias in aliases[:-1]]
    compact.append(aliases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT))
    changes: dict[str, object] = {"names": compact, "semicolon": second.semicolon}
    if isinstance(first, cst.ImportFrom) and (first.lpar or second.lpar):
        # Names that came from a parenthesised list may span lines: keep parentheses.
        changes.update(lpar=cst.LeftParen(), rpar=cst.RightParen())
    return first.with_changes(**changes)


def _single_small_statement(line: cst.BaseStatement) -> cst.BaseSmallStatement | None:
    if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1:
        return line.body[0]
    return None


class ImportJoiner(SiteTransformer):
    """One site per import that could be folded into the import right before it.

    Sites are judged on the original nodes, so that choosing one never creates
    or removes another: a chain of choices folds a whole run into its first import.
    """

    def _join_small_statements(
        self,
        originals: Sequence[cst.BaseSmallStatement],
        updated: Sequence[cst.BaseSmallStatement],
    ) -> list[cst.BaseSmallStatement]:
        result = [updated[0]]
        for index in range(1, len(originals)):
            if joinable(originals[index - 1], originals[index]) and self.take_site():
                result[-1] = joined(result[-1], updated[index])
            else:
                result.append(updated[index])
        return result

    def _join_lines(
        self, originals: Sequence[cst.BaseStatement], updated: Sequence[cst.BaseStatement]
    ) -> list[cst.BaseStatement]:
        """Fold a line holding one import into the import that ends the line before."""
        result = list(updated[:1])
        for index in range(1, len(originals)):
            previous, current = originals[index - 1], originals[index]
            single = _single_small_statement(current)
            if (
                isinstance(previous, cst.SimpleStatementLine)
                and single is not None
                and joinable(previous.body[-1], single)
                and self.take_site()
            ):
                # The folded line's comments and blank lines go with it.
                head = result[-1]
                merged_last = joined(head.body[-1], updated[index].body[0])
                result[-1] = head.with_changes(body=[*head.body[:-1], merged_last])
            else:
                result.append(updated[index])
        return result

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        body = self._join_small_statements(original_node.body, updated_node.body)
        return updated_node.with_changes(body=body)

    def leave_SimpleStatementSuite(
        self, original_node: cst.SimpleStatementSuite, updated_node: cst.SimpleStatementSuite
    ) -> cst.SimpleStatementSuite:
        body = self._join_small_statements(original_node.body, updated_node.body)
        return updated_node.with_changes(body=body)

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        return updated_node.with_changes(
            body=self._join_lines(original_node.body, updated_node.body)
        )

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        return updated_node.with_changes(
            body=self._join_lines(original_node.body, updated_node.body)
        )


class CompactImports(CSTTransform):
    name = "compact_imports"
    safety = Safety.SAFE
    transformer = ImportJoiner
