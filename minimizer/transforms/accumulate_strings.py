"""Build a string directly instead of a list that is joined: ``J=[];J.append(c);''.join(J)`` ->
``J='';J+=c;J``.

When a name is only ever bound to ``[]``, grown one item at a time and read
as ``''.join(name)``, appending each item to a string gives the joined text
directly. RISKY: it holds only if every item is a string (``+=`` on a string of
a non-string raises), and it is proposed only when every occurrence of the name
in the whole module has one of those three forms.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import ParentProvider, find_all
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

EMPTY_LIST = m.Assign(targets=[m.AssignTarget(target=m.Name())], value=m.List(elements=[]))
APPEND = m.Expr(
    value=m.Call(
        func=m.Attribute(value=m.Name(), attr=m.Name("append")), args=[m.Arg(keyword=None, star="")]
    )
)
ADD_ONE = m.AugAssign(target=m.Name(), operator=m.AddAssign(), value=m.List(elements=[m.Element()]))
JOINED = m.Call(
    func=m.Attribute(value=m.SimpleString("''") | m.SimpleString('""'), attr=m.Name("join")),
    args=[m.Arg(value=m.Name(), keyword=None, star="")],
)
NO_SPACE = cst.SimpleWhitespace("")


class _StringAccumulator(SiteTransformer):
    METADATA_DEPENDENCIES = (ParentProvider,)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.chosen_names: set[str] = set()

    def visit_Module(self, node: cst.Module) -> None:
        forms: dict[str, set[str]] = {}
        refused: set[str] = set()
        for name in find_all(node, m.Name()):
            form = self._form(name)
            if form is None:
                refused.add(name.value)
            else:
                forms.setdefault(name.value, set()).add(form)
        for name, found in forms.items():
            growing = "append" in found
            if name not in refused and "bind" in found and "join" in found and growing:
                if self.take_site():
                    self.chosen_names.add(name)

    def _form(self, name: cst.Name) -> str | None:
        parent = self.get_metadata(ParentProvider, name)
        if isinstance(parent, cst.AssignTarget):
            statement = self.get_metadata(ParentProvider, parent)
            return "bind" if m.matches(statement, EMPTY_LIST) else None
        if isinstance(parent, cst.AugAssign):
            return "append" if m.matches(parent, ADD_ONE) and parent.target is name else None
        if isinstance(parent, cst.Attribute):
            call = self.get_metadata(ParentProvider, parent)
            statement = (
                self.get_metadata(ParentProvider, call) if isinstance(call, cst.Call) else None
            )
            return "append" if m.matches(statement, APPEND) else None
        if isinstance(parent, cst.Arg):
            call = self.get_metadata(ParentProvider, parent)
            return "join" if m.matches(call, JOINED) else None
        return None

    def _chosen(self, node: cst.CSTNode) -> bool:
        return isinstance(node, cst.Name) and node.value in self.chosen_names

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign:
        if m.matches(original_node, EMPTY_LIST) and self._chosen(original_node.targets[0].target):
            return updated_node.with_changes(value=cst.SimpleString("''"))
        return updated_node

    def leave_AugAssign(
        self, original_node: cst.AugAssign, updated_node: cst.AugAssign
    ) -> cst.AugAssign:
        if m.matches(original_node, ADD_ONE) and self._chosen(original_node.target):
            return updated_node.with_changes(value=updated_node.value.elements[0].value)
        return updated_node

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr) -> cst.BaseSmallStatement:
        if m.matches(original_node, APPEND) and self._chosen(original_node.value.func.value):
            call = updated_node.value
            return cst.AugAssign(
                call.func.value,
                cst.AddAssign(NO_SPACE, NO_SPACE),
                call.args[0].value,
                semicolon=updated_node.semicolon,
            )
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if m.matches(original_node, JOINED) and self._chosen(original_node.args[0].value):
            return updated_node.args[0].value.with_changes(
                lpar=updated_node.lpar, rpar=updated_node.rpar
            )
        return updated_node


class AccumulateStrings(CSTTransform):
    name = "accumulate_strings"
    safety = Safety.RISKY
    transformer = _StringAccumulator
