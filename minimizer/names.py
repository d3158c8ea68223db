"""Scope and name analysis shared by the renaming transforms.

Renaming is the largest single saving, and also the easiest way to break a
program silently: a name reached as a string, a keyword argument, a name-mangled
``__x`` or an ``{x=}`` f-string all tie the *spelling* of a name to behaviour.
This module answers, from libcst ``ScopeProvider`` metadata, which symbols a
program binds, every node that spells each of them, and which of them must keep
their spelling. It also plans the new names once per module so that any subset
of renamings can be applied without collisions.
"""

from __future__ import annotations

import builtins
import itertools
import keyword
import re
import string
from abc import abstractmethod
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    Access,
    Assignment,
    BuiltinAssignment,
    ClassScope,
    ComprehensionScope,
    ExpressionContext,
    ExpressionContextProvider,
    FunctionScope,
    GlobalScope,
    ImportAssignment,
    Scope,
    ScopeProvider,
)

from minimizer.transforms.base import Transform

#: Builtins that let a program reach its own names through strings.
NAME_REACHING_BUILTINS = frozenset(
    {"exec", "eval", "compile", "globals", "locals", "vars", "__import__", "breakpoint"}
)
#: Builtins that reach an attribute by a name given as their second argument.
ATTRIBUTE_BY_NAME_BUILTINS = frozenset({"getattr", "setattr", "hasattr", "delattr"})
#: Attributes that expose names or namespaces at run time.
INTROSPECTION_ATTRIBUTES = frozenset(
    {
        "__dict__",
        "__name__",
        "__qualname__",
        "__code__",
        "__globals__",
        "__annotations__",
        "f_locals",
        "f_globals",
        "_getframe",
    }
)
INTROSPECTION_MODULES = frozenset({"inspect", "dis", "pickle", "dataclasses"})

#: Attribute names the builtin types answer to; renaming one would break e.g. ``.append``.
BUILTIN_TYPE_ATTRIBUTES = frozenset(
    name
    for builtin_type in (
        str,
        bytes,
        list,
        dict,
        set,
        frozenset,
        tuple,
        int,
        float,
        complex,
        bool,
        object,
        type,
        BaseException,
        range,
        slice,
    )
    for name in dir(builtin_type)
)
#: Names a new name must never be: it would shadow or clash with the language itself.
FORBIDDEN_NEW_NAMES = (
    frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | frozenset(dir(builtins))
)
#: Decorators known not to look at a function's parameter names.
TRANSPARENT_DECORATORS = (
    m.Name("staticmethod")
    | m.Name("classmethod")
    | m.Name("property")
    | m.Attribute(attr=m.Name("setter") | m.Name("getter") | m.Name("deleter"))
)

SLOTS_ASSIGNMENT = m.SimpleStatementLine(
    body=[m.Assign(targets=[m.AssignTarget(m.Name("__slots__"))])]
)

_FIRST_CHARACTERS = string.ascii_lowercase + string.ascii_uppercase + "_"
_LATER_CHARACTERS = _FIRST_CHARACTERS + string.digits
# Identifier-like words in a string literal (``'x y'``, ``'x, y'``, ``'data'``):
# the way namedtuple, getattr and friends spell names. This reads literal *values*.
_NAME_LIST = re.compile(r"\s*[A-Za-z_]\w*(\s*[,\s]\s*[A-Za-z_]\w*)*\s*,?\s*")


def is_protected_spelling(name: str) -> bool:
    """Dunders and ``__x`` (name-mangled inside classes) keep their spelling."""
    return name.startswith("__")


def short_names() -> Iterator[str]:
    """Every identifier spelling, shortest first: a..z, A..Z, _, then two characters."""
    yield from _FIRST_CHARACTERS
    for length in itertools.count(2):
        for rest in itertools.product(_LATER_CHARACTERS, repeat=length - 1):
            for first in _FIRST_CHARACTERS:
                yield first + "".join(rest)


@dataclass(eq=False)  # compared and hashed by identity: one object per binding
class Symbol:
    """One thing a program names, and every node that spells that name."""

    name: str
    #: Scope of the binding; ``None`` for attribute symbols, which have no scope.
    scope: Scope | None
    nodes: list[cst.Name | cst.SimpleString] = field(default_factory=list)
    is_parameter: bool = False
    #: Why this symbol keeps its name, or ``None`` when it may be renamed.
    pinned: str | None = None

    def add(self, node: cst.Name | cst.SimpleString) -> None:
        if all(node is not known for known in self.nodes):
            self.nodes.append(node)

    def pin(self, reason: str) -> None:
        self.pinned = self.pinned or reason


@dataclass
class NameAnalysis:
    """Everything the renaming transforms need to know about one module.

    ``module`` is the copy the metadata was computed on; the nodes of every
    symbol belong to it, so renamings must be applied to it.
    """

    module: cst.Module
    refusal: str | None
    variables: list[Symbol]
    attributes: list[Symbol]
    #: Every spelling the program already uses, so that a new name cannot meet one.
    taken_spellings: frozenset[str]
    #: Source order of every Name and string node, to number sites deterministically.
    order: dict[int, int]

    def first_seen(self, symbol: Symbol) -> int:
        return min(self.order.get(id(node), len(self.order)) for node in symbol.nodes)


def _literal_words(node: cst.SimpleString) -> list[str]:
    value = node.evaluated_value
    if isinstance(value, str) and _NAME_LIST.fullmatch(value):
        return re.findall(r"[A-Za-z_]\w*", value)
    return []


def _slot_elements(value: cst.BaseExpression) -> list[cst.Element]:
    if isinstance(value, (cst.Tuple, cst.List, cst.Set)):
        return list(value.elements)
    return [cst.Element(value)]


def _dotted_root(expression: cst.BaseExpression) -> cst.BaseExpression:
    while isinstance(expression, cst.Attribute):
        expression = expression.value
    return expression


def _enclosing(scope: Scope, kind: type[Scope]) -> Scope:
    while not isinstance(scope, kind):
        scope = scope.parent
    return scope


class _NodeCollector(cst.CSTVisitor):
    """One traversal that lists every node in source order, so lookups need not re-walk."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.nodes.append(node)
        return True


class _Analyzer:
    """Builds a :class:`NameAnalysis` from one resolved metadata wrapper."""

    def __init__(self, module: cst.Module) -> None:
        self.wrapper = cst.MetadataWrapper(module)
        self.module = self.wrapper.module
        self.scopes = self.wrapper.resolve(ScopeProvider)
        self.contexts = self.wrapper.resolve(ExpressionContextProvider)
        collector = _NodeCollector()
        self.module.visit(collector)
        self.all_nodes = collector.nodes
        self.all_scopes: list[Scope] = []
        for scope in self.scopes.values():
            if scope is not None and all(scope is not seen for seen in self.all_scopes):
                self.all_scopes.append(scope)
        self.access_of: dict[int, Access] = {
            id(access.node): access for scope in self.all_scopes for access in scope.accesses
        }
        self.symbol_of: dict[tuple[int, str], Symbol] = {}
        self.symbol_of_param: dict[int, Symbol] = {}
        self.slots_strings: dict[int, cst.SimpleString] = {
            id(element.value): element.value
            for class_def in self.find(m.ClassDef())
            for statement in class_def.body.body
            if m.matches(statement, SLOTS_ASSIGNMENT)
            for element in _slot_elements(statement.body[0].value)
            if isinstance(element.value, cst.SimpleString)
        }
        # __slots__ strings are attribute spellings to rename, not names to keep.
        self.literal_words = {
            word
            for node in self.find(m.SimpleString())
            if id(node) not in self.slots_strings
            for word in _literal_words(node)
        }

    def find(self, matcher: m.BaseMatcherNode | m.OneOf[m.BaseMatcherNode]) -> list[cst.CSTNode]:
        """Nodes matching ``matcher`` in source order, from one shared traversal."""
        options = matcher.options if isinstance(matcher, m.OneOf) else (matcher,)
        wanted = {getattr(cst, type(option).__name__) for option in options}
        return [
            node for node in self.all_nodes if type(node) in wanted and m.matches(node, matcher)
        ]

    # -- refusals -----------------------------------------------------------------

    def _resolves_to_builtin(self, name: cst.Name) -> bool:
        access = self.access_of.get(id(name))
        if access is None:
            return False
        return all(isinstance(referent, BuiltinAssignment) for referent in access.referents)

    def refusal(self) -> str | None:
        if self.find(m.ImportStar()):
            return "import * hides which names the program binds"
        for node in self.find(m.Import() | m.ImportFrom()):
            modules = (
                [cst.helpers.get_full_name_for_node(alias.name) for alias in node.names]
                if isinstance(node, cst.Import)
                else [cst.helpers.get_full_name_for_node(node.module) if node.module else ""]
            )
            for module_name in modules:
                if (module_name or "").split(".")[0] in INTROSPECTION_MODULES:
                    return f"imports {module_name}, which can read names at run time"
        for name in self.find(m.Name()):
            if name.value in NAME_REACHING_BUILTINS and self._resolves_to_builtin(name):
                return f"uses {name.value}(), which reaches names as strings"
        for attribute in self.find(m.Attribute()):
            if attribute.attr.value in INTROSPECTION_ATTRIBUTES:
                return f"reads .{attribute.attr.value}, which exposes names"
        by_name_calls = set()
        for call in self.find(m.Call(func=m.Name())):
            if call.func.value in ATTRIBUTE_BY_NAME_BUILTINS and self._resolves_to_builtin(
                call.func
            ):
                by_name_calls.add(id(call.func))
                literal = (
                    len(call.args) >= 2
                    and not any(arg.star for arg in call.args[:2])
                    and isinstance(call.args[1].value, cst.SimpleString)
                )
                if not literal:
                    return f"calls {call.func.value}() with a computed attribute name"
        for name in self.find(m.Name()):
            if (
                name.value in ATTRIBUTE_BY_NAME_BUILTINS
                and id(name) not in by_name_calls
                and self._resolves_to_builtin(name)
            ):
                return f"passes {name.value} around, so attribute names may be computed"
        return None

    # -- variables ----------------------------------------------------------------

    def variables(self) -> list[Symbol]:
        for scope in self.all_scopes:
            for assignment in scope.assignments:
                self._add_binding(assignment)
        for scope in self.all_scopes:
            for assignment in scope.assignments:
                self._add_references(assignment)
        self._reconcile_accesses()
        self._add_declarations()
        self._add_keyword_arguments()
        self._pin_spelled_names()
        return list(self.symbol_of.values())

    def _symbol_for(self, assignment: Assignment) -> Symbol:
        key = (id(assignment.scope), assignment.name)
        if key not in self.symbol_of:
            self.symbol_of[key] = Symbol(assignment.name, assignment.scope)
        return self.symbol_of[key]

    def _add_binding(self, assignment: Assignment) -> None:
        symbol = self._symbol_for(assignment)
        node = assignment.node
        if is_protected_spelling(assignment.name):
            symbol.pin("dunder or name-mangled")
        if isinstance(assignment, ImportAssignment) or not isinstance(assignment, Assignment):
            symbol.pin("bound by an import")
        elif isinstance(node, cst.Name):
            symbol.add(node)
        elif isinstance(node, cst.Param):
            symbol.add(node.name)
            symbol.is_parameter = True
            self.symbol_of_param[id(node)] = symbol
        elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            symbol.add(node.name)
        else:
            symbol.pin(f"bound by a {type(node).__name__}")

    def _add_references(self, assignment: Assignment) -> None:
        symbol = self._symbol_for(assignment)
        for access in assignment.references:
            if isinstance(access.node, cst.Name):
                symbol.add(access.node)
            else:
                symbol.pin("referenced from a string annotation")

    def _reconcile_accesses(self) -> None:
        """Check every access against Python's own scoping rule.

        libcst misses e.g. ``row`` in ``[p for m in d for row in m for p in row]``
        (left out, that spelling would keep the old name), and it resolves the
        right side of ``total = total`` in a function to the global or builtin
        where Python reads the unbound local. Misses are added to the symbol
        Python means; disagreements pin every binding involved.
        """
        for scope in self.all_scopes:
            for access in scope.accesses:
                if not isinstance(access.node, cst.Name):
                    continue
                python_owner = self._visible_symbol(access.scope, access.node.value)
                libcst_owners = {
                    self._symbol_for(referent) if isinstance(referent, Assignment) else None
                    for referent in access.referents
                }
                if not libcst_owners and python_owner is not None:
                    python_owner.add(access.node)
                elif libcst_owners - {python_owner}:
                    for owner in (libcst_owners | {python_owner}) - {None}:
                        owner.pin("libcst and Python disagree on which binding it means")

    def _visible_symbol(self, scope: Scope, name: str) -> Symbol | None:
        """The binding ``name`` means in ``scope``: its own, then enclosing non-class scopes."""
        current: Scope = scope
        while True:
            symbol = self.symbol_of.get((id(current), name))
            if symbol is not None and (current is scope or not isinstance(current, ClassScope)):
                return symbol
            if isinstance(current, GlobalScope):
                return None
            current = current.parent

    def _add_declarations(self) -> None:
        """Tie the names of ``global`` and ``nonlocal`` statements to their bindings."""
        for statement in self.find(m.Global() | m.Nonlocal()):
            scope = self.scopes[statement]
            for item in statement.names:
                symbol = self._declared_symbol(statement, scope, item.name.value)
                if symbol is not None:
                    symbol.add(item.name)

    def _declared_symbol(
        self, statement: cst.Global | cst.Nonlocal, scope: Scope, name: str
    ) -> Symbol | None:
        if isinstance(statement, cst.Global):
            return self.symbol_of.get((id(_enclosing(scope, GlobalScope)), name))
        outer = scope.parent
        while not isinstance(outer, GlobalScope):
            symbol = self.symbol_of.get((id(outer), name))
            if isinstance(outer, FunctionScope) and symbol is not None:
                return symbol
            outer = outer.parent
        return None

    def _resolved_function(self, callee: cst.BaseExpression) -> cst.FunctionDef | None:
        """The one ``def`` a called name can only mean, or ``None`` when unknown."""
        access = self.access_of.get(id(callee)) if isinstance(callee, cst.Name) else None
        if access is None:
            return None
        if not all(isinstance(referent, Assignment) for referent in access.referents):
            return None
        definitions = {id(referent.node): referent.node for referent in access.referents}
        if len(definitions) != 1:
            return None
        (definition,) = definitions.values()
        return definition if isinstance(definition, cst.FunctionDef) else None

    def _keyword_params(self, function: cst.FunctionDef | cst.Lambda) -> list[cst.Param]:
        return [*function.params.params, *function.params.kwonly_params]

    def _add_keyword_arguments(self) -> None:
        """Spell parameters at ``f(name=...)`` sites, or pin them when ``f`` is unknown."""
        unresolved_keywords: set[str] = set()
        unresolved_double_star = False
        for call in self.find(m.Call()):
            function = self._resolved_function(call.func)
            for arg in call.args:
                if arg.star == "**":
                    if function is None:
                        unresolved_double_star = True
                    else:
                        for param in self._keyword_params(function):
                            self._param_symbol(param).pin("called with **")
                if arg.keyword is None:
                    continue
                if function is None:
                    unresolved_keywords.add(arg.keyword.value)
                    continue
                for param in self._keyword_params(function):
                    if param.name.value == arg.keyword.value:
                        self._param_symbol(param).add(arg.keyword)
        for function in self.find(m.FunctionDef() | m.Lambda()):
            decorated = isinstance(function, cst.FunctionDef) and any(
                not m.matches(decorator.decorator, TRANSPARENT_DECORATORS)
                for decorator in function.decorators
            )
            for param in self._keyword_params(function):
                symbol = self._param_symbol(param)
                if decorated:
                    symbol.pin("its function is decorated")
                elif unresolved_double_star:
                    symbol.pin("some call passes ** to an unknown function")
                elif param.name.value in unresolved_keywords:
                    symbol.pin("passed by keyword to an unknown function")

    def _param_symbol(self, param: cst.Param) -> Symbol:
        return self.symbol_of_param[id(param)]

    def _pin_spelled_names(self) -> None:
        """Pin names whose spelling shows: ``{x=}``, walrus targets leaking out of comprehensions,
        ``__all__`` entries and, for parameters, names written in string literals."""
        debug_nodes = {
            id(name)
            for expression in self.find(m.FormattedStringExpression(equal=m.AssignEqual()))
            for name in m.findall(expression, m.Name())
        }
        leaking_walrus = {
            walrus.target.value
            for walrus in self.find(m.NamedExpr(target=m.Name()))
            if isinstance(self.scopes[walrus], ComprehensionScope)
        }
        exported = self._exported_names()
        for symbol in self.symbol_of.values():
            if any(id(node) in debug_nodes for node in symbol.nodes):
                symbol.pin("printed by an {name=} f-string")
            if symbol.name in leaking_walrus:
                symbol.pin("a walrus in a comprehension binds it in the enclosing scope")
            if isinstance(symbol.scope, GlobalScope) and (
                exported is None or symbol.name in exported
            ):
                symbol.pin("exported through __all__")
            if symbol.is_parameter and symbol.name in self.literal_words:
                symbol.pin("spelled in a string literal")
        self._pin_visible_class_names()

    def _exported_names(self) -> set[str] | None:
        """Names listed in ``__all__`` (empty without one); ``None`` when it is not literal."""
        exported: set[str] = set()
        for assign in self.find(m.Assign(targets=[m.AssignTarget(m.Name("__all__"))])):
            if not isinstance(assign.value, (cst.List, cst.Tuple)):
                return None
            for element in assign.value.elements:
                if not isinstance(element.value, cst.SimpleString):
                    return None
                exported.add(str(element.value.evaluated_value))
        if self.find(m.Name("__all__")) and not exported:
            return None
        return exported

    def _pin_visible_class_names(self) -> None:
        """A class's name is printed by ``repr(cls)``, by exceptions and dataclasses:
        rename a class only when nothing can show it."""
        type_of_object = any(
            len(call.args) == 1 and self._resolves_to_builtin(call.func)
            for call in self.find(m.Call(func=m.Name("type")))
        ) or bool(self.find(m.Attribute(attr=m.Name("__class__"))))
        harmless_uses = {
            id(node)
            for call in self.find(m.Call())
            for node in [call.func]
            + [
                arg.value
                for arg in call.args[1:2]
                if m.matches(call.func, m.Name("isinstance") | m.Name("issubclass"))
            ]
        }
        for class_def in self.find(m.ClassDef()):
            symbol = self.symbol_of.get((id(self.scopes[class_def]), class_def.name.value))
            if symbol is None:
                continue
            if class_def.bases or class_def.keywords or class_def.decorators:
                symbol.pin("a class with bases or decorators may show its name")
            elif any(
                is_protected_spelling(name.value) and not name.value.endswith("__")
                for name in m.findall(class_def.body, m.Name())
            ):
                symbol.pin("its name is part of the mangled _Class__x names")
            elif type_of_object:
                symbol.pin("type() or __class__ may show the class name")
            elif any(
                id(node) not in harmless_uses and node is not class_def.name
                for node in symbol.nodes
            ):
                symbol.pin("the class object itself is used as a value")

    # -- attributes ---------------------------------------------------------------

    def attributes(self) -> list[Symbol]:
        class_scopes = {
            id(scope): scope for scope in self.all_scopes if isinstance(scope, ClassScope)
        }
        symbols: dict[str, Symbol] = {}

        def symbol_named(name: str) -> Symbol:
            return symbols.setdefault(name, Symbol(name, None))

        # Attributes the program defines: class-level names, slots, and self.x = ... in methods.
        for scope in class_scopes.values():
            opaque_class = self._class_is_opaque(scope.node)
            for assignment in scope.assignments:
                symbol = symbol_named(assignment.name)
                if opaque_class:
                    symbol.pin("defined by a class with outside bases or decorators")
                if isinstance(assignment.node, (cst.FunctionDef, cst.ClassDef)):
                    symbol.add(assignment.node.name)
                elif isinstance(assignment.node, cst.Name):
                    symbol.add(assignment.node)
                else:
                    symbol.pin("bound in a class body by an import or pattern")
                for access in assignment.references:
                    if isinstance(access.node, cst.Name):
                        symbol.add(access.node)
                    else:
                        symbol.pin("referenced from a string annotation")
        for slot in self.slots_strings.values():
            name = slot.evaluated_value
            if isinstance(name, str) and name.isidentifier():
                symbol_named(name).add(slot)
        for attribute in self.find(m.Attribute(value=m.Name())):
            owner = self._self_attribute_owner(attribute)
            if owner is not None:
                symbol = symbol_named(attribute.attr.value)
                if self._class_is_opaque(owner):
                    symbol.pin("defined by a class with outside bases or decorators")
        # Every .attr site whose base is not an imported module or object.
        for attribute in self.find(m.Attribute()):
            symbol = symbols.get(attribute.attr.value)
            if symbol is not None and not self._base_is_imported(attribute.value):
                symbol.add(attribute.attr)
        self._pin_attribute_spellings(symbols)
        return list(symbols.values())

    def _class_is_opaque(self, class_def: cst.ClassDef) -> bool:
        """A class with outside bases, a metaclass or decorators may rely on its attribute names."""
        if class_def.decorators or class_def.keywords:
            return True
        for base in class_def.bases:
            if m.matches(base.value, m.Name("object")):
                continue
            access = self.access_of.get(id(base.value))
            if access is None or not all(
                isinstance(referent, Assignment) and isinstance(referent.node, cst.ClassDef)
                for referent in access.referents
            ):
                return True
            if any(self._class_is_opaque(referent.node) for referent in access.referents):
                return True
        return False

    def _self_attribute_owner(self, attribute: cst.Attribute) -> cst.ClassDef | None:
        """The class of a method when ``attribute`` is a store to ``self.x`` in it."""
        if self.contexts.get(attribute) is not ExpressionContext.STORE:
            return None
        scope = self.scopes.get(attribute)
        if not isinstance(scope, FunctionScope) or not isinstance(scope.parent, ClassScope):
            return None
        method = scope.node
        if not isinstance(method, cst.FunctionDef) or not method.params.params:
            return None
        if method.params.params[0].name.value != attribute.value.value:
            return None
        return scope.parent.node

    def _base_is_imported(self, base: cst.BaseExpression) -> bool:
        root = _dotted_root(base)
        access = self.access_of.get(id(root)) if isinstance(root, cst.Name) else None
        return access is not None and any(
            isinstance(referent, ImportAssignment) for referent in access.referents
        )

    def _pin_attribute_spellings(self, symbols: dict[str, Symbol]) -> None:
        debug_names = {
            name.value
            for expression in self.find(m.FormattedStringExpression(equal=m.AssignEqual()))
            for name in m.findall(expression, m.Name())
        }
        pattern_keys = {element.key.value for element in self.find(m.MatchKeywordElement())}
        for name, symbol in symbols.items():
            if is_protected_spelling(name):
                symbol.pin("dunder or name-mangled")
            elif name in BUILTIN_TYPE_ATTRIBUTES:
                symbol.pin("also an attribute of a builtin type")
            elif name in self.literal_words:
                symbol.pin("spelled in a string literal")
            elif name in debug_names:
                symbol.pin("printed by an {name=} f-string")
            elif name in pattern_keys:
                symbol.pin("matched by a class pattern")

    def taken_spellings(self) -> frozenset[str]:
        names = {name.value for name in self.find(m.Name())}
        return frozenset(names | self.literal_words)

    def order(self) -> dict[int, int]:
        nodes = self.find(m.Name() | m.SimpleString())
        return {id(node): index for index, node in enumerate(nodes)}


def analyze(module: cst.Module) -> NameAnalysis:
    """Bindings, references and refusals of ``module`` (see :class:`NameAnalysis`)."""
    analyzer = _Analyzer(module)
    return NameAnalysis(
        module=analyzer.module,
        refusal=analyzer.refusal(),
        variables=analyzer.variables(),
        attributes=analyzer.attributes(),
        taken_spellings=analyzer.taken_spellings(),
        order=analyzer.order(),
    )


def refuses_renaming(module: cst.Module) -> str | None:
    """Why ``module`` reaches its names as strings (so nothing may be renamed), or ``None``."""
    return _Analyzer(module).refusal()


def variable_spellings(node: cst.CSTNode) -> frozenset[str]:
    """Every spelling under ``node`` that a variable could collide with: names, except
    those that only follow a dot (attributes live in their own namespace), and the
    words of string literals (names reached as strings)."""
    attribute_names = {id(attribute.attr) for attribute in m.findall(node, m.Attribute())}
    names = {name.value for name in m.findall(node, m.Name()) if id(name) not in attribute_names}
    words = {
        word for string in m.findall(node, m.SimpleString()) for word in _literal_words(string)
    }
    return frozenset(names | words)


@dataclass
class RenamePlan:
    """New names for the symbols of one module, numbered as sites in source order."""

    module: cst.Module
    sites: list[tuple[Symbol, str]]


def plan_renames(
    analysis: NameAnalysis,
    symbols: list[Symbol],
    meet: Callable[[Symbol, Symbol], bool],
    forbidden: frozenset[str] = FORBIDDEN_NEW_NAMES,
    taken_for: Callable[[Symbol], frozenset[str]] | None = None,
) -> RenamePlan:
    """Give the most-spelled symbols the shortest names that meet nothing they could see.

    A new name is never a keyword, a builtin, or any spelling the module already
    uses, so every subset of the plan can be applied; two planned symbols share a
    name only when ``meet`` says their scopes do not meet.
    """
    if taken_for is None:
        taken_for = lambda symbol: analysis.taken_spellings  # noqa: E731
    candidates = [symbol for symbol in symbols if symbol.pinned is None and symbol.nodes]
    candidates.sort(key=lambda symbol: (-len(symbol.nodes), analysis.first_seen(symbol)))
    holders: dict[str, list[Symbol]] = {}
    planned: list[tuple[Symbol, str]] = []
    for symbol in candidates:
        for new_name in short_names():
            if len(new_name) >= len(symbol.name):
                break
            if (
                new_name in forbidden
                or new_name in taken_for(symbol)
                or any(meet(symbol, other) for other in holders.get(new_name, ()))
            ):
                continue
            holders.setdefault(new_name, []).append(symbol)
            planned.append((symbol, new_name))
            break
    planned.sort(key=lambda pair: analysis.first_seen(pair[0]))
    return RenamePlan(analysis.module, planned)


class _NodeReplacer(cst.CSTTransformer):
    """Swaps the exact node objects of a plan for their renamed copies."""

    def __init__(self, replacements: dict[int, cst.CSTNode]) -> None:
        super().__init__()
        self.replacements = replacements

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:
        return self.replacements.get(id(original_node), updated_node)


def _respelled(node: cst.Name | cst.SimpleString, new_name: str) -> cst.CSTNode:
    if isinstance(node, cst.Name):
        return node.with_changes(value=new_name)
    return node.with_changes(value=f"{node.prefix}{node.quote}{new_name}{node.quote}")


class RenamingTransform(Transform):
    """A transform whose sites are symbols, each renamed at every node that spells it."""

    @abstractmethod
    def symbols(self, analysis: NameAnalysis) -> list[Symbol]:
        """The symbols this transform may rename."""

    @abstractmethod
    def meet(self, first: Symbol, second: Symbol) -> bool:
        """Whether two symbols could be seen from one place, so must not share a name."""

    #: Spellings a new name must not take, beyond those the module already uses.
    forbidden_names: ClassVar[frozenset[str]] = FORBIDDEN_NEW_NAMES

    def __init__(self) -> None:
        self._cached: tuple[cst.Module, RenamePlan] | None = None

    def plan(self, module: cst.Module) -> RenamePlan:
        # The search asks for the count, then applies many subsets to one module.
        if self._cached is not None and self._cached[0] is module:
            return self._cached[1]
        analysis = analyze(module)
        if analysis.refusal is not None:
            plan = RenamePlan(analysis.module, [])
        else:
            plan = plan_renames(
                analysis, self.symbols(analysis), self.meet, self.forbidden_names,
                self.taken_spellings_for(analysis),
            )  # fmt: skip
        self._cached = (module, plan)
        return plan

    def taken_spellings_for(self, analysis: NameAnalysis) -> Callable[[Symbol], frozenset[str]]:
        """For each symbol, the spellings its new name could collide with: by default
        every one the module uses."""
        return lambda symbol: analysis.taken_spellings

    def count_sites(self, module: cst.Module) -> int:
        return len(self.plan(module).sites)

    def renames(self, module: cst.Module, sites: Collection[int]) -> dict[str, str]:
        """Module-level names as they are; attributes with a leading dot (``.data``).

        Locals are left out: many of them share one short name."""
        renamed = {}
        for index, (symbol, new_name) in enumerate(self.plan(module).sites):
            if index not in sites:
                continue
            if symbol.scope is None:
                renamed[f".{symbol.name}"] = f".{new_name}"
            elif isinstance(symbol.scope, GlobalScope):
                renamed[symbol.name] = new_name
        return renamed

    def apply(self, module: cst.Module, sites: Collection[int]) -> cst.Module:
        plan = self.plan(module)
        replacements = {
            id(node): _respelled(node, new_name)
            for index, (symbol, new_name) in enumerate(plan.sites)
            if index in sites
            for node in symbol.nodes
        }
        if not replacements:
            return module
        return plan.module.visit(_NodeReplacer(replacements))
