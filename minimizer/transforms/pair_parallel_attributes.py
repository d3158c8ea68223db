"""Keep two parallel attributes as one tuple of pairs: a node's children and its local
gradients, ``V(x,(a,b),(1,1))`` with ``zip(v.l,v.m)`` -> ``V(x,((a,1),(b,1)))`` with ``v.l``.

A class whose ``__init__`` stores two parameters (both defaulting to ``()``, or
neither defaulted) as attributes ``l`` and ``m``, where ``m`` is read only as
``for h,i in zip(E.l,E.m)``, need not keep two tuples: one tuple of pairs
serves the zip directly, and a loop over ``E.l`` alone unpacks a pair
(``for g,_ in E.l``). Every constructor call must pass both as tuple displays of
one length, or neither. The second parameter and attribute go.

RISKY: ``zip`` stops at the shorter tuple, and nothing here sees calls made
through another name or attributes set from outside; the verifier judges.
Proposed only for a module-level class without bases, with positional calls,
where ``_`` is never read.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import builtin_aliases, calls_builtin, variable_names
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

NO_SPACE = cst.SimpleWhitespace("")
COMMA = cst.Comma(NO_SPACE, NO_SPACE)
SELF_STORE = m.Assign(targets=[m.AssignTarget(m.Attribute(value=m.Name()))], value=m.Name())


def _pairs(first: cst.Tuple, second: cst.Tuple) -> cst.Tuple:
    pairs = [
        cst.Tuple(
            [cst.Element(a.value, comma=COMMA), cst.Element(b.value)],
            lpar=[cst.LeftParen()],
            rpar=[cst.RightParen()],
        )
        for a, b in zip(first.elements, second.elements)
    ]
    last = len(pairs) - 1
    return cst.Tuple(
        [cst.Element(p, comma=COMMA if i < last or last == 0 else cst.MaybeSentinel.DEFAULT)
         for i, p in enumerate(pairs)],
    )  # fmt: skip


def _bare_end(items: Sequence[cst.CSTNode], separator: str) -> list[cst.CSTNode]:
    """``items`` with no ``separator`` (a comma, a semicolon) after the last one."""
    if not items:
        return []
    return [*items[:-1], items[-1].with_changes(**{separator: cst.MaybeSentinel.DEFAULT})]


class _Plan:
    """What one site changes: the class, its two attributes and the parameters' positions."""

    def __init__(self, cls: cst.ClassDef, init: cst.FunctionDef, kept: str, dropped: str,
                 position: int, stores: tuple[cst.CSTNode, cst.CSTNode]) -> None:  # fmt: skip
        self.cls, self.init, self.kept, self.dropped = cls, init, kept, dropped
        self.position, self.stores = position, stores


def _stores(init: cst.FunctionDef) -> dict[str, tuple[str, cst.Assign]]:
    """parameter -> (attribute, statement) for ``self.attr=param`` in ``__init__``."""
    params = init.params.params
    if not params or isinstance(init.params.star_arg, cst.CSTNode) or init.params.kwonly_params:
        return {}
    me = params[0].name.value
    found: dict[str, tuple[str, cst.Assign]] = {}
    for small in find_all(init.body, SELF_STORE):
        if small.targets[0].target.value.value == me:
            found[small.value.value] = (small.targets[0].target.attr.value, small)
    return found


class _Pairer(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.plan: _Plan | None = None
        self.aliases: dict[str, str] = {}

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = builtin_aliases(node)
        if any(n.value == "_" for n in variable_names(node)) and not self._underscore_only_bound(
            node
        ):
            return
        for statement in node.body:
            if isinstance(statement, cst.ClassDef) and not statement.bases:
                plan = self._plan(node, statement)
                if plan is not None and self.take_site():
                    self.plan = plan
                    return

    @staticmethod
    def _underscore_only_bound(node: cst.Module) -> bool:
        targets = find_all(node, m.For(target=m.Name("_")) | m.CompFor(target=m.Name("_")))
        return len(targets) == sum(n.value == "_" for n in variable_names(node))

    def _plan(self, module: cst.Module, cls: cst.ClassDef) -> _Plan | None:
        inits = [s for s in cls.body.body if m.matches(s, m.FunctionDef(name=m.Name("__init__")))]
        if len(inits) != 1:
            return None
        init = inits[0]
        stores = _stores(init)
        params = [p.name.value for p in init.params.params]
        body_uses = [n.value for n in variable_names(init.body)]
        for i, first in enumerate(params[1:-1], start=1):
            second = params[i + 1]
            if (
                first not in stores
                or second not in stores
                or body_uses.count(first) != 1
                or body_uses.count(second) != 1
            ):
                continue
            defaults = [init.params.params[k].default for k in (i, i + 1)]
            if not all(d is None for d in defaults) and not all(
                m.matches(d, m.Tuple([])) for d in defaults
            ):
                continue
            if i + 1 != len(params) - 1:
                continue  # the dropped parameter must be the last
            kept, dropped = stores[first][0], stores[second][0]
            if kept == dropped or not self._reads_fit(
                module, kept, dropped, stores[first][1], stores[second][1]
            ):
                continue
            if not self._calls_fit(module, cls.name.value, i - 1):
                continue
            return _Plan(cls, init, kept, dropped, i - 1, (stores[first][1], stores[second][1]))
        return None

    def _zip_of(self, node: cst.CSTNode, kept: str, dropped: str) -> bool:
        return (
            calls_builtin(node, self.aliases, "zip")
            and m.matches(node, m.Call(args=[
                m.Arg(m.Attribute(value=m.Name(), attr=m.Name(kept)), keyword=None, star=""),
                m.Arg(m.Attribute(value=m.Name(), attr=m.Name(dropped)), keyword=None, star="")]))
            and node.args[0].value.value.value == node.args[1].value.value.value
        )  # fmt: skip

    def _reads_fit(self, module: cst.Module, kept: str, dropped: str,
                   kept_store: cst.Assign, dropped_store: cst.Assign) -> bool:  # fmt: skip
        loops = find_all(module, m.For() | m.CompFor())
        zips = [loop for loop in loops if self._zip_of(loop.iter, kept, dropped)]
        if not all(m.matches(loop.target, m.Tuple([m.Element(), m.Element()])) for loop in zips):
            return False
        singles = [loop for loop in loops if m.matches(loop.iter, m.Attribute(attr=m.Name(kept)))]
        if not all(isinstance(loop.target, cst.Name) for loop in singles):
            return False
        attributes = find_all(module, m.Attribute())
        kept_count = sum(a.attr.value == kept for a in attributes)
        dropped_count = sum(a.attr.value == dropped for a in attributes)
        return kept_count == len(zips) + len(singles) + 1 and dropped_count == len(zips) + 1

    def _calls_fit(self, module: cst.Module, name: str, position: int) -> bool:
        calls = find_all(module, m.Call(func=m.Name(name)))
        for call in calls:
            if any(arg.keyword or arg.star for arg in call.args):
                return False
            if len(call.args) <= position:
                continue
            if len(call.args) != position + 2:
                return False
            first, second = call.args[position].value, call.args[position + 1].value
            if not (isinstance(first, cst.Tuple) and isinstance(second, cst.Tuple)):
                return False
            if len(first.elements) != len(second.elements) or any(
                isinstance(e, cst.StarredElement) for e in (*first.elements, *second.elements)
            ):
                return False
        return True

    # --- applying the plan ---

    def leave_Param(
        self, original_node: cst.Param, updated_node: cst.Param
    ) -> cst.Param | cst.RemovalSentinel:
        plan = self.plan
        if plan is None or original_node is not plan.init.params.params[plan.position + 2]:
            return updated_node
        return cst.RemoveFromParent()

    def leave_Parameters(
        self, original_node: cst.Parameters, updated_node: cst.Parameters
    ) -> cst.Parameters:
        if self.plan is None or original_node is not self.plan.init.params:
            return updated_node
        return updated_node.with_changes(params=_bare_end(updated_node.params, "comma"))

    def leave_Assign(
        self, original_node: cst.Assign, updated_node: cst.Assign
    ) -> cst.Assign | cst.RemovalSentinel:
        if self.plan is not None and original_node is self.plan.stores[1]:
            return cst.RemoveFromParent()
        return updated_node

    def _closed(
        self, original: cst.CSTNode, updated: cst.SimpleStatementLine | cst.SimpleStatementSuite
    ) -> cst.SimpleStatementLine | cst.SimpleStatementSuite:
        """The line that held the dropped store, without a semicolon after its last statement."""
        if self.plan is None or not any(small is self.plan.stores[1] for small in original.body):
            return updated
        return updated.with_changes(body=_bare_end(updated.body, "semicolon"))

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        return self._closed(original_node, updated_node)

    def leave_SimpleStatementSuite(
        self, original_node: cst.SimpleStatementSuite, updated_node: cst.SimpleStatementSuite
    ) -> cst.SimpleStatementSuite:
        return self._closed(original_node, updated_node)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        plan = self.plan
        if plan is None or not m.matches(original_node, m.Call(func=m.Name(plan.cls.name.value))):
            return updated_node
        at = plan.position
        if len(updated_node.args) <= at:
            return updated_node
        first, second = updated_node.args[at].value, updated_node.args[at + 1].value
        args = list(updated_node.args[: at + 1])
        args[at] = args[at].with_changes(
            value=_pairs(first, second), comma=cst.MaybeSentinel.DEFAULT
        )
        return updated_node.with_changes(args=args)

    def _loop(
        self, original: cst.For | cst.CompFor, updated: cst.For | cst.CompFor
    ) -> cst.For | cst.CompFor:
        plan = self.plan
        if plan is None:
            return updated
        if self._zip_of(original.iter, plan.kept, plan.dropped):
            return updated.with_changes(iter=updated.iter.args[0].value)
        if m.matches(original.iter, m.Attribute(attr=m.Name(plan.kept))) and isinstance(
            original.target, cst.Name
        ):
            target = cst.Tuple(
                [cst.Element(updated.target, comma=COMMA), cst.Element(cst.Name("_"))],
                lpar=[],
                rpar=[],
            )
            return updated.with_changes(target=target)
        return updated

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.For:
        return self._loop(original_node, updated_node)

    def leave_CompFor(self, original_node: cst.CompFor, updated_node: cst.CompFor) -> cst.CompFor:
        return self._loop(original_node, updated_node)


class PairParallelAttributes(CSTTransform):
    name = "pair_parallel_attributes"
    safety = Safety.RISKY
    transformer = _Pairer
