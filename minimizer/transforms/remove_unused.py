"""Remove definitions that nothing reads: imports, functions, classes, inert assignments.

Programs grow helpers and imports that the final version no longer uses; each
costs characters and none changes what the program does. Scope analysis
(libcst's ``ScopeProvider``) says which bindings are never read. A binding is
removed only when creating it cannot have an effect of its own:

* imports of top-level standard-library modules known to import quietly (a
  third-party or dotted import may run code or set a package attribute that
  other code relies on);
* undecorated functions and classes whose default values, annotations, bases
  and class bodies only name things or spell literals;
* module- or function-level ``name = value`` where ``value`` is a literal, a
  name, or a tuple or list of those (calls may have side effects);
* a class's whole ``__slots__`` assignment, when the class is never subclassed,
  nothing reads ``__slots__`` and the program imports nothing that pickles or
  copies. Results do not change; memory use and speed do, and a program that
  relies on ``AttributeError`` for undeclared attributes would notice.

A program that looks names up dynamically (``eval``, ``globals()``, ...) is
left alone. Each removable definition is one site.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    Access,
    Assignment,
    ClassScope,
    GlobalScope,
    Scope,
    ScopeProvider,
)

from minimizer.analysis.bindings import augmented_in, augmented_names, read_by_python
from minimizer.analysis.refusal import reaches_names_dynamically
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer

#: Standard-library modules whose import alone does something observable.
NOISY_IMPORTS = frozenset(
    {"__future__", "this", "antigravity", "readline", "rlcompleter", "site", "faulthandler"}
)
#: Modules through which a program could notice that ``__slots__`` went away.
SLOTS_OBSERVERS = frozenset({"pickle", "copy", "copyreg", "shelve", "marshal", "dataclasses"})

INERT_ATOM = (
    m.Integer()
    | m.Float()
    | m.Imaginary()
    | m.SimpleString()
    | m.Name("True")
    | m.Name("False")
    | m.Name("None")
    | m.Ellipsis()
    | m.ConcatenatedString(left=m.SimpleString(), right=m.SimpleString())
    | m.UnaryOperation(operator=m.Minus() | m.Plus(), expression=m.Integer() | m.Float())
)


def _is_inert(expression: cst.BaseExpression) -> bool:
    """Evaluating ``expression`` can neither call anything nor fail: literals only, since
    reading a name may raise (an unbound local, found by the property tests)."""
    if m.matches(expression, m.Tuple() | m.List()):
        return all(
            m.matches(element, m.Element()) and _is_inert(element.value)
            for element in expression.elements
        )
    return m.matches(expression, INERT_ATOM)


def _is_quiet_stdlib_module(dotted_name: str) -> bool:
    return (
        "." not in dotted_name
        and dotted_name in sys.stdlib_module_names
        and dotted_name not in NOISY_IMPORTS
    )


def _is_submodule(package: str, name: str) -> bool:
    """Would ``from package import name`` import a submodule (and set it on the package)?"""
    spec = importlib.util.find_spec(package)
    locations = (spec.submodule_search_locations or []) if spec is not None else []
    return any(
        (Path(location) / name).is_dir() or (Path(location) / f"{name}.py").exists()
        for location in locations
    )


def _dotted(node: cst.BaseExpression) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _is_inert_signature(function: cst.FunctionDef) -> bool:
    parameters = function.params
    every = [
        *parameters.posonly_params,
        *parameters.params,
        *parameters.kwonly_params,
        *[p for p in (parameters.star_arg, parameters.star_kwarg) if isinstance(p, cst.Param)],
    ]
    expressions = [p.default for p in every if p.default is not None]
    expressions += [p.annotation.annotation for p in every if p.annotation is not None]
    if function.returns is not None:
        expressions.append(function.returns.annotation)
    return not function.decorators and all(_is_inert(e) for e in expressions)


#: What a class body may hold for its execution to be free of effects.
INERT_CLASS_SMALL_STATEMENT = (
    m.Pass()
    | m.Expr(value=m.SimpleString())
    | m.Assign(targets=[m.ZeroOrMore(m.AssignTarget(m.Name()))], value=m.MatchIfTrue(_is_inert))
)


def _is_inert_class_statement(statement: cst.BaseStatement) -> bool:
    if isinstance(statement, cst.FunctionDef):
        return _is_inert_signature(statement)
    return m.matches(
        statement, m.SimpleStatementLine(body=[m.ZeroOrMore(INERT_CLASS_SMALL_STATEMENT)])
    )


def _is_inert_class(definition: cst.ClassDef) -> bool:
    return (
        not definition.decorators
        and not definition.bases
        and not definition.keywords
        and all(_is_inert_class_statement(s) for s in definition.body.body)
    )


class _SlotsObservers(cst.CSTVisitor):
    """One pass over the program for what could notice a missing ``__slots__``."""

    def __init__(self) -> None:
        super().__init__()
        self.imported_modules: set[str] = set()
        self.base_class_names: set[str] = set()
        self.reads_slots_attribute = False

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        self.imported_modules.add(_dotted(node.name).split(".")[0])

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.module is not None:
            self.imported_modules.add(_dotted(node.module).split(".")[0])

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.base_class_names |= {
            base.value.value for base in node.bases if isinstance(base.value, cst.Name)
        }

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.reads_slots_attribute |= node.attr.value == "__slots__"


class _UnusedRemover(SiteTransformer):
    METADATA_DEPENDENCIES = (ScopeProvider,)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.enabled = False
        self.slots_observers = _SlotsObservers()
        self.reads_slots_name = False
        self.accesses: list[Access] = []
        self.augmented: list[tuple[Scope, str]] = []

    def visit_Module(self, node: cst.Module) -> None:
        scopes = {s for s in self.metadata[ScopeProvider].values() if s is not None}
        self.accesses = [access for scope in scopes for access in scope.accesses]
        self.augmented = augmented_names(node, self.metadata[ScopeProvider])
        read_names = {
            access.node.value for access in self.accesses if isinstance(access.node, cst.Name)
        }
        self.enabled = reaches_names_dynamically(node) is None and not any(
            "__all__" in s for s in scopes
        )
        self.reads_slots_name = "__slots__" in read_names
        node.visit(self.slots_observers)

    # -- helpers -------------------------------------------------------------

    def _is_unread(self, node: cst.CSTNode, name: str) -> bool:
        """Is the binding of ``name`` made at ``node`` read nowhere, in a scope we may prune?"""
        scope: Scope | None = self.get_metadata(ScopeProvider, node, None)
        if scope is None or isinstance(scope, ClassScope):
            return False
        if name.startswith("__") and name.endswith("__"):
            return False
        bindings = [a for a in scope.assignments[name] if isinstance(a, Assignment)]
        if not bindings or any(a.references for a in bindings):
            return False
        if augmented_in(scope, name, self.augmented):  # ``name += 1`` reads it
            return False
        # libcst can credit a read in a function to the global although the local
        # binding shadows it (Python then raises UnboundLocalError).
        return isinstance(scope, GlobalScope) or not read_by_python(scope, name, self.accesses)

    # -- imports -------------------------------------------------------------

    def leave_Import(
        self, original_node: cst.Import, updated_node: cst.Import
    ) -> cst.Import | cst.RemovalSentinel:
        kept = [
            updated
            for original, updated in zip(original_node.names, updated_node.names)
            if not (
                _is_quiet_stdlib_module(_dotted(original.name))
                and self._removes(original, self._bound_name(original))
            )
        ]
        return self._with_aliases(updated_node, kept)

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.RemovalSentinel:
        if (
            isinstance(updated_node.names, cst.ImportStar)
            or updated_node.relative
            or updated_node.module is None
            or not _is_quiet_stdlib_module(_dotted(updated_node.module))
        ):
            return updated_node
        package = _dotted(updated_node.module)
        kept = [
            updated
            for original, updated in zip(original_node.names, updated_node.names)
            if _is_submodule(package, _dotted(original.name))
            or not self._removes(original, self._bound_name(original))
        ]
        return self._with_aliases(updated_node, kept)

    @staticmethod
    def _bound_name(alias: cst.ImportAlias) -> str:
        if alias.asname is not None:
            return _dotted(alias.asname.name)
        return _dotted(alias.name).split(".")[0]

    def _removes(self, alias: cst.ImportAlias, name: str) -> bool:
        return self.enabled and self._is_unread(alias, name) and self.take_site()

    @staticmethod
    def _with_aliases(
        statement: cst.Import | cst.ImportFrom, kept: list[cst.ImportAlias]
    ) -> cst.Import | cst.ImportFrom | cst.RemovalSentinel:
        if not kept:
            return cst.RemoveFromParent()
        if len(kept) == len(statement.names):
            return statement
        # The last alias must not keep a trailing comma it had as a middle one.
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return statement.with_changes(names=kept)

    # -- functions and classes -----------------------------------------------

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef | cst.RemovalSentinel:
        if _is_inert_signature(original_node) and self._removes_definition(original_node):
            return cst.RemoveFromParent()
        return updated_node

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef | cst.RemovalSentinel:
        if _is_inert_class(original_node) and self._removes_definition(original_node):
            return cst.RemoveFromParent()
        return updated_node

    def _removes_definition(self, definition: cst.FunctionDef | cst.ClassDef) -> bool:
        return (
            self.enabled and self._is_unread(definition, definition.name.value) and self.take_site()
        )

    # -- assignments ----------------------------------------------------------

    def leave_Assign(
        self, original_node: cst.Assign, updated_node: cst.Assign
    ) -> cst.Assign | cst.RemovalSentinel:
        if not self.enabled or not m.matches(
            original_node, m.Assign(targets=[m.AssignTarget(m.Name())])
        ):
            return updated_node
        name = cst.ensure_type(original_node.targets[0].target, cst.Name).value
        if name == "__slots__":
            removable = self._slots_are_removable(original_node)
        else:
            removable = _is_inert(original_node.value) and self._is_unread(original_node, name)
        if removable and self.take_site():
            return cst.RemoveFromParent()
        return updated_node

    def _slots_are_removable(self, assignment: cst.Assign) -> bool:
        scope = self.get_metadata(ScopeProvider, assignment, None)
        observers = self.slots_observers
        return (
            isinstance(scope, ClassScope)
            and isinstance(scope.node, cst.ClassDef)
            and scope.node.name.value not in observers.base_class_names
            and not (observers.imported_modules & SLOTS_OBSERVERS)
            and not (self.reads_slots_name or observers.reads_slots_attribute)
        )


class RemoveUnused(CSTTransform):
    name = "remove_unused"
    safety = Safety.SAFE
    transformer = _UnusedRemover
