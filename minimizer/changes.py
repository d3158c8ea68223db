"""Where a candidate differs from the program it came from: for the report, and to
remember the changes a run rejected.

The search remembers the single-site changes a run rejected, so that a rewrite
that changed a float in one round is not tried again in the next, where it would
fail the whole chain again and cost a bisection and a re-chaining of the rest of
the tier (``Problem.rejected_before``). Between rounds the same change comes back
in other clothes: the layout tier has joined its lines and stripped its
comments and indentation, and other transforms have rewritten other statements.
So a change is named by the innermost statement that holds it, before and after,
as ``ast`` dumps: blind to layout and comments, and to everything outside that
statement. A change only the whole module holds (a rename) is not named: that
key would be the program itself, which never comes back.
"""

from __future__ import annotations

import ast
import functools
import threading
from collections import OrderedDict

import libcst as cst

from minimizer.analysis.parsing import parse
from minimizer.transforms.base import Transform

#: Before and after, each the ``ast.dump`` of the innermost statement holding the change.
Change = tuple[str, str]


def changed_statement(base: str, candidate: str) -> Change | None:
    """The innermost statement that holds every difference between ``base`` and
    ``candidate``, dumped from each; None if either does not parse, they have the same
    syntax tree, or only the whole module holds the difference (a rename touches many
    statements: its key would be the program itself, which never comes back)."""
    before, after = _tree(base), _tree(candidate)
    if before is None or after is None:
        return None
    holder: tuple[ast.AST, ast.AST] | None = None
    pair: tuple[ast.AST, ast.AST] | None = (before, after)
    while pair is not None:
        if isinstance(pair[0], ast.stmt):
            holder = pair
        pair = _only_differing_child(*pair)
    if holder is None:
        return None
    dumped = ast.dump(holder[0]), ast.dump(holder[1])
    return None if dumped[0] == dumped[1] else dumped


@functools.lru_cache(maxsize=8)
def _tree(source: str) -> ast.Module | None:
    """``source`` parsed (one thread at a time: ``minimizer.analysis.parsing``); the base
    of a search step is asked about once per site."""
    try:
        return parse(source)
    except (SyntaxError, ValueError):
        return None


def _only_differing_child(before: ast.AST, after: ast.AST) -> tuple[ast.AST, ast.AST] | None:
    """The one pair of children in which two nodes of one kind differ, if they differ in
    exactly one child node and nowhere else; None when the difference is in this node
    itself (its kind, a plain field, a list's length) or spread over several children."""
    if type(before) is not type(after):
        return None
    differing: list[tuple[ast.AST, ast.AST]] = []
    for field in before._fields:
        old, new = getattr(before, field, None), getattr(after, field, None)
        if isinstance(old, list) and isinstance(new, list):
            if len(old) != len(new):
                return None
            pairs = list(zip(old, new))
        else:
            pairs = [(old, new)]
        for old_item, new_item in pairs:
            if isinstance(old_item, ast.AST) and isinstance(new_item, ast.AST):
                if ast.dump(old_item) != ast.dump(new_item):
                    differing.append((old_item, new_item))
            elif old_item != new_item:
                return None
        if len(differing) > 1:
            return None
    return differing[0] if differing else None


#: Single-site programs kept: every site of a few transforms on a few sources (a
#: transform with more sites than this would evict its own before screening reads them).
SINGLE_SITES_KEPT = 1024


class SingleSitePrograms:
    """Programs with one site of a transform applied, each made once per search step: the
    filter of rejected changes and the screening of sites one by one both need them."""

    def __init__(self) -> None:
        self._programs: OrderedDict[tuple[Transform, str, int], str] = OrderedDict()
        self._lock = threading.Lock()  # sites are screened on several threads

    def program(self, transform: Transform, module: cst.Module, base: str, site: int) -> str:
        """``base`` (parsed as ``module``) with only ``site`` of ``transform`` applied."""
        key = (transform, base, site)
        with self._lock:
            known = self._programs.get(key)
        if known is None:
            known = transform.apply(module, [site]).code
            with self._lock:
                self._programs[key] = known
                while len(self._programs) > SINGLE_SITES_KEPT:
                    self._programs.popitem(last=False)
        return known


def changed_text(base: str, candidate: str, context: int = 12, most: int = 60) -> tuple[str, str]:
    """The span of ``base`` that ``candidate`` rewrote, and what it became, with a little
    context either side and each cut to ``most`` characters: what a rejected site tried."""
    start = 0
    while start < min(len(base), len(candidate)) and base[start] == candidate[start]:
        start += 1
    end = 0
    while end < min(len(base), len(candidate)) - start and base[-1 - end] == candidate[-1 - end]:
        end += 1
    start = max(0, start - context)

    def cut(text: str) -> str:
        span = text[start : len(text) - max(0, end - context)].replace("\n", "⏎")
        return span if len(span) <= most else span[: most - 1] + "…"

    return cut(base), cut(candidate)
