"""Iterate an open file instead of splitting what it read, where each item is stripped anyway.

``[a.strip() for a in open(f).read().strip().split('\\n') if a.strip()]`` ->
``[a.strip() for a in open(f) if a.strip()]``. Iterating a text file yields its
lines (newlines translated the same way ``read`` translates them) with their
line ends; when the loop variable is only ever used as ``a.strip()``, the line
end, and the outer ``strip`` of the whole text, make no difference except for
the blank lines that such a comprehension filters out. RISKY (a loop that
keeps blank lines, or strips only some characters, would notice); the verifier
judges.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

OPEN_CALL = m.Call(func=m.Name("open"))
READ = m.Call(func=m.Attribute(value=OPEN_CALL, attr=m.Name("read")), args=[])
READ_STRIPPED = READ | m.Call(func=m.Attribute(value=READ, attr=m.Name("strip")), args=[])
NEWLINE = m.SimpleString("'\\n'") | m.SimpleString('"\\n"')
SPLIT_LINES = m.Call(
    func=m.Attribute(value=READ_STRIPPED, attr=m.Name("split")), args=[m.Arg(value=NEWLINE)]
) | m.Call(func=m.Attribute(value=READ_STRIPPED, attr=m.Name("splitlines")), args=[])
STRIPPED = m.Call(func=m.Attribute(attr=m.Name("strip")), args=[])


def _only_stripped(comprehension: cst.BaseComp, variable: str) -> bool:
    """Whether every use of ``variable`` in the element and conditions is ``variable.strip()``."""
    parts = [getattr(comprehension, "elt", None), getattr(comprehension, "key", None)]
    parts += [getattr(comprehension, "value", None), *comprehension.for_in.ifs]
    parts += [comprehension.for_in.inner_for_in]
    uses = stripped = 0
    for part in filter(None, parts):
        uses += len(find_all(part, m.Name(variable)))
        stripped += len(
            find_all(
                part,
                m.Call(func=m.Attribute(value=m.Name(variable), attr=m.Name("strip")), args=[]),
            )
        )
    return uses == stripped and uses > 0


class _FileLineIterator(SiteTransformer):
    def _rewritten(self, node: cst.BaseComp) -> cst.BaseComp:
        loop = node.for_in
        if not m.matches(loop.iter, SPLIT_LINES) or not isinstance(loop.target, cst.Name):
            return node
        if not _only_stripped(node, loop.target.value) or not self.take_site():
            return node
        opened = loop.iter.func.value
        while not m.matches(opened, OPEN_CALL):
            opened = opened.func.value
        return node.with_changes(for_in=loop.with_changes(iter=opened))

    def leave_ListComp(
        self, original_node: cst.ListComp, updated_node: cst.ListComp
    ) -> cst.ListComp:
        return self._rewritten(updated_node)

    def leave_GeneratorExp(
        self, original_node: cst.GeneratorExp, updated_node: cst.GeneratorExp
    ) -> cst.GeneratorExp:
        return self._rewritten(updated_node)

    def leave_SetComp(self, original_node: cst.SetComp, updated_node: cst.SetComp) -> cst.SetComp:
        return self._rewritten(updated_node)


class IterateFileLines(CSTTransform):
    name = "iterate_file_lines"
    safety = Safety.RISKY
    transformer = _FileLineIterator
