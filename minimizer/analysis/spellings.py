"""How often a program spells given names as identifiers, for ``golf --preserve``.

A preserved name is never renamed or removed; the problem's gate checks that by
counting its spellings before and after a change, whatever the transform.
"""

from __future__ import annotations

import ast
from collections import Counter


def identifier_counts(source: str, names: frozenset[str]) -> Counter[str]:
    """How often each of ``names`` is spelled as an identifier in ``source``: a name, an
    attribute, a definition, a parameter, an import or a keyword argument."""
    counts: Counter[str] = Counter()
    for node in ast.walk(ast.parse(source)):
        spelled: list[str | None] = []
        if isinstance(node, ast.Name):
            spelled.append(node.id)
        elif isinstance(node, ast.Attribute):
            spelled.append(node.attr)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            spelled.append(node.name)
        elif isinstance(node, ast.arg):
            spelled.append(node.arg)
        elif isinstance(node, ast.alias):
            spelled += [node.asname or node.name.split(".")[0]]
        elif isinstance(node, ast.keyword):
            spelled.append(node.arg)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            spelled += node.names
        counts.update(name for name in spelled if name in names)
    return counts
