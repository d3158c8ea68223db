"""Which binding each name means: the variables of a program, as renameable symbols.

libcst's ``ScopeProvider`` answers most of it. Where it and Python disagree
(a read credited to a global although a local of the same name shadows it; a
comprehension variable it misses), Python's own rule decides
(``minimizer.analysis.bindings``). Every node that spells a binding (its
definition, reads, ``global`` statements, ``f(name=...)`` keywords) joins one
:class:`~minimizer.analysis.symbols.Symbol`, pinned when its spelling shows.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (
    Assignment,
    FunctionScope,
    GlobalScope,
    ImportAssignment,
    Scope,
)

from minimizer.analysis.bindings import binding_scope, is_shadowed, walrus_homes
from minimizer.analysis.calls import functions_only_called
from minimizer.analysis.class_names import pin_visible_class_names
from minimizer.analysis.index import ModuleIndex
from minimizer.analysis.resolution import find_all
from minimizer.analysis.symbols import (
    KEYWORD_TO_UNKNOWN,
    SPELLED_IN_A_STRING,
    Symbol,
    is_protected_spelling,
)

#: Decorators known not to look at a function's parameter names.
TRANSPARENT_DECORATORS = (
    m.Name("staticmethod")
    | m.Name("classmethod")
    | m.Name("property")
    | m.Attribute(attr=m.Name("setter") | m.Name("getter") | m.Name("deleter"))
)

#: ``mapping.get``, which reads a mapping without changing its keys.
DICT_GET = m.Attribute(attr=m.Name("get"))


def _enclosing(scope: Scope, kind: type[Scope]) -> Scope:
    while not isinstance(scope, kind):
        scope = scope.parent
    return scope


class Variables:
    """The variable symbols of one :class:`ModuleIndex`: ``Variables(index).symbols()``."""

    def __init__(self, index: ModuleIndex) -> None:
        self.index = index
        self.symbol_of: dict[tuple[int, str], Symbol] = {}
        self.symbol_of_param: dict[int, Symbol] = {}
        self.walrus_homes = walrus_homes(index)
        #: Ids of the ``def`` nodes only ever called by name (:mod:`calls`).
        self.only_called: set[int] = set()
        #: ``name=...`` arguments of calls whose function is unknown: they pin ``name``.
        self.unknown_keywords: list[cst.Arg] = []

    def symbols(self) -> list[Symbol]:
        """Every variable binding of the module, with the nodes that spell it."""
        for scope in self.index.all_scopes:
            for assignment in scope.assignments:
                self._add_binding(assignment)
        for scope in self.index.all_scopes:
            for assignment in scope.assignments:
                self._add_references(assignment)
        self._reconcile_accesses()
        self._add_declarations()
        self._add_keyword_arguments()
        self._pin_spelled_names()
        self._pin_globals_read_where_shadowed()
        return list(self.symbol_of.values())

    def _symbol_for(self, assignment: Assignment) -> Symbol:
        scope = self.walrus_homes.get((id(assignment.scope), assignment.name), assignment.scope)
        key = (id(scope), assignment.name)
        if key not in self.symbol_of:
            self.symbol_of[key] = Symbol(assignment.name, scope)
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
        for scope in self.index.all_scopes:
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
        """The binding ``name`` means in ``scope`` by Python's rule, or ``None`` for a builtin."""
        return self.symbol_of.get((id(binding_scope(scope, name, self.walrus_homes)), name))

    def _pin_globals_read_where_shadowed(self) -> None:
        """libcst credits ``(x := x)`` or ``x = x`` in a function to the global ``x``, though
        Python reads the local there: such a global keeps its name."""
        for symbol in self.symbol_of.values():
            if isinstance(symbol.scope, GlobalScope) and any(
                is_shadowed(self.index.scopes.get(node), symbol.name, self.walrus_homes)
                for node in symbol.nodes
            ):
                symbol.pin("read where a local binding shadows it")

    def _add_declarations(self) -> None:
        """Tie the names of ``global`` and ``nonlocal`` statements to their bindings."""
        for statement in self.index.find(m.Global() | m.Nonlocal()):
            scope = self.index.scopes[statement]
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
        access = self.index.access_of.get(id(callee)) if isinstance(callee, cst.Name) else None
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

    def _passes_through(self, arg: cst.Arg, untouching_reads: set[int]) -> bool:
        """Whether ``**arg`` hands on the enclosing function's own ``**kwargs`` untouched:
        a parameter ``**name`` read only in ``**name`` arguments and ``name.get(...)`` calls.
        Its keys are then keywords some call wrote out, not names the program made up."""
        access = self.index.access_of.get(id(arg.value))
        return (
            access is not None
            and bool(access.referents)
            and all(
                isinstance(referent, Assignment)
                and isinstance(referent.node, cst.Param)
                and referent.node.star == "**"
                and all(id(read.node) in untouching_reads for read in referent.references)
                for referent in access.referents
            )
        )

    def _add_keyword_arguments(self) -> None:
        """Spell parameters at ``f(name=...)`` sites, or pin them when ``f`` is unknown.

        ``**`` into an unknown function pins every parameter, unless every ``**`` of the
        module only passes a ``**kwargs`` on: then what reaches the unknown function is
        some keyword written at a call that no parameter of a resolved callee took, and
        only parameters spelled like one are pinned."""
        unresolved_keywords: set[str] = set()
        written_keywords: set[str] = set()
        unresolved_double_star = unresolved_pass_through = False
        calls = self.index.find(m.Call())
        untouching_reads = {
            id(arg.value) for call in calls for arg in call.args if arg.star == "**"
        } | {id(call.func.value) for call in calls if m.matches(call.func, DICT_GET)}
        all_pass_through = all(
            self._passes_through(arg, untouching_reads)
            for call in calls
            for arg in call.args
            if arg.star == "**"
        )
        for call in calls:
            function = self._resolved_function(call.func)
            named = (
                {param.name.value for param in self._keyword_params(function)} if function else ()
            )
            for arg in call.args:
                if arg.keyword is not None and arg.keyword.value not in named:
                    written_keywords.add(arg.keyword.value)
                if arg.star == "**":
                    if function is None:
                        unresolved_pass_through = all_pass_through
                        unresolved_double_star = not all_pass_through
                    else:
                        for param in self._keyword_params(function):
                            self._param_symbol(param).pin("called with **")
                if arg.keyword is None:
                    continue
                if function is None:
                    unresolved_keywords.add(arg.keyword.value)
                    self.unknown_keywords.append(arg)
                    continue
                for param in self._keyword_params(function):
                    if param.name.value == arg.keyword.value:
                        self._param_symbol(param).add(arg.keyword)
        if unresolved_pass_through:
            unresolved_keywords |= written_keywords
        # An unknown call can only reach a function that escaped.
        self.only_called = functions_only_called(self.index, self.symbol_of)
        for function in self.index.find(m.FunctionDef() | m.Lambda()):
            decorated = isinstance(function, cst.FunctionDef) and any(
                not m.matches(decorator.decorator, TRANSPARENT_DECORATORS)
                for decorator in function.decorators
            )
            for param in self._keyword_params(function):
                symbol = self._param_symbol(param)
                if decorated:
                    symbol.pin("its function is decorated")
                elif id(function) in self.only_called:
                    continue
                elif unresolved_double_star:
                    symbol.pin("some call passes ** to an unknown function")
                elif param.name.value in unresolved_keywords:
                    symbol.pin(KEYWORD_TO_UNKNOWN)

    def _param_symbol(self, param: cst.Param) -> Symbol:
        return self.symbol_of_param[id(param)]

    def _pin_spelled_names(self) -> None:
        """Pin names whose spelling shows: ``{x=}``, comprehension walruses bound through
        ``global`` or ``nonlocal``,
        ``__all__`` entries and, for parameters, names written in string literals."""
        debug_nodes = {
            id(name)
            for expression in self.index.find(m.FormattedStringExpression(equal=m.AssignEqual()))
            for name in find_all(expression, m.Name())
        }
        # A comprehension walrus whose home declares its name global or nonlocal binds
        # a third scope: every binding of that name keeps it.
        declared = {
            (id(self.index.scopes[statement]), item.name.value)
            for statement in self.index.find(m.Global() | m.Nonlocal())
            for item in statement.names
        }
        leaking_walrus = {
            name
            for (scope, name), home in self.walrus_homes.items()
            if (id(home), name) in declared
        }
        exported = self._exported_names()
        # A positional-only parameter, or one of a function only called by name, is never
        # reached by its spelling (but through eval, which pins it).
        unreachable_by_strings = {
            id(self._param_symbol(param))
            for function in self.index.find(m.FunctionDef() | m.Lambda())
            for param in (
                self._keyword_params(function) if id(function) in self.only_called else []
            )
            + list(function.params.posonly_params)
        }
        for symbol in self.symbol_of.values():
            if any(id(node) in debug_nodes for node in symbol.nodes):
                symbol.pin("printed by an {name=} f-string")
            if symbol.name in leaking_walrus:
                symbol.pin("a comprehension walrus binds it through global or nonlocal")
            if isinstance(symbol.scope, GlobalScope) and (
                exported is None or symbol.name in exported
            ):
                symbol.pin("exported through __all__")
            if (
                symbol.is_parameter
                and id(symbol) not in unreachable_by_strings
                and symbol.name in self.index.literal_words
            ):
                symbol.pin(SPELLED_IN_A_STRING)
        pin_visible_class_names(self.index, self.symbol_of)

    def _exported_names(self) -> set[str] | None:
        """Names listed in ``__all__`` (empty without one); ``None`` when it is not literal."""
        exported: set[str] = set()
        for assign in self.index.find(m.Assign(targets=[m.AssignTarget(m.Name("__all__"))])):
            if not isinstance(assign.value, (cst.List, cst.Tuple)):
                return None
            for element in assign.value.elements:
                if not isinstance(element.value, cst.SimpleString):
                    return None
                exported.add(str(element.value.evaluated_value))
        if self.index.find(m.Name("__all__")) and not exported:
            return None
        return exported
