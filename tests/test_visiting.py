"""A visitor walked over a module's recorded fields (``minimizer.analysis.visiting``) sees
what libcst's own visit shows it: the same callbacks in the same order, and libcst's
metadata providers give the same answers.

Each check compares a module whose fields are recorded (the fast walk) with a fresh
parse of the same source, which has no record and so is visited by libcst itself.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst._metadata_dependent import LazyValue
from libcst.metadata import (
    ExpressionContextProvider,
    MetadataWrapper,
    PositionProvider,
    QualifiedNameProvider,
    Scope,
    ScopeProvider,
)

from minimizer.analysis.resolution import nodes_in_order, parsed, wrapper_for
from minimizer.analysis.visiting import _visited_fields, fields_of, record_fields

ROOT = Path(__file__).resolve().parent.parent

#: Every node shape whose visit depends on its values: an f-string's format spec
#: (skipped when ``None``), ``from m import *`` against a list of names, optional and
#: sentinel fields present and absent.
SHAPES = '''
from os import *
from os.path import join as j, split
import a.b.c as d
x = f"{1}" f"{2:>{3}}" f"{4!r}" f"{5=}" f"{6:{7}.{8}}"
def f(a, /, b: int = 1, *c, d, e=2, **g) -> None:
    global x
    x: int = yield from (lambda h=1, *, i: h)(i=1)
@decorator(1)
class C(B, metaclass=M):
    """Doc."""
    attribute: "list[int]"
    def m(self):
        nonlocal_like = [y for y in range(3) if (z := y) if z]
        return {k: v for k, v in {}.items()}, {*()}, (1,), [*a, *b], a[1:2:3, ...]
try:
    pass
except* (ValueError, TypeError) as group:
    pass
else:
    pass
finally:
    del x
match point:
    case [1, 2, *rest] | {"k": 1, **rest}:
        pass
    case Point(x=0, y=_) as p if p:
        pass
async def co():
    async with a as (b, c), d:
        async for e in f:
            await g
while not a < b <= c is not d in e:
    break
print(-a ** ~b // c @ d, a if b else c, sep="")
'''

PROGRAMS = {
    "shapes": SHAPES,
    **{
        path.stem: path.read_text()
        for path in [
            ROOT / "reference" / "microgpt.py",
            *sorted((ROOT / "corpus" / "programs").glob("*.py"))[:6],
        ]
    },
}


class CallLog(cst.CSTVisitor):
    """Every callback a visitor gets, in order, with where it stands."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str, str]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.calls.append(("visit", type(node).__name__, ""))
        # Skipping children must skip them in both walks.
        return not isinstance(node, cst.Lambda)

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self.calls.append(("visit_attribute", type(node).__name__, attribute))

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        self.calls.append(("leave_attribute", type(original_node).__name__, attribute))

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.calls.append(("leave", type(original_node).__name__, ""))


def recorded_and_fresh(source: str) -> tuple[cst.Module, cst.Module]:
    recorded, fresh = cst.parse_module(source), cst.parse_module(source)
    record_fields(recorded)
    return recorded, fresh


@pytest.mark.parametrize("name", PROGRAMS)
def test_every_node_has_the_fields_libcsts_visit_finds(name: str) -> None:
    recorded = record_fields(module := cst.parse_module(PROGRAMS[name]))
    assert len(recorded) > 50
    for node in nodes_in_order(module):
        assert fields_of(node) == _visited_fields(node)


@pytest.mark.parametrize("name", PROGRAMS)
def test_a_visitor_gets_the_same_callbacks_in_the_same_order(name: str) -> None:
    recorded, fresh = recorded_and_fresh(PROGRAMS[name])
    fast, slow = CallLog(), CallLog()
    assert recorded.visit(fast) is recorded
    fresh.visit(slow)
    assert len(fast.calls) > 200
    assert fast.calls == slow.calls


def _canonical(value: object, index: dict[int, int]) -> object:
    """A metadata value in terms of node positions in visiting order, comparable across
    two parses of one source."""
    if isinstance(value, LazyValue):  # QualifiedNameProvider's values are computed on demand
        value = value()
    if isinstance(value, Scope):
        node = getattr(value, "node", None)
        return (type(value).__name__, getattr(value, "name", None), index.get(id(node)))
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    return value


def _where(assignment: object, index: dict[int, int]) -> int:
    """Where an assignment stands; -1 for a builtin, which has no node."""
    return index.get(id(getattr(assignment, "node", None)), -1)


def _scopes(wrapper: MetadataWrapper, index: dict[int, int]) -> list[object]:
    scopes = {id(scope): scope for scope in wrapper.resolve(ScopeProvider).values() if scope}
    described = []
    for scope in scopes.values():
        assignments = sorted((a.name, _where(a, index)) for a in scope.assignments)
        accesses = sorted(
            (
                access.node.value if isinstance(access.node, cst.Name) else "",
                index.get(id(access.node), -1),
                sorted(_where(referent, index) for referent in access.referents),
            )
            for access in scope.accesses
        )
        described.append((_canonical(scope, index), assignments, accesses))
    return sorted(described, key=repr)


@pytest.mark.parametrize("name", PROGRAMS)
def test_libcsts_providers_answer_the_same_on_a_recorded_module(name: str) -> None:
    source = PROGRAMS[name]
    providers = (ScopeProvider, ExpressionContextProvider, QualifiedNameProvider, PositionProvider)
    fast = wrapper_for(parsed(source), providers)  # recorded, then resolved
    slow = MetadataWrapper(cst.parse_module(source))
    slow.resolve_many(providers)  # before anything records its nodes
    assert fast.module is parsed(source)
    fast_nodes, slow_nodes = nodes_in_order(fast.module), nodes_in_order(slow.module)
    assert len(fast_nodes) == len(slow_nodes)
    fast_index = {id(node): i for i, node in enumerate(fast_nodes)}
    slow_index = {id(node): i for i, node in enumerate(slow_nodes)}
    for provider in providers:
        fast_data, slow_data = fast.resolve(provider), slow.resolve(provider)
        for fast_node, slow_node in zip(fast_nodes, slow_nodes, strict=True):
            assert _canonical(fast_data.get(fast_node), fast_index) == _canonical(
                slow_data.get(slow_node), slow_index
            ), (provider.__name__, type(fast_node).__name__)
    assert _scopes(fast, fast_index) == _scopes(slow, slow_index)
