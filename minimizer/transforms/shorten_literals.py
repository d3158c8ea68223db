"""Spell each number and string literal the shortest way that keeps its value.

Programs written for people carry literals spelled for people: ``0.08``,
``1e-08``, ``0x10``, ``'''docs'''``, ``f"no fields"``. Each has a shorter
spelling that Python reads as the very same object: the same type and, for a
float, the same bits (compared with ``float.hex``, never ``==``). Nothing is
folded: ``1 - 0.85`` stays an expression, only its literals are respelled.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterator

import libcst as cst

from minimizer.analysis.literals import shortest_float, shortest_imaginary
from minimizer.analysis.parsing import parse
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

OCTAL_DIGITS = frozenset("01234567")
NAMED_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
QUOTES = ("'", '"')


def _is_printable(char: str, is_bytes: bool) -> bool:
    # Bytes literals may only hold ASCII; a str may hold any printable character.
    return " " <= char <= "~" if is_bytes else char.isprintable()


def _escaped_char(char: str, following: str, is_bytes: bool) -> str:
    if char in NAMED_ESCAPES:
        return NAMED_ESCAPES[char]
    if char == "\0":
        # "\0" followed by an octal digit would read as a longer octal escape.
        return "\\x00" if following in OCTAL_DIGITS else "\\0"
    if _is_printable(char, is_bytes):
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _quote_needs_escape(text: str, index: int, quote: str, triple: bool) -> bool:
    if not triple:
        return True
    # Inside a triple-quoted literal a quote only ends it as a run of three or
    # when it would touch the closing quotes.
    return index == len(text) - 1 or text[index + 1 : index + 3] == quote * 2


def _escaped_body(text: str, quote: str, triple: bool, is_bytes: bool) -> str:
    pieces = []
    for index, char in enumerate(text):
        following = text[index + 1 : index + 2]
        if char == quote:
            needs_escape = _quote_needs_escape(text, index, quote, triple)
            pieces.append("\\" + quote if needs_escape else quote)
        elif char == "\n" and triple:
            pieces.append(char)
        else:
            pieces.append(_escaped_char(char, following, is_bytes))
    return "".join(pieces)


def _raw_body_allowed(text: str, quote: str, triple: bool, is_bytes: bool) -> bool:
    """Whether ``text`` can stand verbatim between raw quotes."""
    trailing_backslashes = len(text) - len(text.rstrip("\\"))
    return (
        quote not in text
        and trailing_backslashes % 2 == 0
        and all(_is_printable(char, is_bytes) or (triple and char == "\n") for char in text)
    )


def _string_spellings(
    value: str | bytes, may_add_prefix: bool, enclosing_quotes: frozenset[str]
) -> Iterator[str]:
    is_bytes = isinstance(value, bytes)
    text = value.decode("latin-1") if is_bytes else value
    prefix = "b" if is_bytes else ""
    # Python 3.11 f-string expressions may not repeat the enclosing quote,
    # span lines, or hold a backslash.
    inside_fstring = bool(enclosing_quotes)
    for quote in QUOTES:
        if quote in enclosing_quotes:
            continue
        for triple in (False,) if inside_fstring else (False, True):
            delimiter = quote * 3 if triple else quote
            yield prefix + delimiter + _escaped_body(text, quote, triple, is_bytes) + delimiter
            # A new "r" could fuse with a keyword right before the literal
            # (``return'\\d'``), so it is only added beside an existing prefix.
            if may_add_prefix and _raw_body_allowed(text, quote, triple, is_bytes):
                yield "r" + prefix + delimiter + text + delimiter


def shortest_string(
    value: str | bytes, may_add_prefix: bool, enclosing_quotes: frozenset[str] = frozenset()
) -> str:
    """The shortest literal of the same type holding exactly ``value``.

    ``enclosing_quotes`` are the quote characters of the f-strings around the
    literal, which it may not use.
    """
    inside_fstring = bool(enclosing_quotes)
    return min(
        (
            spelling
            for spelling in _string_spellings(value, may_add_prefix, enclosing_quotes)
            if not (inside_fstring and "\\" in spelling)
            and type(ast.literal_eval(spelling)) is type(value)
            and ast.literal_eval(spelling) == value
        ),
        key=len,
    )


def _fstring_constant(node: cst.FormattedString) -> str | None:
    """The value of an f-string without replacement fields, else None."""
    if any(isinstance(part, cst.FormattedStringExpression) for part in node.parts):
        return None
    joined = parse(cst.Module([]).code_for_node(node), mode="eval").body
    return "".join(constant.value for constant in joined.values)


class LiteralShortener(SiteTransformer):
    """One site per literal that has a strictly shorter spelling."""

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.fstring_quotes: list[str] = []
        # Integers written right before ``.attr``: ``0x10.real`` is valid, ``16.real`` is not.
        self.integers_before_dot: set[cst.Integer] = set()

    def _respelled(self, original: str, shorter: str) -> str:
        return shorter if len(shorter) < len(original) and self.take_site() else original

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Integer) and not node.dot.whitespace_before.value:
            self.integers_before_dot.add(node.value)

    def leave_Integer(self, original_node: cst.Integer, updated_node: cst.Integer) -> cst.Integer:
        if original_node in self.integers_before_dot:
            return updated_node
        shorter = str(original_node.evaluated_value)
        return updated_node.with_changes(value=self._respelled(original_node.value, shorter))

    def leave_Float(self, original_node: cst.Float, updated_node: cst.Float) -> cst.Float:
        value = original_node.evaluated_value
        if not math.isfinite(value):  # an overflowing literal such as 1e999 has no digits
            return updated_node
        shorter = shortest_float(value)
        return updated_node.with_changes(value=self._respelled(original_node.value, shorter))

    def leave_Imaginary(
        self, original_node: cst.Imaginary, updated_node: cst.Imaginary
    ) -> cst.Imaginary:
        imaginary_part = original_node.evaluated_value.imag
        if not math.isfinite(imaginary_part):
            return updated_node
        shorter = shortest_imaginary(imaginary_part)
        return updated_node.with_changes(value=self._respelled(original_node.value, shorter))

    def _enclosing_quotes(self) -> frozenset[str]:
        return frozenset(quote[0] for quote in self.fstring_quotes)

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.SimpleString:
        spelling = original_node.value
        shorter = shortest_string(
            original_node.evaluated_value, spelling[0].isalpha(), self._enclosing_quotes()
        )
        return updated_node.with_changes(value=self._respelled(spelling, shorter))

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self.fstring_quotes.append(node.quote)

    def leave_FormattedString(
        self, original_node: cst.FormattedString, updated_node: cst.FormattedString
    ) -> cst.BaseExpression:
        self.fstring_quotes.pop()
        value = _fstring_constant(original_node)
        if value is None:
            return updated_node
        # The "f" prefix itself means a prefix may stay in front of the literal.
        shorter = shortest_string(value, True, self._enclosing_quotes())
        original = cst.Module([]).code_for_node(original_node.with_changes(lpar=(), rpar=()))
        if self._respelled(original, shorter) == original:
            return updated_node
        return cst.SimpleString(shorter, lpar=updated_node.lpar, rpar=updated_node.rpar)


class ShortenLiterals(CSTTransform):
    name = "shorten_literals"
    safety = Safety.SAFE
    transformer = LiteralShortener
