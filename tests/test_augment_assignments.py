"""augment_assignments: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

import pytest
from transform_check import assert_transform, assert_unchanged, run_program

from minimizer.transforms.augment_assignments import AugmentAssignments
from minimizer.transforms.base import Safety

PAIRS = [
    ("x = x + 1\n", "x += 1\n"),
    ("m[i] = m[i] * (a + b)\n", "m[i] *= (a + b)\n"),
    ("o.a = o.a // 2; y = y ** 2 ** 3\n", "o.a //= 2; y **= 2 ** 3\n"),
    ("x=x-y\n", "x-=y\n"),
]


@pytest.mark.parametrize(("before", "after"), PAIRS)
def test_before_after(before: str, after: str) -> None:
    assert_transform(AugmentAssignments(), before, after)


LEFT_ALONE = [
    "x = y + x\nx = x - y - z\nx = x.a + 1\nx, y = x + 1, y\n",
]


@pytest.mark.parametrize("program", LEFT_ALONE)
def test_left_alone(program: str) -> None:
    assert_unchanged(AugmentAssignments(), program)


def test_aliased_list_is_still_proposed_and_marked_risky() -> None:
    program = "x = [0]\nalias = x\nx = x + [1]\nprint(alias, x)\n"
    rewritten = "x = [0]\nalias = x\nx += [1]\nprint(alias, x)\n"
    assert AugmentAssignments.safety is Safety.RISKY
    assert_transform(AugmentAssignments(), program, rewritten, same_output=False)
    assert run_program(rewritten) != run_program(program)
