"""Import an often-used module under a short name: ``import random as R``, then ``R.seed``.

Module names are never renamed by the renaming transforms (the import binds
them), yet ``random.`` or ``math.`` may be spelled many times. Where the uses
save more than `` as R`` costs, the import gets an alias and every read of the
module name follows it. SAFE: the alias is bound to the very same module
object; programs that reach names as strings are refused. One site per import.
"""

from __future__ import annotations

import keyword
from collections.abc import Collection

import libcst as cst
import libcst.matchers as m
from libcst.metadata import GlobalScope, ScopeProvider

from minimizer.analysis.naming import (
    FORBIDDEN_NEW_NAMES,
    short_names,
    variable_spellings,
)
from minimizer.analysis.refusal import reaches_names_dynamically
from minimizer.analysis.resolution import visit_resolved
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer


class _AliasImports(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider,)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.new_names: dict[int, str] = {}  # id(node spelling the module) -> alias
        self.aliased: dict[str, str] = {}  # module name -> alias, for the name map

    def visit_Module(self, node: cst.Module) -> None:
        if reaches_names_dynamically(node) is not None:
            return
        scope = self.get_metadata(ScopeProvider, node)
        assert isinstance(scope, GlobalScope)
        taken = set(variable_spellings(node)) | FORBIDDEN_NEW_NAMES
        fresh = (
            name for name in short_names() if name not in taken and not keyword.iskeyword(name)
        )
        for statement in node.body:
            if not m.matches(statement, m.SimpleStatementLine()):
                continue
            for small in statement.body:  # type: ignore[attr-defined]
                if isinstance(small, cst.Import):
                    for alias in small.names:
                        self._plan(scope, alias, fresh)

    def _plan(self, scope: GlobalScope, alias: cst.ImportAlias, fresh: object) -> None:
        if alias.asname is not None or not isinstance(alias.name, cst.Name):
            return  # already aliased, or dotted (``import a.b`` binds ``a``)
        module_name = alias.name.value
        assignments = list(scope.assignments[module_name])
        if len(assignments) != 1:
            return
        reads = [access.node for access in assignments[0].references]
        if not reads or not all(isinstance(read, cst.Name) for read in reads):
            return
        new_name = next(fresh)  # type: ignore[call-overload]
        saving = len(reads) * (len(module_name) - len(new_name)) - len(f" as {new_name}")
        if saving <= 0 or not self.take_site():
            return
        self.new_names[id(alias)] = new_name
        self.aliased[module_name] = new_name
        self.new_names.update({id(read): new_name for read in reads})

    def leave_ImportAlias(
        self, original_node: cst.ImportAlias, updated_node: cst.ImportAlias
    ) -> cst.ImportAlias:
        new_name = self.new_names.get(id(original_node))
        if new_name is None:
            return updated_node
        return updated_node.with_changes(asname=cst.AsName(name=cst.Name(new_name)))

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        new_name = self.new_names.get(id(original_node))
        return updated_node if new_name is None else updated_node.with_changes(value=new_name)


class AliasImports(CSTTransform):
    name = "alias_imports"
    safety = Safety.SAFE
    transformer = _AliasImports

    def renames(self, module: cst.Module, sites: Collection[int]) -> dict[str, str]:
        visitor = _AliasImports(frozenset(sites))
        visit_resolved(module, visitor)
        return visitor.aliased
