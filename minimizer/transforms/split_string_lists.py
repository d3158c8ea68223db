"""Write a list of words as one string split: ``['ab','cd','ef']`` -> ``'ab cd ef'.split()``.

Each element costs its quotes and a comma in a list display; in one string
it costs a space. ``str.split()`` with no argument splits at runs of
whitespace, so the result equals the display exactly when every element is a
non-empty plain string (no prefix, no f-string) without whitespace. Proposed
where that is shorter: for lists of five or more such strings.

RISKY: the strings are new objects made at run time instead of constants
(``is`` can tell); the verifier decides. One site per list.
"""

from __future__ import annotations

import libcst as cst

from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer


def _word(element: cst.BaseElement) -> str | None:
    """The element's text, if it is a plain non-empty string literal without whitespace."""
    value = element.value
    if isinstance(element, cst.StarredElement) or not isinstance(value, cst.SimpleString):
        return None
    if value.prefix or value.lpar:
        return None
    text = value.evaluated_value
    if not isinstance(text, str) or not text or any(character.isspace() for character in text):
        return None
    return text


#: Laid out tightly, ``n`` words cost ``3n+1`` characters besides their letters in a list
#: display and ``n+9`` in ``'...'.split()``: the split is shorter from five words on.
SHORTER_FROM = 5


class _StringListSplitter(SiteTransformer):
    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.BaseExpression:
        words = [_word(element) for element in original_node.elements]
        if None in words:
            return updated_node
        joined = " ".join(words)  # type: ignore[arg-type]
        quote = "'" if "'" not in joined else '"'
        if quote in joined or "\\" in joined:
            return updated_node
        split = cst.Call(
            cst.Attribute(cst.SimpleString(quote + joined + quote), cst.Name("split")),
            lpar=updated_node.lpar,
            rpar=updated_node.rpar,
        )
        if len(words) < SHORTER_FROM or not self.take_site():
            return updated_node
        return split


class SplitStringLists(CSTTransform):
    name = "split_string_lists"
    safety = Safety.RISKY
    transformer = _StringListSplitter
