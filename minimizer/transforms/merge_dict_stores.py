"""Fold stores that follow a dict literal into the literal: ``d={'a':1};d['b']=2`` -> ``d={'a':1,'b':2}``.

Programs build a dict in one literal and then add entries one statement at a
time; each such store costs ``;d[k]=`` where the literal needs only ``,k:``.
Only a run of stores right after the assignment merges, keys must be
literals and values must not name the dict, so the entries are inserted in the
same order from the same values. RISKY: a value that calls a function which
reads the dict would now run before the dict exists; the verifier decides.
One site per store; a store left out ends its run (later ones would otherwise
be inserted ahead of it).
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

LITERAL_KEY = m.SimpleString() | m.Integer() | m.Float()


def _dict_assigned(statement: cst.BaseSmallStatement) -> str | None:
    """The name a dict literal is assigned to, if ``statement`` is ``NAME = {...}``."""
    if m.matches(statement, m.Assign(targets=[m.AssignTarget(target=m.Name())], value=m.Dict())):
        return statement.targets[0].target.value  # type: ignore[attr-defined]
    return None


def _store_into(
    statement: cst.BaseSmallStatement, name: str
) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
    """(key, value) when ``statement`` is ``name[literal] = value`` and value does not name ``name``."""
    pattern = m.Assign(
        targets=[
            m.AssignTarget(
                target=m.Subscript(
                    value=m.Name(name), slice=[m.SubscriptElement(m.Index(LITERAL_KEY))]
                )
            )
        ]
    )
    if not m.matches(statement, pattern):
        return None
    assert isinstance(statement, cst.Assign)
    if find_all(statement.value, m.Name(name)):
        return None
    subscript = statement.targets[0].target
    assert isinstance(subscript, cst.Subscript)
    return subscript.slice[0].slice.value, statement.value  # type: ignore[union-attr]


class _MergeDictStores(SiteTransformer):
    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        return updated_node.with_changes(body=self._merged(updated_node.body))

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        return updated_node.with_changes(body=self._merged(updated_node.body))

    def _merged(self, statements: Sequence[cst.BaseStatement]) -> list[cst.BaseStatement]:
        lines: list[tuple[cst.BaseStatement, list[cst.BaseSmallStatement]]] = []
        open_dict: tuple[list[cst.BaseSmallStatement], int, str] | None = (
            None  # (line body, index, name)
        )
        run_broken = False
        for statement in statements:
            if not isinstance(statement, cst.SimpleStatementLine):
                lines.append((statement, []))
                open_dict = None
                continue
            kept: list[cst.BaseSmallStatement] = []
            lines.append((statement, kept))
            for small in statement.body:
                entry = _store_into(small, open_dict[2]) if open_dict else None
                if entry is not None and open_dict is not None:
                    chosen = self.take_site()
                    if chosen and not run_broken:
                        body, index, _ = open_dict
                        assign = body[index]
                        assert isinstance(assign, cst.Assign) and isinstance(assign.value, cst.Dict)
                        elements = [*assign.value.elements, cst.DictElement(*entry)]
                        body[index] = assign.with_changes(
                            value=assign.value.with_changes(elements=elements)
                        )
                        continue
                    run_broken = True
                else:
                    name = _dict_assigned(small)
                    open_dict = (kept, len(kept), name) if name else None
                    run_broken = False
                kept.append(small)
        merged: list[cst.BaseStatement] = []
        for statement, kept in lines:
            if not isinstance(statement, cst.SimpleStatementLine):
                merged.append(statement)
            elif kept:
                last = kept[-1]
                if isinstance(last, cst.BaseSmallStatement) and len(kept) < len(statement.body):
                    kept[-1] = last.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
                merged.append(statement.with_changes(body=kept))
        return merged


class MergeDictStores(CSTTransform):
    name = "merge_dict_stores"
    safety = Safety.RISKY
    transformer = _MergeDictStores
