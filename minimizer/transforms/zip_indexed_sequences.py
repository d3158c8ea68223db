"""Iterate the sequences an index reads instead of the index:
``P(B[t]*m[t][g]for t in K(L(m)))`` -> ``P(t*a[g]for t,a in zip(B,m))``.

When a comprehension's variable runs over ``range(len(Y))`` and is used only to
read items ``X[t]`` of a few named sequences (``Y`` among them), zipping those
sequences hands the items over directly. RISKY: ``zip`` stops at the shortest
sequence where ``range(len(Y))`` would read past the end of a shorter one and
fail, and the sequences are read once, up front; the verifier judges. The new
variables are the old index name and names the comprehension does not spell;
proposed only without conditions or inner loops, and where it is shorter.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.naming import (
    FORBIDDEN_NEW_NAMES,
    short_names,
    variable_spellings,
)
from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import calls_builtin, code, variable_names
from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety

NO_SPACE = cst.SimpleWhitespace("")


class _ItemReplacer(cst.CSTTransformer):
    def __init__(self, index: str, names: dict[str, str]) -> None:
        super().__init__()
        self.index, self.names = index, names

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.BaseExpression:
        sequence = _item_of(original_node, self.index)
        if sequence is None:
            return updated_node
        return cst.Name(self.names[sequence], lpar=updated_node.lpar, rpar=updated_node.rpar)


def _item_of(node: cst.CSTNode, index: str) -> str | None:
    """``X`` when ``node`` is ``X[index]`` with ``X`` a name."""
    if m.matches(
        node,
        m.Subscript(value=m.Name(), slice=[m.SubscriptElement(m.Index(m.Name(index)))]),
    ):
        return node.value.value
    return None


class _Zipper(BuiltinAwareTransformer):
    def _measured(self, loop: cst.CompFor) -> str | None:
        """``Y`` for ``for t in range(len(Y))``."""
        iterable = loop.iter
        if not calls_builtin(iterable, self.aliases, "range") or len(iterable.args) != 1:
            return None
        measure = iterable.args[0].value
        if not calls_builtin(measure, self.aliases, "len") or len(measure.args) != 1:
            return None
        measured = measure.args[0].value
        return measured.value if isinstance(measured, cst.Name) else None

    def _zipped(
        self, node: cst.ListComp | cst.GeneratorExp
    ) -> cst.ListComp | cst.GeneratorExp | None:
        loop = node.for_in
        if loop.ifs or loop.inner_for_in or loop.asynchronous:
            return None
        if not isinstance(loop.target, cst.Name):
            return None
        index, measured = loop.target.value, self._measured(loop)
        if measured is None:
            return None
        items = [_item_of(s, index) for s in find_all(node.elt, m.Subscript())]
        sequences = list(dict.fromkeys(s for s in items if s is not None))
        uses = sum(n.value == index for n in variable_names(node.elt))
        if len(sequences) < 2 or measured not in sequences:
            return None  # one sequence is iterate_directly's
        if uses != sum(s is not None for s in items):
            return None
        if index in sequences:
            return None
        taken = variable_spellings(node)
        fresh = (n for n in short_names() if n not in taken and n not in FORBIDDEN_NEW_NAMES)
        names = {s: index if i == 0 else next(fresh) for i, s in enumerate(sequences)}
        comma = cst.Comma(NO_SPACE, NO_SPACE)
        last = len(sequences) - 1
        target = cst.Tuple(
            [cst.Element(cst.Name(names[s]), comma=comma if i < last else cst.MaybeSentinel.DEFAULT)
             for i, s in enumerate(sequences)],
            lpar=[], rpar=[],
        )  # fmt: skip
        zipped = cst.Call(
            self.spelled("zip"),
            [cst.Arg(cst.Name(s), comma=comma if i < last else cst.MaybeSentinel.DEFAULT)
             for i, s in enumerate(sequences)],
        )  # fmt: skip
        return node.with_changes(
            elt=node.elt.visit(_ItemReplacer(index, names)),
            for_in=loop.with_changes(target=target, iter=zipped),
        )

    def _site(self, node: cst.ListComp | cst.GeneratorExp) -> cst.ListComp | cst.GeneratorExp:
        zipped = self._zipped(node)
        if zipped is None or len(code(zipped)) >= len(code(node)) or not self.take_site():
            return node
        return zipped

    def leave_ListComp(
        self, original_node: cst.ListComp, updated_node: cst.ListComp
    ) -> cst.BaseExpression:
        return self._site(updated_node)

    def leave_GeneratorExp(
        self, original_node: cst.GeneratorExp, updated_node: cst.GeneratorExp
    ) -> cst.BaseExpression:
        return self._site(updated_node)


class ZipIndexedSequences(CSTTransform):
    name = "zip_indexed_sequences"
    safety = Safety.RISKY
    transformer = _Zipper
