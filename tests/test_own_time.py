"""Measures against the golfer's own time that must change no answer: counting walks that
meet only the nodes a transformer has callbacks for, and the garbage collector's
thresholds while the search runs."""

from __future__ import annotations

import gc
from pathlib import Path

import libcst as cst
import libcst.matchers as m
import pytest

from minimizer.analysis.resolution import _walk_kinds, count_resolved, parsed
from minimizer.collection import SEARCH_GC_THRESHOLDS, fewer_collections
from minimizer.search import Search
from minimizer.transforms.base import (
    CSTTransform,
    Safety,
    SiteTransformer,
    callback_node_types,
)

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = [
    ROOT / "reference" / "microgpt.py",
    *sorted((ROOT / "corpus" / "programs").glob("*.py")),
]


class Logging(SiteTransformer):
    """Logs every callback it gets; skips the bodies of classes, as a transformer may."""

    def __init__(self) -> None:
        super().__init__(None)
        self.log: list[tuple[str, str, int]] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.log.append(("visit", "def", id(node)))

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef):
        self.log.append(("leave", "def", id(original_node)))
        return updated_node

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.log.append(("visit", "class", id(node)))
        return False  # nothing inside a class is met

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef):
        self.log.append(("leave", "class", id(original_node)))
        return updated_node

    def visit_Name(self, node: cst.Name) -> None:
        self.log.append(("visit", node.value, id(node)))
        self.take_site()

    def leave_Return(self, original_node: cst.Return, updated_node: cst.Return):
        self.log.append(("leave", "return", id(original_node)))
        return updated_node


class Generic(SiteTransformer):
    def on_visit(self, node: cst.CSTNode) -> bool:
        return True


def test_the_callback_types_are_read_from_the_transformer() -> None:
    assert callback_node_types(Logging) == {cst.FunctionDef, cst.ClassDef, cst.Name, cst.Return}
    assert callback_node_types(Generic) is None  # it sees every node: no shortcut


@pytest.mark.parametrize("path", PROGRAMS[:8], ids=lambda path: path.stem)
def test_a_walk_of_the_callback_types_makes_the_same_calls(path: Path) -> None:
    module = parsed(path.read_text())
    everything, filtered = Logging(), Logging()
    count_resolved(module, everything)
    kinds = callback_node_types(Logging)
    assert kinds is not None
    _walk_kinds(module, filtered, kinds)
    assert len(everything.log) > 20
    assert filtered.log == everything.log
    assert filtered.site_count == everything.site_count


def test_the_search_runs_with_fewer_collections_and_restores_them() -> None:
    seen = []

    class Effort:
        def orders(self, tiers: object) -> None:  # the first thing a search run asks
            seen.append(gc.get_threshold())
            raise RuntimeError("stop")

    class Probe(Search):
        def __init__(self) -> None:  # no problem needed: only the thresholds are looked at
            self.effort = Effort()  # type: ignore[assignment]
            self.tiers = []

    before = gc.get_threshold()
    with pytest.raises(RuntimeError):
        Probe().run()
    assert seen == [SEARCH_GC_THRESHOLDS] != [before]
    assert gc.get_threshold() == before


def test_overlapping_searches_give_the_thresholds_back_when_the_last_one_ends() -> None:
    before = gc.get_threshold()
    first, second = fewer_collections(), fewer_collections()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first to start ends first
    assert gc.get_threshold() == SEARCH_GC_THRESHOLDS  # the second still runs
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before


class Decorated(m.MatcherDecoratableTransformer, SiteTransformer):
    """Takes its sites from a matcher-decorated method, which libcst's mixin calls."""

    def __init__(self, chosen: frozenset[int] | None) -> None:
        m.MatcherDecoratableTransformer.__init__(self)
        SiteTransformer.__init__(self, chosen)

    @m.visit(m.Name())
    def name_seen(self, node: cst.Name) -> None:
        self.take_site()


class Handed(CSTTransform):
    """A transformer handed its callback when made, not given one by its class."""

    name = "handed"
    safety = Safety.SAFE

    def site_transformer(self, chosen: frozenset[int] | None) -> SiteTransformer:
        counter = SiteTransformer(chosen)
        counter.visit_Name = lambda node: counter.take_site()  # type: ignore[attr-defined]
        return counter


@pytest.mark.parametrize("counter", [Decorated, None], ids=["libcst-mixin", "handed"])
def test_callbacks_the_class_does_not_declare_get_every_node(counter: type | None) -> None:
    module = parsed("a = b + c\nprint(a)\n")
    if counter is None:
        assert Handed().count_sites(module) == 5  # a, b, c, print, a
    else:
        assert callback_node_types(counter) is None
        found = counter(None)
        count_resolved(module, found, callback_node_types(counter))
        assert found.site_count == 5


def test_a_symbol_holds_each_node_once_by_identity() -> None:
    from minimizer.analysis.symbols import Symbol

    first, twin = cst.Name("spelled"), cst.Name("spelled")  # equal, not the same node
    symbol = Symbol("spelled", None)
    for node in (first, twin, first, twin):
        symbol.add(node)
    assert symbol.nodes == [first, twin]
    assert symbol.nodes[0] is first and symbol.nodes[1] is twin


def test_a_subclass_gets_its_own_metadata_after_its_base_was_asked() -> None:
    """libcst caches a class's dependencies where its subclasses inherit them."""
    from libcst.metadata import ScopeProvider

    class Base(SiteTransformer):
        pass

    class Scoped(Base):
        METADATA_DEPENDENCIES = (ScopeProvider,)

    assert Base.get_inherited_dependencies() == frozenset()
    assert Scoped.get_inherited_dependencies() == {ScopeProvider}
