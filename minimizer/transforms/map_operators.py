"""Map a class's operator method over zipped inputs: ``[a+b for a,b in zip(X,Y)]`` ->
``[*map(V.__add__,X,Y)]``, ``sum(a*b for a,b in zip(X,Y))`` -> ``sum(map(V.__mul__,X,Y))``.

When the program's one class that defines ``__add__`` is ``V`` and every ``a``
is a ``V``, ``a+b`` calls ``V.__add__(a,b)``: ``map`` makes the same calls in
the same order. RISKY: nothing here knows that ``a`` is a ``V`` (a float there
would now fail, and ``V.__add__`` returning ``NotImplemented`` would no longer
fall back to ``b.__radd__``); the verifier judges. Proposed only where the
operands are the two loop variables in order, there is no condition and no
inner loop, exactly one class of the module defines the method, and the result
is shorter.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ScopeProvider

from minimizer.analysis.rewrites import calls_builtin, code, shorter_unpacked_list
from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety

NO_SPACE = cst.SimpleWhitespace("")
DUNDERS = {
    cst.Add: "__add__",
    cst.Subtract: "__sub__",
    cst.Multiply: "__mul__",
    cst.Divide: "__truediv__",
    cst.Power: "__pow__",
}


def _defined_in(class_def: cst.ClassDef) -> set[str]:
    """Names a class body binds at its top level: methods and assigned attributes."""
    names: set[str] = set()
    for statement in class_def.body.body:
        if isinstance(statement, cst.FunctionDef):
            names.add(statement.name.value)
        elif isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign):
                    names.update(
                        t.target.value for t in small.targets if isinstance(t.target, cst.Name)
                    )
    return names


class _OperatorMapper(BuiltinAwareTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider,)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.owners: dict[str, list[cst.ClassDef]] = {}

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        for statement in node.body:
            if isinstance(statement, cst.ClassDef):
                for name in _defined_in(statement):
                    self.owners.setdefault(name, []).append(statement)

    def _class_here(self, node: cst.CSTNode, class_def: cst.ClassDef) -> bool:
        """Whether the class's name, read where ``node`` stands, means the class."""
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        bindings = scope[class_def.name.value]
        return bool(bindings) and all(binding.node is class_def for binding in bindings)

    def _mapped(
        self, original: cst.ListComp | cst.GeneratorExp, node: cst.ListComp | cst.GeneratorExp
    ) -> cst.Call | None:
        """``map(V.__op__,X,Y)`` for ``node``; ``original`` is where scopes are asked."""
        loop, element = node.for_in, node.elt
        if loop.ifs or loop.inner_for_in or loop.asynchronous:
            return None
        if not calls_builtin(loop.iter, self.aliases, "zip") or len(loop.iter.args) != 2:
            return None
        if any(arg.keyword or arg.star for arg in loop.iter.args):
            return None
        if not m.matches(loop.target, m.Tuple([m.Element(m.Name()), m.Element(m.Name())])):
            return None
        first, second = (e.value.value for e in loop.target.elements)
        if first == second or not isinstance(element, cst.BinaryOperation) or element.lpar:
            return None
        dunder = DUNDERS.get(type(element.operator))
        if dunder is None or not (
            m.matches(element.left, m.Name(first)) and m.matches(element.right, m.Name(second))
        ):
            return None
        owners = self.owners.get(dunder, [])
        if len(owners) != 1 or not self._class_here(original, owners[0]):
            return None
        method = cst.Attribute(cst.Name(owners[0].name.value), cst.Name(dunder))
        inputs = [method, *(arg.value for arg in loop.iter.args)]
        comma = cst.Comma(NO_SPACE, NO_SPACE)
        return cst.Call(
            self.spelled("map"),
            [cst.Arg(value, comma=comma if i < 2 else cst.MaybeSentinel.DEFAULT)
             for i, value in enumerate(inputs)],
        )  # fmt: skip

    def leave_ListComp(
        self, original_node: cst.ListComp, updated_node: cst.ListComp
    ) -> cst.BaseExpression:
        listed = shorter_unpacked_list(self._mapped(original_node, updated_node), updated_node)
        if listed is None or not self.take_site():
            return updated_node
        return listed

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if len(updated_node.args) != 1 or updated_node.args[0].keyword:
            return updated_node
        generator = updated_node.args[0].value
        if not isinstance(generator, cst.GeneratorExp) or updated_node.args[0].star:
            return updated_node
        mapped = self._mapped(original_node.args[0].value, generator)
        if mapped is None or len(code(mapped)) >= len(code(generator)):
            return updated_node
        if not self.take_site():
            return updated_node
        return updated_node.with_changes(args=[updated_node.args[0].with_changes(value=mapped)])


class MapOperators(CSTTransform):
    name = "map_operators"
    safety = Safety.RISKY
    transformer = _OperatorMapper
