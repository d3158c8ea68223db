"""augment_assignments: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import assert_risky_rewrite, pair_tests

from minimizer.transforms.augment_assignments import AugmentAssignments

PAIRS = [
    ("x = x + 1\n", "x += 1\n"),
    ("m[i] = m[i] * (a + b)\n", "m[i] *= (a + b)\n"),
    ("o.a = o.a // 2; y = y ** 2 ** 3\n", "o.a //= 2; y **= 2 ** 3\n"),
    ("x=x-y\n", "x-=y\n"),
]

LEFT_ALONE = [
    "x = y + x\nx = x - y - z\nx = x.a + 1\nx, y = x + 1, y\n",
]


test_before_after, test_left_alone = pair_tests(AugmentAssignments(), PAIRS, LEFT_ALONE)


def test_aliased_list_is_still_proposed_and_marked_risky() -> None:
    program = "x = [0]\nalias = x\nx = x + [1]\nprint(alias, x)\n"
    rewritten = "x = [0]\nalias = x\nx += [1]\nprint(alias, x)\n"
    assert_risky_rewrite(AugmentAssignments(), program, rewritten)
