"""Sharing one parse, one metadata resolution and one count per source changes no answer.

The golfer's own time (issue 12) is cut by handing every transform the same parsed
module and resolved metadata (``minimizer.analysis.resolution``), by counting sites
with a walk that builds no tree (``count_resolved``), by skipping the pass of a
transform that takes sites only at node kinds the module lacks (``site_node_types``),
and by counting a transform's sites once per source. Each is checked here against
doing the work afresh, with libcst's own pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
import pytest
from conftest import tiny_reference_text
from libcst.metadata import MetadataWrapper, ParentNodeProvider

from minimizer.analysis.resolution import (
    ParentProvider,
    find_all,
    nodes_in_order,
    parsed,
    wrapper_for,
)
from minimizer.problem import Problem
from minimizer.search import Search
from minimizer.transforms import GOLF_TIERS, READABLE_TIERS, load_tiers
from minimizer.transforms.base import (
    CSTTransform,
    Safety,
    SiteTransformer,
    site_node_types,
)
from verifier.verification import Verifier

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "corpus" / "programs"


def _counted_by_libcst(transform: CSTTransform, module: cst.Module) -> int:
    """The sites of ``transform`` as libcst's own pass over a fresh wrapper counts them."""
    counter = transform.site_transformer(None)
    if counter.get_inherited_dependencies():
        MetadataWrapper(module).visit(counter)
    else:
        module.visit(counter)
    return counter.site_count


PROGRAMS_OF_EVERY_STYLE = [
    PROGRAMS / "nbody.py",
    PROGRAMS / "float.py",
    PROGRAMS / "raytrace.py",
    ROOT / "reference" / "microgpt.py",
    ROOT / "tests" / "fixtures" / "tinygpt_other_style.py",
]


@pytest.mark.parametrize("path", PROGRAMS_OF_EVERY_STYLE, ids=lambda path: path.stem)
def test_every_transform_counts_and_applies_alike_on_a_shared_module_and_on_its_own_parse(
    path: Path,
) -> None:
    source = path.read_text()
    shared = parsed(source)
    tiers = (*load_tiers(GOLF_TIERS), *load_tiers(READABLE_TIERS))
    for transform in (transform for tier in tiers for transform in tier):
        own = cst.parse_module(source)  # a module of its own: resolved afresh, no shortcut
        if isinstance(transform, CSTTransform):
            expected = _counted_by_libcst(transform, own)
        else:
            expected = transform.count_sites(own)
        assert transform.count_sites(shared) == expected, transform.name
        if expected:
            sites = range(expected)
            own_output = transform.apply(cst.parse_module(source), sites).code
            assert transform.apply(shared, sites).code == own_output, transform.name


class _Order(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.seen.append(node)
        return True


MATCHERS = [
    m.Name(),
    m.Attribute(value=m.Name()),
    m.AssignTarget() | m.Param(),
    m.For() | m.CompFor(),
    m.SimpleString(),
    m.ImportStar(),
    m.Call(func=m.Name("len")),
    m.MatchIfTrue(lambda node: isinstance(node, cst.Integer)),  # no node type: findall itself
]


@pytest.mark.parametrize("path", PROGRAMS_OF_EVERY_STYLE, ids=lambda path: path.stem)
def test_the_one_list_of_nodes_is_libcsts_order_and_finds_what_findall_finds(path: Path) -> None:
    module = parsed(path.read_text())
    order = _Order()
    module.visit(order)
    assert [id(node) for node in nodes_in_order(module)] == [id(node) for node in order.seen]
    for matcher in MATCHERS:
        expected = m.findall(module, matcher)
        assert [id(node) for node in find_all(module, matcher)] == [id(n) for n in expected]
    function = next(node for node in module.body if isinstance(node, cst.FunctionDef))
    assert find_all(function, m.Name()) == m.findall(function, m.Name())  # below a module


@pytest.mark.parametrize("path", PROGRAMS_OF_EVERY_STYLE, ids=lambda path: path.stem)
def test_parents_read_from_the_children_map_are_libcsts(path: Path) -> None:
    wrapper = MetadataWrapper(cst.parse_module(path.read_text()))
    theirs, ours = wrapper.resolve(ParentNodeProvider), wrapper.resolve(ParentProvider)
    assert len(ours) == len(theirs) > 500
    assert all(ours[node] is parent for node, parent in theirs.items())


def test_a_site_transformer_with_attribute_callbacks_is_refused_even_from_a_mixin() -> None:
    """Counting and the fast dispatch never call ``visit_X_attribute``: one defined would
    silently do nothing, so it is refused when the class is made."""

    class Mixin:
        def leave_If_orelse(self, node: cst.If) -> None: ...

    with pytest.raises(TypeError, match="visit_If_body"):
        type("Own", (SiteTransformer,), {"visit_If_body": lambda self, node: None})
    with pytest.raises(TypeError, match="leave_If_orelse"):
        type("Mixed", (Mixin, SiteTransformer), {})
    type("Plain", (SiteTransformer,), {"visit_If": lambda self, node: None})  # allowed


def test_one_wrapper_per_source_and_its_copy_resolves_through_it() -> None:
    source = "x = 1\nprint(x)\n"
    module = parsed(source)
    assert parsed(source) is module
    wrapper = wrapper_for(module)
    assert wrapper_for(module) is wrapper
    assert wrapper_for(wrapper.module) is wrapper
    assert wrapper_for(cst.parse_module(source)) is not wrapper


class _InHelper(SiteTransformer):
    def leave_Float(self, original: cst.Float, updated: cst.Float) -> cst.Float:
        self._maybe()
        return updated

    def _maybe(self) -> None:
        self.take_site()


class _AtFloats(SiteTransformer):
    def leave_Float(self, original: cst.Float, updated: cst.Float) -> cst.BaseExpression:
        if self.take_site():
            return cst.Integer("0")
        return updated


class ZeroFloats(CSTTransform):
    name: ClassVar[str] = "zero_floats"
    safety: ClassVar[Safety] = Safety.RISKY
    transformer = _AtFloats


def test_site_node_types_are_read_from_where_take_site_is_called() -> None:
    assert site_node_types(_AtFloats) == frozenset({cst.Float})
    # A site taken in a helper could be taken anywhere: no shortcut.
    assert site_node_types(_InHelper) is None


def test_a_module_without_those_nodes_counts_none_and_one_with_them_counts_each() -> None:
    transform = ZeroFloats()
    assert transform.count_sites(cst.parse_module("x = 1\nprint(x)\n")) == 0
    with_floats = cst.parse_module("x = 1.5\nprint(x + 2.5)\n")
    assert transform.count_sites(with_floats) == 2
    assert transform.apply(with_floats, [1]).code == "x = 1.5\nprint(x + 0)\n"


class _Counted(ZeroFloats):
    name: ClassVar[str] = "counted_zero_floats"
    counts = 0

    def count_sites(self, module: cst.Module) -> int:
        type(self).counts += 1
        return 0


def test_the_search_counts_a_transform_once_per_source(tiny_verifier: Verifier) -> None:
    problem = Problem(tiny_reference_text(), tiny_verifier, on_verified=lambda program: None)
    transform = _Counted()
    search = Search(problem, [[transform]], jobs=1)
    assert not search.try_transform(transform)
    assert not search.try_transform(transform)
    assert _Counted.counts == 1
    problem.best += "\n"
    assert not search.try_transform(transform)
    assert _Counted.counts == 2
