"""Remove comments and blank lines.

Comments and blank lines cost characters and mean nothing to the interpreter.
The one exception is a PEP 263 encoding declaration in the first two lines: it
decides how the file's bytes are read, so it stays, unless it declares UTF-8,
the default a file without one is read in.
"""

from __future__ import annotations

import codecs
import re
from typing import ClassVar

import libcst as cst

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

#: PEP 263: a comment on line 1 or 2 matching this declares the source encoding.
ENCODING_DECLARATION = re.compile(r"coding[:=][ \t]*([-\w.]+)")
ENCODING_DECLARATION_LINES = 2


def _declares_encoding(line: cst.EmptyLine) -> bool:
    """Whether ``line`` declares an encoding other than UTF-8 (or one Python may not know)."""
    found = ENCODING_DECLARATION.search(line.comment.value) if line.comment else None
    if found is None:
        return False
    try:
        return codecs.lookup(found.group(1)).name != "utf-8"
    except LookupError:
        return True


class _CommentRemover(SiteTransformer):
    """One site per blank or comment line, and one per trailing comment."""

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.kept_lines: set[cst.EmptyLine] = set()

    def visit_Module(self, node: cst.Module) -> None:
        self.kept_lines = {
            line for line in node.header[:ENCODING_DECLARATION_LINES] if _declares_encoding(line)
        }

    def leave_EmptyLine(
        self, original_node: cst.EmptyLine, updated_node: cst.EmptyLine
    ) -> cst.EmptyLine | cst.RemovalSentinel:
        if original_node in self.kept_lines or not self.take_site():
            return updated_node
        return cst.RemoveFromParent()

    def leave_TrailingWhitespace(
        self, original_node: cst.TrailingWhitespace, updated_node: cst.TrailingWhitespace
    ) -> cst.TrailingWhitespace:
        if updated_node.comment is None or not self.take_site():
            return updated_node
        # The spaces before the comment only separated it from the code.
        return updated_node.with_changes(whitespace=cst.SimpleWhitespace(""), comment=None)


class RemoveComments(CSTTransform):
    name: ClassVar[str] = "remove_comments"
    safety: ClassVar[Safety] = Safety.LAYOUT
    transformer: ClassVar[type[SiteTransformer]] = _CommentRemover
