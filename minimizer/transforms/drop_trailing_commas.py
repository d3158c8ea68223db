"""Drop the comma after the last element of a list, set or dict display, call or signature.

``{'a': 1, 'b': 2,}`` reads the same to Python without its last comma. Tuples
keep theirs, since ``(a,)`` is a tuple only because of it. LAYOUT: the ast is
unchanged. One site per trailing comma.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import libcst as cst

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

Node = TypeVar("Node", cst.List, cst.Set, cst.Dict, cst.Call, cst.Parameters)


class _DropTrailingCommas(SiteTransformer):
    def _without_last_comma(self, items: Sequence[cst.CSTNode]) -> list[cst.CSTNode] | None:
        if not items or not isinstance(getattr(items[-1], "comma", None), cst.Comma):
            return None
        if not self.take_site():
            return None
        return [*items[:-1], items[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]

    def _drop(self, node: Node, field: str) -> Node:
        items = self._without_last_comma(getattr(node, field))
        return node if items is None else node.with_changes(**{field: items})

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.List:
        return self._drop(updated_node, "elements")

    def leave_Set(self, original_node: cst.Set, updated_node: cst.Set) -> cst.Set:
        return self._drop(updated_node, "elements")

    def leave_Dict(self, original_node: cst.Dict, updated_node: cst.Dict) -> cst.Dict:
        return self._drop(updated_node, "elements")

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        return self._drop(updated_node, "args")

    def leave_Parameters(
        self, original_node: cst.Parameters, updated_node: cst.Parameters
    ) -> cst.Parameters:
        has_star = isinstance(updated_node.star_arg, (cst.Param, cst.ParamStar))
        if updated_node.star_kwarg is not None or updated_node.kwonly_params or has_star:
            return updated_node  # the comma may belong to another part of the signature
        return self._drop(updated_node, "params")


class DropTrailingCommas(CSTTransform):
    name = "drop_trailing_commas"
    safety = Safety.LAYOUT
    transformer = _DropTrailingCommas
