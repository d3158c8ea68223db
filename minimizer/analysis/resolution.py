"""One metadata resolution per module, shared by every transform that counts or applies on it.

libcst's scope, parent and position metadata cost far more than a parse, and
grow faster than the program on dense code (every read of a name is linked to
every binding of it). Resolved afresh by each transform, for its count and
again for each apply, they were most of the golfer's own time (issue 12). The
search hands every transform the same parsed module for the same source, so
here each module gets one :class:`~libcst.metadata.MetadataWrapper`, kept while
the module is one of the latest few, and each provider is resolved on it once; the name
analysis (``minimizer.analysis.naming``) is kept the same way. Nodes a visitor
meets belong to the wrapper's module: for a module ``parsed`` made, the module
itself (a fresh parse holds no node twice, so libcst's defensive copy is
skipped); for any other, the wrapper's copy, as with a fresh wrapper.

The fields of every node are recorded once per module, too
(``minimizer.analysis.visiting``): libcst's providers and any other visitor walk
the record instead of rebuilding the tree, counting walks the children without
rebuilding it (``count_resolved``), module-wide finds read the module's one list
of nodes (``find_all``), and parents come from it (``ParentProvider``).
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TypeVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import BaseMetadataProvider, MetadataWrapper
from libcst.metadata.base_provider import ProviderT

from minimizer.analysis.visiting import forget_fields, record_fields, recorded_fields

_T = TypeVar("_T")

#: Modules whose resolution is kept, latest last: the search moves through a few
#: sources per round, and bisection comes back to them (libcst nodes take no weak
#: references; holding the module keeps its ``id`` from being reused).
KEPT_MODULES = 24


@dataclass
class _Resolved:
    module: cst.Module
    wrapper: MetadataWrapper | None = None
    facts: dict[object, object] = field(default_factory=dict)


#: Resolution writes into the wrapper; the search applies sites on several threads.
_LOCK = threading.RLock()
_RESOLVED: OrderedDict[int, _Resolved] = OrderedDict()
_PARSED: OrderedDict[str, cst.Module] = OrderedDict()


def _resolved(module: cst.Module) -> _Resolved:
    entry = _RESOLVED.get(id(module))
    if entry is None or entry.module is not module:
        entry = _RESOLVED[id(module)] = _Resolved(module)
        while len(_RESOLVED) > KEPT_MODULES:
            _, evicted = _RESOLVED.popitem(last=False)
            if _recorded in evicted.facts:
                forget_fields(evicted.facts[_recorded])  # type: ignore[arg-type]
    _RESOLVED.move_to_end(id(module))
    return entry


def wrapper_for(module: cst.Module, providers: Collection[ProviderT] = ()) -> MetadataWrapper:
    """The one wrapper of ``module``, with ``providers`` (and what they need) resolved on it."""
    with _LOCK:
        entry = _resolved(module)
        if entry.wrapper is None:
            # libcst copies a module so that no node object stands twice in its tree; a
            # module parsed here has none, so it is its own copy (a deep copy costs as
            # much as resolving its parents, for each of the dozens of modules per golf).
            parsed_here = any(module is kept for kept in _PARSED.values())
            entry.wrapper = MetadataWrapper(module, unsafe_skip_copy=parsed_here)
            # Its copy is what visitors see and what they hand on: it resolves the same.
            _resolved(entry.wrapper.module).wrapper = entry.wrapper
        wrapper = entry.wrapper
        if providers:
            _recorded(wrapper.module)  # libcst's providers then walk the record (``visiting``)
            wrapper.resolve_many(providers)
        return wrapper


def visit_resolved(module: cst.Module, visitor: cst.CSTVisitorT) -> cst.CSTNode:
    """``visitor`` run over ``module`` with its metadata from the shared wrapper.

    The result is built from the wrapper's module (see above), as
    ``MetadataWrapper(module).visit`` builds it from its copy."""
    wrapper = wrapper_for(module, visitor.get_inherited_dependencies())
    return wrapper.visit(visitor)


def parsed(source: str) -> cst.Module:
    """``source`` parsed, the same module each time while it is one of the latest few."""
    with _LOCK:
        module = _PARSED.get(source)
        if module is None:
            module = _PARSED[source] = cst.parse_module(source)
            while len(_PARSED) > KEPT_MODULES:
                _PARSED.popitem(last=False)
        _PARSED.move_to_end(source)
        return module


def fact_of(module: cst.Module, key: object, derive: Callable[[cst.Module], _T]) -> _T:
    """``derive(module)``, computed once per module and ``key`` (a function of the module only)."""
    with _LOCK:
        facts = _resolved(module).facts
        if key not in facts:
            facts[key] = derive(module)
        return facts[key]  # type: ignore[return-value]


def count_resolved(
    module: cst.Module,
    visitor: cst.CSTTransformer,
    kinds: Collection[type[cst.CSTNode]] | None = None,
) -> None:
    """``visitor`` called over ``module`` as ``visit_resolved`` would call it, without
    building a new tree: for a transformer that only counts its sites.

    libcst rebuilds every node on every pass, even for a visitor, and looks up each
    node's children as it goes; a count that changes nothing needs neither. Here the
    fields of every node are recorded once per module, in the order libcst visits them
    (``minimizer.analysis.visiting``), and each pass only walks them, calling ``on_visit`` and
    ``on_leave`` with the node as both the original and the updated node. What a
    transformer returns is dropped: counting must not depend on it, and
    ``tests/test_shared_resolution.py`` holds every transform to the same counts as
    libcst's own pass.

    With ``kinds``, the node types for which ``visitor`` has callbacks (it has none
    for any other, and no ``on_visit``/``on_leave`` of its own), only the nodes of
    those types are met, in the same order and nesting (:func:`_walk_kinds`)."""
    dependencies = visitor.get_inherited_dependencies()
    if dependencies:
        wrapper = wrapper_for(module, dependencies)
        with visitor.resolve(wrapper):
            _count_walk(wrapper.module, visitor, kinds)
    else:
        _count_walk(module, visitor, kinds)


def _count_walk(
    module: cst.Module, visitor: cst.CSTTransformer, kinds: Collection[type[cst.CSTNode]] | None
) -> None:
    if kinds is None:
        _recorded(module)
        _walk(module, visitor)
    else:
        _walk_kinds(module, visitor, kinds)


def _recorded(module: cst.Module) -> list[cst.CSTNode]:
    """Every node's fields (``minimizer.analysis.visiting``), recorded once per module;
    the nodes recorded are returned, to be forgotten with the module."""
    return fact_of(module, _recorded, record_fields)


def _walk(node: cst.CSTNode, visitor: cst.CSTTransformer) -> None:
    if visitor.on_visit(node):
        for _, children in recorded_fields(node):
            for child in children:
                _walk(child, visitor)
    visitor.on_leave(node, node)


def _walk_kinds(
    module: cst.Module, visitor: cst.CSTTransformer, kinds: Collection[type[cst.CSTNode]]
) -> None:
    """The callbacks ``_walk`` would make for the nodes of ``kinds``, meeting only those.

    Nodes are taken in visiting order; a node is left once the walk passes the end of
    its subtree, and the subtree of a node whose visit returns False is skipped, as
    libcst skips its children."""
    tour = _tour_of(module)
    positions = sorted(position for kind in kinds for position in tour.positions.get(kind, ()))
    nodes, ends = tour.nodes, tour.ends
    open_nodes: list[int] = []
    skip_to = -1
    for position in positions:
        if position <= skip_to:
            continue
        while open_nodes and position > ends[open_nodes[-1]]:
            closing = nodes[open_nodes.pop()]
            visitor.on_leave(closing, closing)
        node = nodes[position]
        if visitor.on_visit(node):
            open_nodes.append(position)
        else:
            skip_to = ends[position]
            visitor.on_leave(node, node)
    while open_nodes:
        closing = nodes[open_nodes.pop()]
        visitor.on_leave(closing, closing)


@dataclass(frozen=True)
class _Tour:
    """A module's nodes in visiting order, where each node's subtree ends in that order,
    and where the nodes of each type stand."""

    nodes: list[cst.CSTNode]
    ends: array[int]  # machine integers: one per node of each of the modules kept
    positions: dict[type[cst.CSTNode], array[int]]


def _tour_of(module: cst.Module) -> _Tour:
    return fact_of(module, _tour_of, _tour)


def _tour(module: cst.Module) -> _Tour:
    _recorded(module)
    nodes: list[cst.CSTNode] = []
    ends = array("q")
    waiting: list[cst.CSTNode | int] = [module]  # a node to enter, or a position to close
    while waiting:
        item = waiting.pop()
        if isinstance(item, int):
            ends[item] = len(nodes) - 1
            continue
        ends.append(len(nodes))
        waiting.append(len(nodes))
        nodes.append(item)
        for _, children in reversed(recorded_fields(item)):
            waiting.extend(reversed(children))
    positions: dict[type[cst.CSTNode], array[int]] = {}
    for position, node in enumerate(nodes):
        positions.setdefault(type(node), array("q")).append(position)
    return _Tour(nodes, ends, positions)


def nodes_in_order(module: cst.Module) -> list[cst.CSTNode]:
    """Every node of ``module`` in the order a libcst pass visits them, listed once."""
    return _tour_of(module).nodes


def find_all(
    node: cst.CSTNode, matcher: m.BaseMatcherNode | m.OneOf[m.BaseMatcherNode]
) -> list[cst.CSTNode]:
    """``libcst.matchers.findall(node, matcher)``; for a whole module, read from its one
    list of nodes (``nodes_in_order``) instead of a pass over the tree."""
    options = matcher.options if isinstance(matcher, m.OneOf) else (matcher,)
    kinds = {getattr(cst, type(option).__name__, None) for option in options}
    if not isinstance(node, cst.Module) or not all(
        isinstance(kind, type) and issubclass(kind, cst.CSTNode) for kind in kinds
    ):
        return m.findall(node, matcher)
    return [
        found
        for found in nodes_in_order(node)
        if type(found) in kinds and m.matches(found, matcher)
    ]


class ParentProvider(BaseMetadataProvider[cst.CSTNode]):
    """Each node's parent, as libcst's ``ParentNodeProvider`` gives it, read from the
    module's recorded fields: libcst's provider makes two more passes over the tree for
    every module, and the search resolves dozens of modules per program."""

    def _gen_impl(self, module: cst.Module) -> None:
        for node in nodes_in_order(module):
            for _, children in recorded_fields(node):
                for child in children:
                    self.set_metadata(child, node)
