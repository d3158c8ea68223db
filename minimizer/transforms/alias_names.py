"""Give often-used builtins and module attributes a one-letter alias: ``R=range``, ``E=math.exp``.

A name spelled out at every use costs its full length each time; an alias costs
one definition and then its own short length. Aliases are only proposed where
the characters saved exceed the definition's cost.

This is RISKY: ``E=math.exp`` reads the attribute once, at import time, so a
program that later replaces ``math.exp`` from elsewhere would now see the old
function; only the verifier can tell. The scope rules are respected: a builtin
that the program binds anywhere (a parameter, an assignment, a class attribute,
an import, ``del``) is left alone, a module attribute is aliased only when its
module is bound once, by a plain top-level import, and the attribute is never
assigned or deleted. Alias names are ones the program never mentions.
"""

from __future__ import annotations

import builtins
import itertools
import keyword
import string
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    BuiltinScope,
    ExpressionContext,
    ExpressionContextProvider,
    ImportAssignment,
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)

from minimizer.analysis.resolution import find_all
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

# Zero-argument super() works only if the compiler sees the name "super" itself.
NEVER_ALIASED = frozenset({"super"})
IDENTIFIER_START = string.ascii_letters + "_"
IDENTIFIER_REST = IDENTIFIER_START + string.digits

DOCSTRING_LINE = m.SimpleStatementLine(body=[m.Expr(m.SimpleString() | m.ConcatenatedString())])
FUTURE_IMPORT_LINE = m.SimpleStatementLine(
    body=[m.AtLeastN(m.ImportFrom(module=m.Name("__future__")), n=1)]
)
IMPORTS_ONLY_LINE = m.SimpleStatementLine(body=[m.AtLeastN(m.Import() | m.ImportFrom(), n=1)])


@dataclass(frozen=True)
class AliasCandidate:
    """One name worth aliasing: what it stands for, where it is used, where it is defined."""

    #: The aliased spelling, ``range`` or ``math.exp``.
    target: str
    #: The Name or Attribute nodes that the alias replaces.
    uses: tuple[cst.BaseExpression, ...]
    #: Index of the top-level statement the definition follows; None: the top of the module.
    after_statement: int | None

    def definition_value(self) -> cst.BaseExpression:
        root, _, attribute = self.target.partition(".")
        if not attribute:
            return cst.Name(root)
        return cst.Attribute(value=cst.Name(root), attr=cst.Name(attribute))

    def net_saving(self, alias: str) -> int:
        """Characters saved by the uses minus the cost of the line ``alias=target``."""
        definition_cost = len(alias) + 1 + len(self.target) + 1
        return len(self.uses) * (len(self.target) - len(alias)) - definition_cost


def fresh_names(taken: Iterable[str]) -> Iterator[str]:
    """Identifiers, shortest first, that clash with no name in ``taken``, keyword or builtin."""
    excluded = set(taken)
    for length in itertools.count(1):
        for chars in itertools.product(IDENTIFIER_START, *[IDENTIFIER_REST] * (length - 1)):
            name = "".join(chars)
            if name not in excluded and not keyword.iskeyword(name) and not hasattr(builtins, name):
                yield name


def _prologue_length(body: Sequence[cst.BaseStatement]) -> int:
    """How many leading statements must stay first: the docstring and __future__ imports."""
    count = 0
    for index, statement in enumerate(body):
        is_docstring = index == 0 and m.matches(statement, DOCSTRING_LINE)
        if not (is_docstring or m.matches(statement, FUTURE_IMPORT_LINE)):
            break
        count += 1
    return count


class NameAliaser(SiteTransformer):
    """One site per alias that pays, ordered by how much each could save."""

    METADATA_DEPENDENCIES = (ScopeProvider, QualifiedNameProvider, ExpressionContextProvider)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.replacements: dict[cst.CSTNode, str] = {}
        self.definitions: list[tuple[AliasCandidate, str]] = []

    def _bindings(self, module: cst.Module) -> Counter[str]:
        """How often each name is bound or deleted, over every scope of the program."""
        scopes = {scope for scope in self.metadata[ScopeProvider].values() if scope is not None}
        counts: Counter[str] = Counter(
            assignment.name
            for scope in scopes
            if not isinstance(scope, BuiltinScope)
            for assignment in scope.assignments
        )
        for name in find_all(module, m.Name()):
            if self.get_metadata(ExpressionContextProvider, name, None) is ExpressionContext.DEL:
                counts[name.value] += 1
        return counts

    def _builtin_candidates(
        self, module: cst.Module, bindings: Counter[str]
    ) -> list[AliasCandidate]:
        uses: defaultdict[str, list[cst.Name]] = defaultdict(list)
        for name in find_all(module, m.Name()):
            if name.value in bindings or name.value in NEVER_ALIASED:
                continue  # never a candidate: spare the costly qualified-name lookup
            qualified = self.get_metadata(QualifiedNameProvider, name, set())
            if any(q.source is QualifiedNameSource.BUILTIN for q in qualified):
                uses[name.value].append(name)
        return [AliasCandidate(builtin, tuple(nodes), None) for builtin, nodes in uses.items()]

    def _import_line_index(self, module: cst.Module, root: str) -> int | None:
        """The top-level, imports-only line that binds ``root``, if that is its only binding."""
        assignments = list(self.get_metadata(ScopeProvider, module).assignments[root])
        if len(assignments) != 1 or not isinstance(assignments[0], ImportAssignment):
            return None
        import_node = assignments[0].node
        for index, statement in enumerate(module.body):
            if m.matches(statement, IMPORTS_ONLY_LINE) and any(
                small is import_node for small in statement.body
            ):
                return index
        return None

    def _attribute_candidates(
        self, module: cst.Module, bindings: Counter[str]
    ) -> list[AliasCandidate]:
        uses: defaultdict[str, list[cst.Attribute]] = defaultdict(list)
        written: set[str] = set()
        for attribute in find_all(module, m.Attribute(value=m.Name())):
            qualified = self.get_metadata(QualifiedNameProvider, attribute, set())
            if not any(q.source is QualifiedNameSource.IMPORT for q in qualified):
                continue
            target = f"{attribute.value.value}.{attribute.attr.value}"
            uses[target].append(attribute)
            context = self.get_metadata(ExpressionContextProvider, attribute, None)
            if context is not ExpressionContext.LOAD:
                written.add(target)
        candidates = []
        for target, nodes in uses.items():
            root = target.partition(".")[0]
            anchor = self._import_line_index(module, root) if bindings[root] == 1 else None
            if anchor is not None and target not in written:
                candidates.append(AliasCandidate(target, tuple(nodes), anchor))
        return candidates

    def visit_Module(self, node: cst.Module) -> None:
        bindings = self._bindings(node)
        candidates = self._builtin_candidates(node, bindings)
        candidates += self._attribute_candidates(node, bindings)
        # The biggest spenders get the shortest aliases.
        candidates.sort(key=lambda c: (-len(c.uses) * len(c.target), c.target))
        names = fresh_names(name.value for name in find_all(node, m.Name()))
        alias = next(names)
        for candidate in candidates:
            if candidate.net_saving(alias) <= 0:
                continue
            if self.take_site():
                self.definitions.append((candidate, alias))
                self.replacements.update(dict.fromkeys(candidate.uses, alias))
            alias = next(names)

    def _aliased(self, original: cst.CSTNode, updated: cst.BaseExpression) -> cst.BaseExpression:
        alias = self.replacements.get(original)
        if alias is None:
            return updated
        return cst.Name(alias, lpar=updated.lpar, rpar=updated.rpar)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return self._aliased(original_node, updated_node)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        return self._aliased(original_node, updated_node)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not self.definitions:
            return updated_node
        top = _prologue_length(original_node.body)
        following: defaultdict[int, list[cst.SimpleStatementLine]] = defaultdict(list)
        for candidate, alias in self.definitions:
            target = cst.AssignTarget(
                cst.Name(alias),
                whitespace_before_equal=cst.SimpleWhitespace(""),
                whitespace_after_equal=cst.SimpleWhitespace(""),
            )
            line = cst.SimpleStatementLine([cst.Assign([target], candidate.definition_value())])
            position = top - 1 if candidate.after_statement is None else candidate.after_statement
            following[position].append(line)
        body = list(following[-1])
        for index, statement in enumerate(updated_node.body):
            body.append(statement)
            body.extend(following[index])
        return updated_node.with_changes(body=body)


class AliasNames(CSTTransform):
    name = "alias_names"
    safety = Safety.RISKY
    transformer = NameAliaser
