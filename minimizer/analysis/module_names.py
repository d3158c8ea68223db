"""The names a program binds at module level and the attributes it spells: what the
golfer's name map (golfed name -> the original's) can still refer to.

The search asks after every kept step, on a program no transform may ever resolve
again, so this reads Python's own symbol table (``symtable``, written in C) rather
than resolving libcst's scopes: on ``raytrace`` that resolution was about a seventh
of the golfer's own time.
"""

from __future__ import annotations

import ast
import symtable

from minimizer.analysis.parsing import PARSING


def _nested_tables(table: symtable.SymbolTable) -> list[symtable.SymbolTable]:
    tables, stack = [], list(table.get_children())
    while stack:
        nested = stack.pop()
        tables.append(nested)
        stack.extend(nested.get_children())
    return tables


def module_bindings(source: str) -> set[str]:
    """Every name ``source`` binds in its module namespace: assigned, deleted, imported,
    defined by ``def`` or ``class``, caught, matched, or assigned under ``global`` (or by
    a walrus in a comprehension) in a nested scope."""
    with PARSING:
        module = symtable.symtable(source, "<module>", "exec")
    bound = {
        symbol.get_name()
        for symbol in module.get_symbols()
        if symbol.is_assigned() or symbol.is_imported()
    }
    for table in _nested_tables(module):
        bound.update(
            symbol.get_name()
            for symbol in table.get_symbols()
            if symbol.is_declared_global() and (symbol.is_assigned() or symbol.is_imported())
        )
    return bound


def attribute_spellings(tree: ast.AST) -> set[str]:
    """Each attribute name spelled in ``tree``, after a dot (``".append"``), including the
    parts of dotted module names in imports (``import os.path`` spells ``".path"``)."""
    spelled: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            spelled.add(f".{node.attr}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                spelled.update(f".{part}" for part in alias.name.split(".")[1:])
        elif isinstance(node, ast.ImportFrom) and node.module:
            spelled.update(f".{part}" for part in node.module.split(".")[1:])
    return spelled


def name_map_spellings(source: str) -> set[str]:
    """What the name map can refer to in ``source``: module-level names as bound, and
    attributes with a leading dot."""
    with PARSING:
        tree = ast.parse(source)
    return module_bindings(source) | attribute_spellings(tree)
