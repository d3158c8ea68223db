"""Read the non-blank stripped lines of a file as its words: ``[a.strip()for a in open(f)if a.strip()]``
-> ``open(f).read().split()``.

For a file whose lines hold one word each (a list of names), both give the
same list: ``split()`` splits at every run of whitespace, newlines included,
and drops the empty strings, as the filter drops blank lines. A line with
inner whitespace would become several words: RISKY, the verifier judges
against the real data.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

OPEN_CALL = m.Call(func=m.Name("open"), args=[m.Arg(keyword=None, star="")])


def _stripped(variable: str) -> m.Call:
    return m.Call(func=m.Attribute(value=m.Name(variable), attr=m.Name("strip")), args=[])


class _LineSplitter(SiteTransformer):
    def leave_ListComp(
        self, original_node: cst.ListComp, updated_node: cst.ListComp
    ) -> cst.BaseExpression:
        loop = updated_node.for_in
        if not isinstance(loop.target, cst.Name) or loop.inner_for_in or len(loop.ifs) != 1:
            return updated_node
        stripped = _stripped(loop.target.value)
        if not m.matches(loop.iter, OPEN_CALL) or not m.matches(updated_node.elt, stripped):
            return updated_node
        if not m.matches(loop.ifs[0].test, stripped) or not self.take_site():
            return updated_node
        read = cst.Call(cst.Attribute(loop.iter, cst.Name("read")))
        return cst.Call(
            cst.Attribute(read, cst.Name("split")), lpar=updated_node.lpar, rpar=updated_node.rpar
        )


class SplitStrippedLines(CSTTransform):
    name = "split_stripped_lines"
    safety = Safety.RISKY
    transformer = _LineSplitter
