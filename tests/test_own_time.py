"""Measures against the golfer's own time that must change no answer: counting walks that
meet only the nodes a transformer has callbacks for, and the garbage collector's
thresholds while the search runs."""

from __future__ import annotations

import gc
from pathlib import Path

import libcst as cst
import pytest

from minimizer.analysis.resolution import _walk_kinds, count_resolved, parsed
from minimizer.collection import SEARCH_GC_THRESHOLDS
from minimizer.search import Search
from minimizer.transforms.base import SiteTransformer, callback_node_types

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
