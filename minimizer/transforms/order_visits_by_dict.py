"""Let one dict be both the visited set and the visiting order of a depth-first search.

``d=[];e=set()`` with ``def f(a): if a not in e: e.add(a); ...; d.append(a)``
becomes ``d={}`` with ``def f(a): if a not in d: ...; d[a]=0``: a dict keeps
its keys in insertion order, so its keys are the list, and membership in it is
the visited test. A node now counts as visited only once its children are done,
which changes nothing when the graph has no cycle (a node cannot be reached
again from below itself) but loops forever when it has one: RISKY, the
verifier judges. The order is read back as ``[*d][::-1]`` where the list was
read as ``d[::-1]``, or ``reversed(d)`` as before; any other use of either name
refuses the site.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import variable_names
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

NO_SPACE = cst.SimpleWhitespace("")


def _method_call(owner: str, method: str, argument: str) -> m.Expr:
    return m.Expr(
        value=m.Call(
            func=m.Attribute(value=m.Name(owner), attr=m.Name(method)),
            args=[m.Arg(value=m.Name(argument))],
        )
    )


def _lines(block: cst.BaseSuite) -> list[cst.CSTNode]:
    return list(block.body) if isinstance(block, cst.IndentedBlock) else [block]


class _VisitOrderer(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.removed: set[int] = set()
        self.replaced: dict[int, cst.CSTNode] = {}

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        outer = [
            small
            for line in _lines(node.body)
            if isinstance(line, cst.SimpleStatementLine)
            for small in line.body
        ]
        lists = {
            s.targets[0].target.value: s
            for s in outer
            if m.matches(s, m.Assign([m.AssignTarget(m.Name())], m.List([])))
        }
        sets = {
            s.targets[0].target.value: s
            for s in outer
            if m.matches(
                s, m.Assign([m.AssignTarget(m.Name())], m.Call(func=m.Name("set"), args=[]))
            )
        }
        for inner in _lines(node.body):
            if isinstance(inner, cst.FunctionDef) and lists and sets:
                self._consider(node, inner, lists, sets)

    def _consider(
        self, outer: cst.FunctionDef, search: cst.FunctionDef, lists: dict, sets: dict
    ) -> None:
        params = search.params.params
        body = _lines(search.body)
        if len(params) != 1 or len(body) != 1 or not isinstance(body[0], cst.If) or body[0].orelse:
            return
        node, test = params[0].name.value, body[0].test
        if not m.matches(
            test, m.Comparison(m.Name(node), [m.ComparisonTarget(m.NotIn(), m.Name())])
        ):
            return
        visited = test.comparisons[0].comparator.value
        steps = _lines(body[0].body)
        if (
            visited not in sets
            or len(steps) < 2
            or not all(
                isinstance(s, cst.SimpleStatementLine) and len(s.body) == 1
                for s in (steps[0], steps[-1])
            )
        ):
            return
        first, last = steps[0].body[0], steps[-1].body[0]
        if not m.matches(first, _method_call(visited, "add", node)):
            return
        order = (
            last.value.func.value.value
            if m.matches(last, m.Expr(m.Call(m.Attribute(m.Name(), m.Name("append")))))
            else None
        )
        if order not in lists or not m.matches(last, _method_call(order, "append", node)):
            return
        reads = self._order_reads(outer, order)
        names = variable_names(outer)
        if reads is None or sum(n.value == visited for n in names) != 3:
            return
        if sum(n.value == order for n in names) != 2 + len(reads) or not self.take_site():
            return
        self.removed.update({id(sets[visited]), id(steps[0])})
        self.replaced[id(lists[order].value)] = cst.Dict([])
        self.replaced[id(test.comparisons[0].comparator)] = cst.Name(order)
        self.replaced[id(last)] = cst.Assign(
            [
                cst.AssignTarget(
                    cst.Subscript(
                        cst.Name(order), [cst.SubscriptElement(cst.Index(cst.Name(node)))]
                    ),
                    NO_SPACE,
                    NO_SPACE,
                )
            ],
            cst.Integer("0"),
        )
        for read in reads:
            if isinstance(read, cst.Subscript):
                self.replaced[id(read.value)] = cst.List([cst.StarredElement(cst.Name(order))])

    @staticmethod
    def _order_reads(outer: cst.FunctionDef, order: str) -> list[cst.CSTNode] | None:
        backwards = m.Subscript(
            value=m.Name(order),
            slice=[
                m.SubscriptElement(
                    m.Slice(
                        lower=None, upper=None, step=m.UnaryOperation(m.Minus(), m.Integer("1"))
                    )
                )
            ],
        )
        reversed_call = m.Call(func=m.Name("reversed"), args=[m.Arg(value=m.Name(order))])
        reads = [*find_all(outer, backwards), *find_all(outer, reversed_call)]
        return reads or None

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:
        if id(original_node) in self.replaced:
            replacement = self.replaced[id(original_node)]
            if isinstance(replacement, cst.Assign):
                return replacement.with_changes(semicolon=updated_node.semicolon)
            return replacement
        if isinstance(updated_node, cst.SimpleStatementLine) and self.removed:
            kept = [
                s
                for o, s in zip(original_node.body, updated_node.body)
                if id(o) not in self.removed
            ]
            if not kept or id(original_node) in self.removed:
                return cst.RemoveFromParent()
            if len(kept) != len(updated_node.body):
                kept[-1] = kept[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
                return updated_node.with_changes(body=kept)
        return updated_node


class OrderVisitsByDict(CSTTransform):
    name = "order_visits_by_dict"
    safety = Safety.RISKY
    transformer = _VisitOrderer
