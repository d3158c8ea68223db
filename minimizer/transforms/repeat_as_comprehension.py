"""Spell a run of identical calls in a display as a comprehension:
``[d(s,a),d(a,a),d(a,a),d(a,a),d(a,a)]`` -> ``[d(s,a),*[d(a,a)for _ in range(4)]]``.

The comprehension evaluates the element once per iteration, in order, just as
the display evaluates its repeated elements, so each gets its own object. Only
calls are proposed (a repeated constant would be better written ``[x]*n``),
and only where the display gets shorter. RISKY: the element is now evaluated in
the comprehension's own scope, and ``range`` is spelled as the program aliases
it; the verifier judges.
"""

from __future__ import annotations

import libcst as cst

from minimizer.analysis.rewrites import code, variable_names
from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety

NO_SPACE = cst.SimpleWhitespace("")


class _RepetitionFolder(BuiltinAwareTransformer):
    def _folded(
        self, element: cst.Element, count: int, comma: cst.Comma | cst.MaybeSentinel
    ) -> cst.StarredElement:
        repeated = cst.ListComp(
            element.value,
            cst.CompFor(
                target=cst.Name("_"),
                iter=cst.Call(self.spelled("range"), [cst.Arg(cst.Integer(str(count)))]),
                whitespace_before=(
                    NO_SPACE if code(element.value)[-1] in ")]}" else cst.SimpleWhitespace(" ")
                ),
            ),
        )
        return cst.StarredElement(repeated, comma=comma)

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.List:
        elements = list(updated_node.elements)
        result: list[cst.BaseElement] = []
        index = 0
        while index < len(elements):
            element = elements[index]
            end = index + 1
            if isinstance(element, cst.Element) and isinstance(element.value, cst.Call):
                if not any(name.value == "_" for name in variable_names(element.value)):
                    while (
                        end < len(elements)
                        and isinstance(elements[end], cst.Element)
                        and elements[end].value.deep_equals(element.value)
                    ):
                        end += 1
            count = end - index
            comma = elements[end - 1].comma
            folded = self._folded(element, count, comma) if count > 1 else None
            spelled = "".join(code(e) for e in elements[index:end])
            if folded is not None and len(code(folded)) < len(spelled) and self.take_site():
                result.append(folded)
            else:
                result.extend(elements[index:end])
            index = end
        return updated_node.with_changes(elements=result)


class RepeatAsComprehension(CSTTransform):
    name = "repeat_as_comprehension"
    safety = Safety.RISKY
    transformer = _RepetitionFolder
