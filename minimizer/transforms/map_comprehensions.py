"""Call through ``map`` instead of a comprehension: ``[f(v) for v in X]`` -> ``[*map(f,X)]``,
``[f(a,b) for a,b in zip(X,Y)]`` -> ``[*map(f,X,Y)]``.

When the element is one call whose arguments are exactly the loop variables,
in order, ``map`` makes the same calls in the same order. RISKY: ``zip`` stops
at the shortest input, as does ``map``, but the function is looked up once
instead of on every item, and an element spelled ``o.index(v)`` binds the
method once; the verifier judges. Only proposed where shorter.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.rewrites import (
    calls_builtin,
    shorter_unpacked_list,
    variable_names,
)
from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety

NO_SPACE = cst.SimpleWhitespace("")


class _ComprehensionMapper(BuiltinAwareTransformer):
    def _mapped(self, node: cst.ListComp) -> cst.Call | None:
        loop = node.for_in
        call = node.elt
        if loop.ifs or loop.inner_for_in or loop.asynchronous or not isinstance(call, cst.Call):
            return None
        if isinstance(loop.target, cst.Name):
            variables, iterables = [loop.target.value], [loop.iter]
        elif isinstance(loop.target, cst.Tuple) and calls_builtin(loop.iter, self.aliases, "zip"):
            if not all(
                isinstance(e.value, cst.Name) and not isinstance(e, cst.StarredElement)
                for e in loop.target.elements
            ):
                return None
            variables = [e.value.value for e in loop.target.elements]
            iterables = [arg.value for arg in loop.iter.args]
            if any(arg.keyword or arg.star for arg in loop.iter.args) or len(iterables) != len(
                variables
            ):
                return None
        else:
            return None
        arguments = [arg.value for arg in call.args]
        if any(arg.keyword or arg.star for arg in call.args):
            return None
        if not all(m.matches(a, m.Name(v)) for a, v in zip(arguments, variables)) or len(
            arguments
        ) != len(variables):
            return None
        if set(variables) & {name.value for name in variable_names(call.func)} or len(
            set(variables)
        ) != len(variables):
            return None
        inputs = [
            (
                call.func.with_changes(lpar=[], rpar=[])
                if isinstance(call.func, cst.Name)
                else call.func
            ),
            *iterables,
        ]
        last = len(inputs) - 1
        return cst.Call(
            self.spelled("map"),
            [
                cst.Arg(
                    value,
                    comma=cst.Comma(NO_SPACE, NO_SPACE) if i < last else cst.MaybeSentinel.DEFAULT,
                )
                for i, value in enumerate(inputs)
            ],
        )

    def leave_ListComp(
        self, original_node: cst.ListComp, updated_node: cst.ListComp
    ) -> cst.BaseExpression:
        listed = shorter_unpacked_list(self._mapped(updated_node), updated_node)
        if listed is None or not self.take_site():
            return updated_node
        return listed


class MapComprehensions(CSTTransform):
    name = "map_comprehensions"
    safety = Safety.RISKY
    transformer = _ComprehensionMapper
