"""Small facts about expressions that several rewrites need: when a part is evaluated,
when a moved value needs parentheses, and what may stand in an f-string field.

A rewrite that moves a value (inlining a variable, folding an assignment,
writing a constant's literal) asks here, so that each of these questions has
one answer.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

#: Expressions that bind tighter than any operator, so they can stand anywhere.
PRIMARY = (
    m.Name()
    | m.Attribute()
    | m.Call()
    | m.Subscript()
    | m.SimpleString()
    | m.ConcatenatedString()
    | m.List()
    | m.Dict()
    | m.Set()
    | m.ListComp()
    | m.SetComp()
    | m.DictComp()
)
#: Places that hold a whole expression, where only a few kinds need parentheses.
WHOLE_EXPRESSION_SLOT = (
    m.Arg(keyword=None, star="")
    | m.Element()
    | m.Index()
    | m.Assign()
    | m.Return()
    | m.Expr()
    | m.DictElement()
)
NEEDS_PARENTHESES_EVEN_ALONE = m.Tuple() | m.Yield() | m.NamedExpr() | m.StarredElement()


def is_conditional_part(parent: cst.CSTNode, child: cst.CSTNode) -> bool:
    """Is ``child`` evaluated only when earlier parts of ``parent`` allow it?"""
    if isinstance(parent, cst.BooleanOperation):
        return child is parent.right
    if isinstance(parent, cst.IfExp):
        return child is not parent.test
    if isinstance(parent, cst.Comparison):  # ``a < b < c`` stops early
        return child is not parent.left and child is not parent.comparisons[0]
    if isinstance(parent, cst.Assert):
        return child is parent.msg
    return False


def parenthesised_for(
    value: cst.BaseExpression, place: cst.CSTNode, in_fstring: bool
) -> cst.BaseExpression:
    """``value`` ready to stand at ``place`` (the read's parent), parenthesised if it may need it.

    In an f-string even a display needs parentheses: ``{{`` would be an escape."""
    if value.lpar:
        return value
    if not in_fstring and (
        m.matches(value, PRIMARY)
        or (
            m.matches(place, WHOLE_EXPRESSION_SLOT)
            and not m.matches(value, NEEDS_PARENTHESES_EVEN_ALONE)
        )
    ):
        return value
    return value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def fits_in_fstring(value: cst.BaseExpression, fstring: cst.FormattedString) -> bool:
    """Before Python 3.12 an f-string field cannot reuse its quote or hold a backslash,
    a line break or a ``#``."""
    code = cst.Module(body=[]).code_for_node(value)
    return not any(c in code for c in (fstring.quote[0], "\\", "\n", "#"))
