"""Import a module's names with ``*`` where the qualified spellings cost more:
``import urllib.request;urllib.request.urlretrieve(u,f)`` -> ``from urllib.request import*;urlretrieve(u,f)``.

Proposed for a standard-library module imported at module level whose every
use is ``module.attribute``, when none of the names the module exports (its
``__all__``, else its public names) is a variable anywhere in the program, so
nothing is shadowed, and only where the program gets shorter. RISKY all the
same (``import *`` binds many names, and only when the statement runs); the
verifier judges.
"""

from __future__ import annotations

import importlib
import sys

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.resolution import find_all
from minimizer.analysis.rewrites import code, variable_names
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

NO_SPACE = cst.SimpleWhitespace("")


def _exported(module_name: str) -> set[str] | None:
    if module_name.split(".")[0] not in sys.stdlib_module_names:
        return None
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    names = getattr(module, "__all__", None)
    return set(names) if names is not None else {n for n in dir(module) if not n.startswith("_")}


def _dotted(node: cst.BaseExpression) -> str:
    return code(node)


class _StarImporter(SiteTransformer):
    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.starred: dict[int, str] = {}  # id(ImportAlias) -> module
        self.prefixes: dict[str, str] = {}  # "urllib.request." spellings to drop

    def visit_Module(self, node: cst.Module) -> None:
        variables = {name.value for name in variable_names(node)}
        for statement in node.body:
            for small in self._module_level_smalls(statement):
                if not isinstance(small, cst.Import):
                    continue
                for alias in small.names:
                    self._consider(node, small, alias, variables)

    @staticmethod
    def _module_level_smalls(statement: cst.CSTNode) -> list[cst.CSTNode]:
        if isinstance(statement, cst.SimpleStatementLine):
            return list(statement.body)
        if isinstance(statement, cst.If) and isinstance(statement.body, cst.SimpleStatementSuite):
            return list(statement.body.body)
        if isinstance(statement, cst.If):
            return [
                s
                for line in statement.body.body
                if isinstance(line, cst.SimpleStatementLine)
                for s in line.body
            ]
        return []

    def _consider(
        self, module: cst.Module, statement: cst.Import, alias: cst.ImportAlias, variables: set[str]
    ) -> None:
        module_name = _dotted(alias.name)
        bound = alias.asname.name.value if alias.asname else module_name
        exported = _exported(module_name)
        if exported is None or exported & variables:
            return
        root = bound.split(".")[0]
        uses = [a for a in find_all(module, m.Attribute()) if code(a.value) == bound]
        mentions = sum(name.value == root for name in variable_names(module))
        if not uses or len(uses) != mentions or any(a.attr.value not in exported for a in uses):
            return
        star = len(f"from {module_name} import*")
        if len(statement.names) == 1:  # the import statement is replaced
            added = star - len(
                f"import {code(alias.with_changes(comma=cst.MaybeSentinel.DEFAULT))}"
            )
        else:  # one name leaves it, a statement joins it
            added = star + 1 - len(code(alias.with_changes(comma=cst.MaybeSentinel.DEFAULT))) - 1
        if len(uses) * (len(bound) + 1) <= added or not self.take_site():
            return
        self.starred[id(alias)] = module_name
        self.prefixes[bound] = module_name

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if code(original_node.value) in self.prefixes:
            return updated_node.attr.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        return updated_node

    def leave_Import(
        self, original_node: cst.Import, updated_node: cst.Import
    ) -> cst.BaseSmallStatement | cst.FlattenSentinel:
        starred = [self.starred[id(a)] for a in original_node.names if id(a) in self.starred]
        if not starred:
            return updated_node
        kept = [
            new
            for old, new in zip(original_node.names, updated_node.names)
            if id(old) not in self.starred
        ]
        statements: list[cst.BaseSmallStatement] = []
        if kept:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            statements.append(
                updated_node.with_changes(names=kept, semicolon=cst.Semicolon(NO_SPACE, NO_SPACE))
            )
        for index, module_name in enumerate(starred):
            last = index == len(starred) - 1
            statements.append(
                cst.ImportFrom(
                    module=cst.parse_expression(module_name),
                    names=cst.ImportStar(),
                    whitespace_after_import=NO_SPACE,
                    semicolon=updated_node.semicolon if last else cst.Semicolon(NO_SPACE, NO_SPACE),
                )
            )
        return cst.FlattenSentinel(statements)


class ImportStar(CSTTransform):
    name = "import_star"
    safety = Safety.RISKY
    transformer = _StarImporter
