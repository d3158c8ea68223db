"""The contract every transform follows, so that the search can treat them alike.

A transform proposes *sites*: numbered places where it could shrink the program.
Numbering is the order in which a deterministic traversal meets them, so the same
module always yields the same numbering, and any subset of sites can be applied
to it. The search applies batches of sites, verifies them, and bisects a batch
that fails to find the culprits (see ``minimizer.search``). Most transforms
are one :class:`CSTTransform`; the renaming ones share :class:`RenamingTransform`,
whose sites are the symbols of ``minimizer.analysis``.
"""

from __future__ import annotations

import ast
import enum
import functools
import inspect
import re
import textwrap
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Collection
from typing import ClassVar

import libcst as cst
from libcst.metadata import GlobalScope

from minimizer.analysis.expressions import parenthesised_for
from minimizer.analysis.index import node_types
from minimizer.analysis.naming import (
    FORBIDDEN_NEW_NAMES,
    NameAnalysis,
    RenamePlan,
    analyze,
    plan_renames,
)
from minimizer.analysis.parsing import parse
from minimizer.analysis.resolution import ParentProvider, count_resolved, visit_resolved
from minimizer.analysis.rewrites import builtin_aliases, spelling_of, variable_names
from minimizer.analysis.symbols import Symbol


class Safety(enum.Enum):
    """How much a transform's output must be checked before it is kept."""

    #: Only layout changes: the output parses to the same ``ast`` as the input.
    LAYOUT = "layout"
    #: Equivalent by construction for programs the transform agreed to touch.
    SAFE = "safe"
    #: May change behaviour (floats, evaluation order): only the verifier decides.
    RISKY = "risky"


class Transform(ABC):
    """A size-reducing rewrite that proposes numbered sites."""

    name: ClassVar[str]
    safety: ClassVar[Safety]
    #: Rewrites the program's structure rather than its spelling; in readable output it
    #: is kept only where it saves a line (see ``minimizer.objective``).
    restructures: ClassVar[bool] = False

    @abstractmethod
    def count_sites(self, module: cst.Module) -> int:
        """How many sites this transform proposes in ``module``."""

    @abstractmethod
    def apply(self, module: cst.Module, sites: Collection[int]) -> cst.Module:
        """``module`` with the changes at the given site numbers made."""

    def renames(self, module: cst.Module, sites: Collection[int]) -> dict[str, str]:
        """Names of module-level things that these sites respell, old to new, for the name map."""
        return {}


#: libcst's callbacks for one attribute of a node, such as ``visit_If_orelse``.
_ATTRIBUTE_CALLBACK = re.compile(r"(visit|leave)_[A-Z][A-Za-z]*_[a-z_]+")


class SiteTransformer(cst.CSTTransformer):
    """A libcst transformer that numbers its candidate sites as it meets them.

    Subclasses call :meth:`take_site` at each place they could change; it counts
    the site and says whether this site was chosen. With ``chosen=None`` the
    transformer only counts and changes nothing.
    """

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__()
        self.chosen = chosen
        self.site_count = 0
        #: ``visit_X``/``leave_X`` by node type, looked up once per type and pass.
        self._visit_functions: dict[type[cst.CSTNode], Callable[..., object] | None] = {}
        self._leave_functions: dict[type[cst.CSTNode], Callable[..., object] | None] = {}

    # Callbacks looked up once per node type; libcst formats names per attribute of every node.

    def on_visit(self, node: cst.CSTNode) -> bool:
        kind = type(node)
        try:
            function = self._visit_functions[kind]
        except KeyError:
            function = self._visit_functions[kind] = getattr(self, f"visit_{kind.__name__}", None)
        return function is None or function(node) is not False

    def on_leave(
        self, original_node: cst.CSTNode, updated_node: cst.CSTNode
    ) -> cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel[cst.CSTNode]:
        kind = type(original_node)
        try:
            function = self._leave_functions[kind]
        except KeyError:
            function = self._leave_functions[kind] = getattr(self, f"leave_{kind.__name__}", None)
        return updated_node if function is None else function(original_node, updated_node)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        hooks = [
            name
            for owner in cls.__mro__
            if not owner.__module__.startswith("libcst")  # libcst's empty typed stubs
            for name in vars(owner)
            if _ATTRIBUTE_CALLBACK.fullmatch(name)
        ]
        if hooks:
            raise TypeError(f"{cls.__name__}: a SiteTransformer never calls {hooks}")
        # libcst's cache of this is inherited (a subclass asked late got its base's): own one.
        cls._INHERITED_METADATA_DEPENDENCIES_CACHE = frozenset(
            provider
            for owner in cls.__mro__
            for provider in vars(owner).get("METADATA_DEPENDENCIES", ())
        )

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        """Nothing: no SiteTransformer has ``visit_X_attribute`` callbacks."""

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        """Nothing: no SiteTransformer has ``leave_X_attribute`` callbacks."""

    def take_site(self) -> bool:
        index = self.site_count
        self.site_count += 1
        return self.chosen is not None and index in self.chosen


class ValueMover(SiteTransformer):
    """A transformer that drops a binding and writes its value at its one read instead.

    The binding comes first in the traversal: :meth:`hold_for` removes it and keeps
    its (already rewritten) value until ``leave_Name`` meets the read, where the
    value is parenthesised as its new place needs (``minimizer.analysis.expressions``).
    """

    METADATA_DEPENDENCIES = (ParentProvider,)

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.value_for_read: dict[cst.Name, cst.BaseExpression] = {}
        #: Reads that stand in an f-string field, where even a display needs parentheses.
        self.reads_in_fstrings: set[cst.Name] = set()

    def hold_for(self, read: cst.Name, value: cst.BaseExpression) -> cst.RemovalSentinel:
        self.value_for_read[read] = value
        return cst.RemoveFromParent()

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        value = self.value_for_read.get(original_node)
        if value is None:
            return updated_node
        place = self.get_metadata(ParentProvider, original_node)
        return parenthesised_for(value, place, original_node in self.reads_in_fstrings)


class BuiltinAwareTransformer(SiteTransformer):
    """A :class:`SiteTransformer` that knows the module's aliases of builtins (``L=len``),
    so that a rewrite recognises ``L(x)`` as ``len(x)`` and spells ``sum`` as the program
    already does."""

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.aliases: dict[str, str] = {}

    def visit_Module(self, node: cst.Module) -> None:
        self.aliases = builtin_aliases(node)

    def spelled(self, builtin: str) -> cst.Name:
        """A name for ``builtin`` as the module spells it most shortly (``K`` for ``range``)."""
        return cst.Name(spelling_of(self.aliases, builtin))


class ScopeCountingTransformer(BuiltinAwareTransformer):
    """A :class:`BuiltinAwareTransformer` that knows how often each variable occurs in
    the module and in each enclosing ``def`` (``counts[-1]`` is the innermost), so that a
    rewrite can tell that a name occurs nowhere but where it looks."""

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__(chosen)
        self.counts: list[Counter[str]] = []

    def visit_Module(self, node: cst.Module) -> None:
        super().visit_Module(node)
        self.counts.append(_variable_counts(node))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.counts.append(_variable_counts(node))

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        self.counts.pop()
        return updated_node


def _variable_counts(node: cst.CSTNode) -> Counter[str]:
    return Counter(name.value for name in variable_names(node))


class CSTTransform(Transform):
    """A transform implemented by one :class:`SiteTransformer` subclass.

    Transformers that declare ``METADATA_DEPENDENCIES`` are run through the module's
    shared ``MetadataWrapper`` (``minimizer.analysis.resolution``), so that scope and
    position questions are answered without resolving them again.
    """

    transformer: ClassVar[type[SiteTransformer]]

    def site_transformer(self, chosen: frozenset[int] | None) -> SiteTransformer:
        """The transformer for one pass; a transform with settings of its own overrides it."""
        return self.transformer(chosen)

    def count_sites(self, module: cst.Module) -> int:
        counter = self.site_transformer(None)
        needed = site_node_types(type(counter))
        if needed is not None and not needed & node_types(module):
            return 0  # no node of a kind where it takes sites: spare a pass over the module
        # A walk that builds no tree, meeting only the nodes the counter has callbacks for.
        handed = any(name.startswith(("visit_", "leave_")) for name in vars(counter))
        count_resolved(module, counter, None if handed else callback_node_types(type(counter)))
        return counter.site_count

    def apply(self, module: cst.Module, sites: Collection[int]) -> cst.Module:
        transformer = self.site_transformer(frozenset(sites))
        if transformer.get_inherited_dependencies():
            return visit_resolved(module, transformer)
        return module.visit(transformer)


#: A SiteTransformer's own classes and libcst's plain transformer: no callbacks of theirs.
_PLAIN_TRANSFORMER = frozenset({SiteTransformer, *cst.CSTTransformer.__mro__})


@functools.cache
def callback_node_types(
    transformer: type[SiteTransformer],
) -> frozenset[type[cst.CSTNode]] | None:
    """The node types for which ``transformer`` has ``visit_X``/``leave_X`` callbacks of
    its own; a walk may skip every other node. None (meet every node) if it defines
    ``on_visit`` or ``on_leave``, or a callback named for no node type."""
    types: set[type[cst.CSTNode]] = set()
    for owner in transformer.__mro__:
        if owner in _PLAIN_TRANSFORMER:
            continue  # libcst's typed callbacks there are stubs that change nothing
        if owner.__module__.startswith("libcst"):
            return None  # a libcst mixin (matcher decorators, say) may call back anywhere
        for name in vars(owner):
            if name in ("on_visit", "on_leave"):
                return None
            prefix, _, rest = name.partition("_")
            if prefix not in ("visit", "leave") or not rest:
                continue
            node_type = getattr(cst, rest, None)
            if not (isinstance(node_type, type) and issubclass(node_type, cst.CSTNode)):
                return None
            types.add(node_type)
    return frozenset(types)


@functools.cache
def site_node_types(transformer: type[SiteTransformer]) -> frozenset[type[cst.CSTNode]] | None:
    """The node types at whose ``visit_``/``leave_`` methods ``transformer`` takes its sites.

    Read from the transformer's own methods: any that mentions ``take_site`` must be
    the ``visit_X``/``leave_X`` of a node type ``X`` other than
    ``Module``. libcst calls those only for nodes of type ``X`` in the tree it walks,
    so a module without any proposes nothing. None (no shortcut) when a site may be
    taken elsewhere: in a helper, ``on_leave``, the module's own visit.
    """
    types: set[type[cst.CSTNode]] = set()
    for owner in transformer.__mro__:
        if owner in (SiteTransformer, object) or owner.__module__.startswith("libcst"):
            continue
        for name, member in vars(owner).items():
            function = getattr(member, "__func__", member)
            if not inspect.isfunction(function):
                continue
            try:
                tree = parse(textwrap.dedent(inspect.getsource(function)))
            except (OSError, TypeError, SyntaxError):
                return None
            if not any(
                isinstance(node, ast.Attribute)
                and node.attr == "take_site"
                or isinstance(node, ast.Name)
                and node.id == "take_site"
                for node in ast.walk(tree)
            ):
                continue
            prefix, _, rest = name.partition("_")
            node_type = getattr(cst, rest, None)
            if prefix not in ("visit", "leave") or node_type is cst.Module:
                return None
            if not (isinstance(node_type, type) and issubclass(node_type, cst.CSTNode)):
                return None
            types.add(node_type)
    return frozenset(types) or None


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
