"""Print several arguments instead of one f-string: ``print(f"num docs: {n}")`` -> ``print('num docs:',n)``.

``print`` puts one space between its arguments, so an f-string value that
stands between spaces (or at either end) can be passed on its own, and the
spaces around it become the separators. ``print`` shows a value with
``str``, the f-string with ``format(value, '')``: the same for the usual
types, but not for every type, hence RISKY; the verifier judges. A value with
a conversion or a format spec stays inside its f-string. Proposed only where
the call gets shorter and ``print`` (or its alias) gets no ``sep``.
"""

from __future__ import annotations

import libcst as cst

from minimizer.analysis.rewrites import code
from minimizer.transforms.base import BuiltinAwareTransformer, CSTTransform, Safety

Part = cst.BaseFormattedStringContent
NO_SPACE = cst.SimpleWhitespace("")


def _plain(expression: Part) -> bool:
    return (
        isinstance(expression, cst.FormattedStringExpression)
        and expression.format_spec is None
        and expression.conversion is None
        and expression.equal is None
    )


def _text(part: Part | None) -> str | None:
    return part.value if isinstance(part, cst.FormattedStringText) else None


def _splits(parts: list[Part]) -> list[bool]:
    """For each part, whether it is a plain value with a space (or an end) on both sides."""
    result = []
    for index, part in enumerate(parts):
        before = _text(parts[index - 1]) if index else ""
        after = _text(parts[index + 1]) if index + 1 < len(parts) else ""
        spaced_before = before == "" if index == 0 else (before or "").endswith(" ")
        spaced_after = after == "" if index + 1 == len(parts) else (after or "").startswith(" ")
        result.append(_plain(part) and spaced_before and spaced_after)
    return result


def _segments(parts: list[Part]) -> list[list[Part] | cst.BaseExpression]:
    """The arguments: runs of parts that stay in a string, and split-off values."""
    splits = _splits(parts)
    arguments: list[list[Part] | cst.BaseExpression] = []
    run: list[Part] = []
    for index, part in enumerate(parts):
        if splits[index]:
            if run:
                arguments.append(run)
            arguments.append(cst.ensure_type(part, cst.FormattedStringExpression).expression)
            run = []
            continue
        if isinstance(part, cst.FormattedStringText):
            text = part.value
            split_before = index > 0 and splits[index - 1]
            split_after = index + 1 < len(parts) and splits[index + 1]
            if split_before and split_after and text == " ":
                continue
            text = text[1:] if split_before else text
            text = text[:-1] if split_after else text
            part = part.with_changes(value=text)
        run.append(part)
    if run:
        arguments.append(run)
    return arguments


def _as_string(run: list[Part], template: cst.FormattedString) -> cst.BaseExpression:
    if any(isinstance(part, cst.FormattedStringExpression) for part in run):
        return template.with_changes(parts=run, lpar=[], rpar=[])
    text = "".join(cst.ensure_type(part, cst.FormattedStringText).value for part in run)
    text = text.replace("{{", "{").replace("}}", "}")
    prefix = "".join(letter for letter in template.start[:-1] if letter not in "fF")
    quote = template.end
    return cst.SimpleString(f"{prefix}{quote}{text}{quote}")


class _PrintSplitter(BuiltinAwareTransformer):
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if not (
            isinstance(updated_node.func, cst.Name)
            and self.aliases.get(updated_node.func.value) == "print"
        ):
            return updated_node
        if len(updated_node.args) != 1 or updated_node.args[0].keyword or updated_node.args[0].star:
            return updated_node
        template = updated_node.args[0].value
        if not isinstance(template, cst.FormattedString) or "{" in template.start:
            return updated_node
        segments = _segments(list(template.parts))
        if len(segments) < 2:
            return updated_node
        values = [_as_string(s, template) if isinstance(s, list) else s for s in segments]
        last = len(values) - 1
        arguments = [
            cst.Arg(
                (
                    value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
                    if isinstance(value, cst.Tuple) and not value.lpar
                    else value
                ),
                comma=cst.Comma(NO_SPACE, NO_SPACE) if index < last else cst.MaybeSentinel.DEFAULT,
            )
            for index, value in enumerate(values)
        ]
        split = updated_node.with_changes(args=arguments)
        if len(code(split)) >= len(code(updated_node)) or not self.take_site():
            return updated_node
        return split


class SplitPrintFstrings(CSTTransform):
    name = "split_print_fstrings"
    safety = Safety.RISKY
    transformer = _PrintSplitter
