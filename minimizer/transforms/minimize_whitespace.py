"""Shrink the whitespace between tokens to nothing, or to one space where tokens would fuse.

Spaces, line continuations and newlines inside brackets carry no meaning, except
that two tokens must not run together: ``return x`` keeps its space where
``return(x)``, ``x]for`` and ``'a'if`` need none. Whether a stretch of whitespace
can vanish depends only on the characters on both sides of it, so instead of a
table of node types and fields, the transform reads those characters in the
rendered module at each whitespace node's span (``ByteSpanPositionProvider``),
which covers every node type libcst has. Indentation becomes one space per level,
line ends a bare ``\\n``, and the final newline goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import ByteSpanPositionProvider

from minimizer.analysis.resolution import find_all
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

DOT = ord(".")
UNDERSCORE = ord("_")
QUOTES = frozenset(b"'\"")
#: Inside an f-string ``{{`` and ``}}`` are escaped braces, not two brackets.
BRACES = frozenset(b"{}")


def _is_word(byte: int) -> bool:
    """Part of an identifier, keyword, number or string prefix (non-ASCII bytes are identifiers)."""
    return byte >= 0x80 or byte == UNDERSCORE or chr(byte).isalnum()


@dataclass
class _NumberEdges:
    """Where number literals end whose last character a neighbouring dot or word would change."""

    #: Ends of decimal integers: ``1 .real`` would read as the float ``1.`` then ``real``.
    integers: set[int] = field(default_factory=set)
    #: Ends of floats spelled with a trailing dot: ``1. if`` would read as ``1.if``.
    dotted_floats: set[int] = field(default_factory=set)


def _would_fuse(code: bytes, left_end: int, right_start: int, numbers: _NumberEdges) -> bool:
    """Whether the token ending at ``left_end`` and the one starting at ``right_start``
    would read differently without a space between them (or libcst would refuse it)."""
    if left_end == 0 or right_start >= len(code):
        return False
    last, first = code[left_end - 1], code[right_start]
    if _is_word(last) and _is_word(first):  # return x, x in y, 1 if (1if is deprecated)
        return True
    if last == DOT and _is_word(first):
        return left_end in numbers.dotted_floats
    if first == DOT:
        # not .5: Python would read it, but libcst refuses a keyword touching a float.
        starts_float = _is_word_at(code, right_start + 1) and chr(code[right_start + 1]).isdigit()
        return left_end in numbers.integers or (_is_word(last) and starts_float)
    if last == first and first in BRACES:
        return True
    # '' 'a' would open a triple-quoted string.
    return first in QUOTES and code[left_end - 2 : left_end] == bytes([first, first])


def _is_word_at(code: bytes, index: int) -> bool:
    return 0 <= index < len(code) and _is_word(code[index])


class _WhitespaceCollector(cst.CSTVisitor):
    """The whitespace nodes that can be replaced as a whole, and the parentheses
    that must stay apart from a keyword for libcst to accept the result."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[cst.BaseParenthesizableWhitespace] = []
        # libcst's checks ignore the parentheses of a conditional (on both sides) and of a
        # lambda (before it), so it would reject, and fail to parse, if(a if b else c).
        self.keyword_shy_openings: list[cst.LeftParen] = []
        self.keyword_shy_closings: list[cst.RightParen] = []
        self.integers: list[cst.Integer] = []
        self.dotted_floats: list[cst.Float] = []

    def visit_Integer(self, node: cst.Integer) -> None:
        if node.value.replace("_", "").isdigit():
            self.integers.append(node)

    def visit_Float(self, node: cst.Float) -> None:
        if node.value.endswith("."):
            self.dotted_floats.append(node)

    def visit_IfExp(self, node: cst.IfExp) -> None:
        if node.lpar:
            self.keyword_shy_openings.append(node.lpar[0])
            self.keyword_shy_closings.append(node.rpar[-1])

    def visit_Lambda(self, node: cst.Lambda) -> None:
        if node.lpar:
            self.keyword_shy_openings.append(node.lpar[0])

    def visit_SimpleWhitespace(self, node: cst.SimpleWhitespace) -> None:
        self.found.append(node)

    def visit_ParenthesizedWhitespace(self, node: cst.ParenthesizedWhitespace) -> bool:
        self.found.append(node)
        return False  # its inner lines go with it

    def visit_FormattedStringExpression(self, node: cst.FormattedStringExpression) -> bool:
        return node.equal is None  # f"{x = }" prints its own spelling, spaces included


@dataclass
class _Run:
    """Whitespace nodes that touch each other, so they form one gap between two tokens."""

    start: int
    end: int
    nodes: list[cst.BaseParenthesizableWhitespace] = field(default_factory=list)


def _needs_relayout(module: cst.Module) -> bool:
    explicit_indent = m.IndentedBlock(indent=m.MatchIfTrue(lambda indent: indent is not None))
    explicit_newline = m.Newline(value=m.MatchIfTrue(lambda newline: newline is not None))
    has_blocks = bool(find_all(module, m.IndentedBlock()))
    return (
        module.has_trailing_newline
        or module.default_newline != "\n"
        or (has_blocks and module.default_indent != " ")
        or bool(find_all(module, explicit_indent | explicit_newline))
    )


class _WhitespaceMinimizer(SiteTransformer):
    """Site 0 (when needed) is the indentation and line ends; then one site per gap
    between tokens whose whitespace would change, in source order."""

    METADATA_DEPENDENCIES = (ByteSpanPositionProvider,)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.relayout = False
        self.replacements: dict[cst.BaseParenthesizableWhitespace, cst.SimpleWhitespace] = {}

    def _span(self, node: cst.CSTNode) -> tuple[int, int]:
        span = self.get_metadata(ByteSpanPositionProvider, node)
        return span.start, span.start + span.length

    def _runs(self, collector: _WhitespaceCollector) -> list[_Run]:
        # Sorting by span puts them in source order whatever order the fields are visited in.
        # A whitespace field libcst does not write out (``case {}:``) has no span, and no gap.
        placed = [
            (*self._span(node), node)
            for node in collector.found
            if self.get_metadata(ByteSpanPositionProvider, node, None) is not None
        ]
        placed.sort(key=lambda item: (item[0], item[1]))
        runs: list[_Run] = []
        for start, end, node in placed:
            if not runs or runs[-1].end != start:
                runs.append(_Run(start, start))
            runs[-1].end = end
            runs[-1].nodes.append(node)
        return runs

    def visit_Module(self, node: cst.Module) -> None:
        if _needs_relayout(node):
            self.relayout = self.take_site()
        code = node.code.encode("utf-8")  # the spans count UTF-8 bytes
        collector = _WhitespaceCollector()
        node.visit(collector)
        # A "(" starts its span; a ")" ends it (its span begins with the space before it).
        shy_starts = {self._span(paren)[0] for paren in collector.keyword_shy_openings}
        shy_ends = {self._span(paren)[1] for paren in collector.keyword_shy_closings}
        numbers = _NumberEdges(
            integers={self._span(number)[1] for number in collector.integers},
            dotted_floats={self._span(number)[1] for number in collector.dotted_floats},
        )
        for run in self._runs(collector):
            keeps_space = (
                _would_fuse(code, run.start, run.end, numbers)
                or (run.end in shy_starts and _is_word_at(code, run.start - 1))
                or (run.start in shy_ends and _is_word_at(code, run.end))
            )
            wanted = b" " if keeps_space else b""
            if code[run.start : run.end] != wanted and self.take_site():
                first, *others = run.nodes
                self.replacements[first] = cst.SimpleWhitespace(wanted.decode())
                self.replacements.update((other, cst.SimpleWhitespace("")) for other in others)

    def leave_SimpleWhitespace(
        self, original_node: cst.SimpleWhitespace, updated_node: cst.SimpleWhitespace
    ) -> cst.SimpleWhitespace:
        return self.replacements.get(original_node, updated_node)

    def leave_ParenthesizedWhitespace(
        self, original_node: cst.ParenthesizedWhitespace, updated_node: cst.ParenthesizedWhitespace
    ) -> cst.BaseParenthesizableWhitespace:
        return self.replacements.get(original_node, updated_node)

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        return updated_node.with_changes(indent=None) if self.relayout else updated_node

    def leave_Newline(self, original_node: cst.Newline, updated_node: cst.Newline) -> cst.Newline:
        return updated_node.with_changes(value=None) if self.relayout else updated_node

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not self.relayout:
            return updated_node
        return updated_node.with_changes(
            default_indent=" ", default_newline="\n", has_trailing_newline=False
        )


class MinimizeWhitespace(CSTTransform):
    name: ClassVar[str] = "minimize_whitespace"
    safety: ClassVar[Safety] = Safety.LAYOUT
    transformer: ClassVar[type[SiteTransformer]] = _WhitespaceMinimizer
