"""Spell an f-string as a ``%`` format where that is shorter: ``f"step {j+1:4d} | {x:.4f}"`` ->
``"step %4d | %.4f"%(j+1,x)``.

Every replacement field must have no spec, or a spec ``%`` knows the same way
(``4d``, ``.4f``, ``08.3e``...); literal ``%`` signs are doubled. ``%d`` of a
float truncates where ``{x:d}`` raises, and ``%s`` is ``str`` where a bare
field is ``format``: RISKY, the verifier judges. Only f-strings passed as call
arguments are proposed, where the ``%`` operation needs no parentheses.
"""

from __future__ import annotations

import re

import libcst as cst

from minimizer.analysis.rewrites import code, parenthesized
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

PERCENT_SPEC = re.compile(r"[-+ 0#]*\d*(\.\d+)?[dfeEgGxXo]")
NO_SPACE = cst.SimpleWhitespace("")


def _conversion_letter(field: cst.FormattedStringExpression) -> str | None:
    if field.equal is not None:
        return None
    if field.conversion in ("r", "a"):
        return None if field.format_spec else field.conversion
    if field.format_spec is None:
        return "s"
    spec = field.format_spec
    if len(spec) != 1 or not isinstance(spec[0], cst.FormattedStringText):
        return None
    text = spec[0].value
    return text if PERCENT_SPEC.fullmatch(text) and field.conversion is None else None


def _percent_format(string: cst.FormattedString) -> cst.BinaryOperation | None:
    template, values = [], []
    for part in string.parts:
        if isinstance(part, cst.FormattedStringText):
            template.append(part.value.replace("%", "%%").replace("{{", "{").replace("}}", "}"))
            continue
        letter = _conversion_letter(part)
        if letter is None:
            return None
        template.append("%" + letter)
        values.append(part.expression)
    if not values:
        return None
    prefix = "".join(letter for letter in string.start[:-1] if letter not in "fF")
    text = cst.SimpleString(f"{prefix}{string.end}{''.join(template)}{string.end}")
    if len(values) == 1 and not isinstance(values[0], cst.Tuple):
        operand = parenthesized(values[0])
    else:
        last = len(values) - 1
        operand = cst.Tuple(
            [
                cst.Element(
                    v,
                    comma=cst.Comma(NO_SPACE, NO_SPACE) if i < last else cst.MaybeSentinel.DEFAULT,
                )
                for i, v in enumerate(values)
            ]
        )
    return cst.BinaryOperation(
        text, cst.Modulo(NO_SPACE, NO_SPACE), operand, lpar=string.lpar, rpar=string.rpar
    )


class _PercentFormatter(SiteTransformer):
    """Call arguments only: there the ``%`` operation needs no parentheses."""

    def leave_Arg(self, original_node: cst.Arg, updated_node: cst.Arg) -> cst.Arg:
        string = updated_node.value
        if not isinstance(string, cst.FormattedString):
            return updated_node
        formatted = _percent_format(string)
        if formatted is None or len(code(formatted)) >= len(code(string)):
            return updated_node
        return updated_node.with_changes(value=formatted) if self.take_site() else updated_node


class FormatWithPercent(CSTTransform):
    name = "format_with_percent"
    safety = Safety.RISKY
    transformer = _PercentFormatter
