"""Pass a generator instead of a list to a function that only iterates its argument:
``sum([x*x for x in v])`` -> ``sum(x*x for x in v)``.

``sum``, ``min``, ``max``, ``any``, ``all``, ``sorted``, ``set``, ``tuple``,
``list`` and ``str.join`` consume their one argument in order, so the items are
the same. RISKY: each item is now computed just before it is consumed rather
than all first (``any`` and ``all`` may also stop early); the verifier judges.
Builtins are recognised through aliases such as ``P=sum``.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety

CONSUMERS = frozenset({"sum", "min", "max", "any", "all", "sorted", "set", "tuple", "list"})
JOIN = m.Attribute(value=m.SimpleString(), attr=m.Name("join"))


class _ArgumentGenerator(BuiltinAwareTransformer):
    def _consumes(self, function: cst.BaseExpression) -> bool:
        if isinstance(function, cst.Name):
            return self.aliases.get(function.value) in CONSUMERS
        return m.matches(function, JOIN)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if len(updated_node.args) != 1 or not self._consumes(updated_node.func):
            return updated_node
        argument = updated_node.args[0]
        comprehension = argument.value
        if argument.keyword or argument.star or not isinstance(comprehension, cst.ListComp):
            return updated_node
        if comprehension.lpar or not self.take_site():
            return updated_node
        generator = cst.GeneratorExp(comprehension.elt, comprehension.for_in, lpar=[], rpar=[])
        return updated_node.with_changes(args=[argument.with_changes(value=generator)])


class GenerateArguments(CSTTransform):
    name = "generate_arguments"
    safety = Safety.RISKY
    transformer = _ArgumentGenerator
