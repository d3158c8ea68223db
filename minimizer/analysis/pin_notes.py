"""Which string literals and keyword calls pinned names, for the report's refusal list.

``namedtuple('Pair', 'left right')``, ``getattr(x, 'left')`` and
``point._replace(left=1)`` reach attributes and parameters by their spelling.
The scope and attribute analyses pin those names where they find them; this
module says, for each such literal or call, on which line it is and which
names it pinned, so the golf report can list every refusal and not only the
dynamic builtins (:mod:`minimizer.analysis.reach`).
"""

from __future__ import annotations

from collections.abc import Iterable

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.index import ModuleIndex, literal_words
from minimizer.analysis.reach import RefusalNote, line_of
from minimizer.analysis.symbols import KEYWORD_TO_UNKNOWN, SPELLED_IN_A_STRING, Symbol


def _callee(index: ModuleIndex, call: cst.Call) -> str:
    text = " ".join(index.module.code_for_node(call.func).split())
    return text if len(text) <= 40 else text[:37] + "..."


def _strings_in(expression: cst.BaseExpression) -> list[cst.SimpleString]:
    if isinstance(expression, cst.SimpleString):
        return [expression]
    if isinstance(expression, (cst.List, cst.Tuple, cst.Set)):
        return [e.value for e in expression.elements if isinstance(e.value, cst.SimpleString)]
    return []


def literal_pin_notes(
    index: ModuleIndex, symbols: Iterable[Symbol], unknown_keywords: Iterable[cst.Arg]
) -> list[RefusalNote]:
    """One note per string literal (or call taking literals) whose words pinned a symbol,
    and one per keyword argument to an unknown function (``unknown_keywords``) that
    pinned parameters of that name."""
    by_reason: dict[str, set[str]] = {SPELLED_IN_A_STRING: set(), KEYWORD_TO_UNKNOWN: set()}
    for symbol in symbols:
        if symbol.pinned in by_reason:
            by_reason[symbol.pinned].add(symbol.name)
    notes: dict[tuple[int, str], set[str]] = {}
    spelled, keywords = by_reason[SPELLED_IN_A_STRING], by_reason[KEYWORD_TO_UNKNOWN]
    unknown = {id(arg) for arg in unknown_keywords}
    in_calls: set[int] = set()
    for call in index.find(m.Call()):
        for arg in call.args:
            for string in _strings_in(arg.value):
                in_calls.add(id(string))
                words = spelled.intersection(literal_words(string))
                if words:
                    key = (
                        line_of(index, string),
                        f"{_callee(index, call)}() with '{string.evaluated_value}'",
                    )
                    notes.setdefault(key, set()).update(words)
            if id(arg) in unknown and arg.keyword is not None and arg.keyword.value in keywords:
                key = (line_of(index, arg), f"{_callee(index, call)}({arg.keyword.value}=...)")
                notes.setdefault(key, set()).add(arg.keyword.value)
    for string in index.find(m.SimpleString()):
        if id(string) in in_calls or id(string) in index.slots_strings:
            continue
        words = spelled.intersection(literal_words(string))
        if words:
            key = (line_of(index, string), f"the string '{string.evaluated_value}'")
            notes.setdefault(key, set()).update(words)
    return [
        RefusalNote(
            line,
            construct,
            "the parameters of that name" if "=...)" in construct else "the names it spells",
            tuple(sorted(names)),
        )
        for (line, construct), names in sorted(notes.items())
    ]
