"""Property tests: the transforms declared safe keep what generated programs do.

SAFE and LAYOUT transforms are accepted by the search on a cheap proof or one
run, so they must be right by construction. Hypothesis generates programs
(scoping-heavy ones of our own, and arbitrary syntax from hypothesmith) and
every such transform of the golf pipeline is applied with all of its sites.
"""

from __future__ import annotations

import ast

import hypothesmith
import pytest
from hypothesis import HealthCheck, assume, example, given, settings

from generated_programs import programs
from transform_check import apply_sites, run_program
from minimizer.transforms import GOLF_TIERS, load_tiers
from minimizer.transforms.base import Safety, Transform

TIERS = list(zip(GOLF_TIERS, load_tiers(GOLF_TIERS)))
SAFE = [t for tier, transforms in TIERS if tier.safety is Safety.SAFE for t in transforms]
LAYOUT = [t for tier, transforms in TIERS if tier.safety is Safety.LAYOUT for t in transforms]


def compiles(code: str) -> bool:
    try:
        compile(code, "<program>", "exec")
    except (SyntaxError, ValueError):
        return False
    return True


def test_the_pipeline_has_safe_and_layout_transforms() -> None:
    assert len(SAFE) >= 5 and len(LAYOUT) >= 4


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
# Found by this test: `sum` is a global bound late, read as the builtin before.
@example("def f(a, **r):\n    global sum\n    sum = 0\nprint(f(2, a=sum))\n")
# Found by this test: a local shadows a global constant (UnboundLocalError).
@example("value = 8\ndef f():\n    b = value + 1\n    return (value := 3)\nprint(f())\n")
def test_the_safe_and_layout_chain_keeps_what_programs_print(code: str) -> None:
    assume(compiles(code))
    golfed = code
    for transform in SAFE + LAYOUT:  # the order the tiers run them in
        golfed = apply_sites(transform, golfed)
    assert run_program(golfed) == run_program(code)


@pytest.mark.parametrize("transform", SAFE, ids=lambda t: t.name)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_each_safe_transform_keeps_what_programs_print(transform: Transform, code: str) -> None:
    assume(compiles(code))
    assert run_program(apply_sites(transform, code)) == run_program(code)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(hypothesmith.from_node())
def test_layout_transforms_keep_the_ast_of_arbitrary_syntax(code: str) -> None:
    assume(compiles(code))
    golfed = code
    for transform in LAYOUT:
        golfed = apply_sites(transform, golfed)
    assert ast.dump(ast.parse(golfed)) == ast.dump(ast.parse(code))
