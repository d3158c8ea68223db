"""The structure docs/architecture.md describes, enforced by reading the source.

Transforms are independent of one another: each imports only the transform
contract (``minimizer.transforms.base``) and the analysis layer
(``minimizer.analysis``), so one can be added, read or removed alone. No
import cycle joins the modules or packages of ``minimizer/`` and ``verifier/``,
no module grows past 400 lines, and the tier declaration is the order that runs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from minimizer.transforms import GOLF_TIERS, READABLE_TIERS, Tier, load_transform

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("minimizer", "verifier")
MAX_LINES = 400
#: What a transform module may import from this project.
SHARED_WITH_TRANSFORMS = ("minimizer.transforms.base", "minimizer.analysis")
#: Transform modules the search runs outside the tiers (golf --drop-unexercised).
OUTSIDE_THE_TIERS = {"remove_unexercised"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = {
    module_name(path): path
    for package in PACKAGES
    for path in sorted((ROOT / package).rglob("*.py"))
}


def imported_modules(path: Path) -> Iterator[str]:
    """Every project module ``path`` imports, lazily or not (``from a import b`` counts as
    ``a.b`` when that is a module, else as ``a``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [
                (
                    f"{node.module}.{alias.name}"
                    if f"{node.module}.{alias.name}" in SOURCES
                    else node.module
                )
                for alias in node.names
            ]
        else:
            continue
        yield from (name for name in names if name in SOURCES)


GRAPH = {name: set(imported_modules(path)) - {name} for name, path in SOURCES.items()}


def package_of(name: str) -> str:
    return name if SOURCES[name].name == "__init__.py" else name.rpartition(".")[0]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as the list of its nodes, or ``None``."""
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        if node in path:
            return path[path.index(node) :] + [node]
        if node in done:
            return None
        path.append(node)
        for target in sorted(graph.get(node, ())):
            cycle = visit(target)
            if cycle:
                return cycle
        path.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start)
        if cycle:
            return cycle
    return None


def test_the_import_reader_sees_the_imports() -> None:
    assert "minimizer.transforms.base" in GRAPH["minimizer.transforms.rename_globals"]
    assert "minimizer.search" in GRAPH["minimizer.api"]


TRANSFORM_MODULES = sorted(
    name
    for name in SOURCES
    if name.startswith("minimizer.transforms.") and name != "minimizer.transforms.base"
)


@pytest.mark.parametrize("name", TRANSFORM_MODULES)
def test_a_transform_imports_no_other_transform(name: str) -> None:
    forbidden = {
        imported
        for imported in GRAPH[name]
        if imported.startswith("minimizer.")
        and not any(
            imported == shared or imported.startswith(f"{shared}.")
            for shared in SHARED_WITH_TRANSFORMS
        )
    }
    assert not forbidden, f"{name} imports {sorted(forbidden)}"


def test_no_module_import_cycle() -> None:
    assert find_cycle(GRAPH) is None


def test_no_package_import_cycle() -> None:
    packages: dict[str, set[str]] = {}
    for name, targets in GRAPH.items():
        edges = packages.setdefault(package_of(name), set())
        edges |= {package_of(target) for target in targets} - {package_of(name)}
    assert find_cycle(packages) is None


def test_the_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_no_module_is_over_the_line_limit(name: str) -> None:
    relative = SOURCES[name].relative_to(ROOT).as_posix()
    lines = len(SOURCES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{relative}: {lines} lines"


# -- the tiers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tier",
    [*GOLF_TIERS, *READABLE_TIERS],
    ids=lambda tier: tier.name,
)
def test_a_tier_holds_only_transforms_of_its_safety(tier: Tier) -> None:
    for module in tier.modules:
        transform = load_transform(module)
        assert transform.safety is tier.safety, (tier.name, module)
        assert transform.name == module


@pytest.mark.parametrize("tiers", [GOLF_TIERS, READABLE_TIERS], ids=["golf", "readable"])
def test_each_transform_runs_once_per_round(tiers: tuple[Tier, ...]) -> None:
    modules = [module for tier in tiers for module in tier.modules]
    assert len(modules) == len(set(modules))
    assert all(tier.why and tier.modules for tier in tiers)


def test_every_transform_module_runs_somewhere() -> None:
    declared = {module for tier in (*GOLF_TIERS, *READABLE_TIERS) for module in tier.modules}
    on_disk = {name.rpartition(".")[2] for name in TRANSFORM_MODULES}
    assert on_disk == declared | OUTSIDE_THE_TIERS
