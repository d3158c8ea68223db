"""Drop a list wrapped around one list: ``C=[[]]`` passed as ``l`` to ``G``, which only reads ``l[0]``
-> ``C=[]`` and ``l``.

A program written for several layers keeps one cache per layer (``keys[li]``);
with one layer each cache is a list of one list, and every read goes through
``[0]``. When every binding of the names passed is ``[[]]``, every read of them
is that argument of calls to one module-level function, and that function reads
the parameter only as ``p[0]``, the inner list can be passed directly. RISKY:
``p[0]+=x`` and ``p+=x`` both extend the one list in place, but the verifier
judges what else may differ.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import variable_names
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

WRAPPED_EMPTY = m.List(elements=[m.Element(value=m.List(elements=[]))])
FIRST_ITEM = m.SubscriptElement(slice=m.Index(value=m.Integer("0")))


def _functions(module: cst.Module) -> dict[str, cst.FunctionDef | cst.Lambda]:
    """Module-level functions by name: ``def`` statements and ``name=lambda`` bindings."""
    found: dict[str, cst.FunctionDef | cst.Lambda] = {}
    for statement in module.body:
        if isinstance(statement, cst.FunctionDef):
            found[statement.name.value] = statement
        elif isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if m.matches(
                    small, m.Assign(targets=[m.AssignTarget(target=m.Name())], value=m.Lambda())
                ):
                    found[small.targets[0].target.value] = small.value
    return found


def _wrapped_bindings(module: cst.Module) -> dict[str, list[cst.List]]:
    """For each name, the ``[[]]`` values plainly bound to it (``C,D=[[]],[[]]`` included)."""
    found: dict[str, list[cst.List]] = {}
    for assign in find_all(module, m.Assign()):
        for target in assign.targets:
            pairs: list[tuple[cst.BaseExpression, cst.BaseExpression]] = [
                (target.target, assign.value)
            ]
            if isinstance(target.target, cst.Tuple) and isinstance(assign.value, cst.Tuple):
                if len(target.target.elements) == len(assign.value.elements):
                    pairs = [
                        (t.value, v.value)
                        for t, v in zip(target.target.elements, assign.value.elements)
                    ]
            for bound, value in pairs:
                if isinstance(bound, cst.Name) and m.matches(value, WRAPPED_EMPTY):
                    found.setdefault(bound.value, []).append(value)
    return found


class _SingletonUnwrapper(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.unwrapped_lists: set[int] = set()
        self.parameters: dict[int, set[str]] = {}  # id(function) -> parameters read without [0]
        self.inside: list[int] = []

    def visit_Module(self, node: cst.Module) -> None:
        wrapped = _wrapped_bindings(node)
        if not wrapped:  # every site unwraps a ``[[]]`` binding: none, nothing to look for
            return
        functions = _functions(node)
        names = variable_names(node)
        for function_name, function in functions.items():
            calls = find_all(node, m.Call(func=m.Name(function_name)))
            if sum(n.value == function_name for n in names) != len(calls) + 1:  # and its binding
                continue
            for index, param in enumerate(function.params.params):
                passed = self._passed(calls, index)
                if passed and self._only_first_item(function, param.name.value):
                    if self._only_passed(names, wrapped, passed, len(calls)) and self.take_site():
                        self.parameters.setdefault(id(function), set()).add(param.name.value)
                        self.unwrapped_lists.update(id(v) for name in passed for v in wrapped[name])

    @staticmethod
    def _passed(calls: list[cst.Call], index: int) -> set[str] | None:
        passed = set()
        for call in calls:
            args = call.args
            if index >= len(args) or any(a.star or a.keyword for a in args[: index + 1]):
                return None
            if not isinstance(args[index].value, cst.Name):
                return None
            passed.add(args[index].value.value)
        return passed

    @staticmethod
    def _only_first_item(function: cst.FunctionDef | cst.Lambda, param: str) -> bool:
        body = function.body
        reads = sum(n.value == param for n in variable_names(body))
        items = find_all(body, m.Subscript(value=m.Name(param), slice=[FIRST_ITEM]))
        return reads > 0 and reads == len(items)

    @staticmethod
    def _only_passed(
        names: list[cst.Name], wrapped: dict[str, list[cst.List]], passed: set[str], calls: int
    ) -> bool:
        """Every occurrence of the passed names is a ``[[]]`` binding or one of the arguments."""
        occurrences = sum(n.value in passed for n in names)
        bindings = sum(len(wrapped.get(name, [])) for name in passed)
        return all(name in wrapped for name in passed) and occurrences == bindings + calls

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.inside.append(id(node))

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        self.inside.pop()
        return updated_node

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.inside.append(id(node))

    def leave_Lambda(self, original_node: cst.Lambda, updated_node: cst.Lambda) -> cst.Lambda:
        self.inside.pop()
        return updated_node

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.BaseExpression:
        unwrapped = set().union(*(self.parameters.get(function, set()) for function in self.inside))
        if m.matches(original_node, m.Subscript(value=m.Name(), slice=[FIRST_ITEM])):
            if original_node.value.value in unwrapped:
                return updated_node.value.with_changes(
                    lpar=updated_node.lpar, rpar=updated_node.rpar
                )
        return updated_node

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.List:
        if id(original_node) in self.unwrapped_lists:
            return cst.List([], lpar=updated_node.lpar, rpar=updated_node.rpar)
        return updated_node


class UnwrapSingletonLists(CSTTransform):
    name = "unwrap_singleton_lists"
    safety = Safety.RISKY
    transformer = _SingletonUnwrapper
