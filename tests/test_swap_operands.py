"""swap_operands: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import assert_risky_rewrite, pair_tests

from minimizer.transforms.swap_operands import SwapOperands

PAIRS = [
    ("a = x * (y * z)\n", "a = y * z * x\n"),
    ("b = x + (y - z)\n", "b = y - z + x\n"),
    ("c = (1 / n) * s\n", "c = s / n\n"),
    ("d = s * (1 / n)\n", "d = s / n\n"),
    ("g = -x * (y / z)\n", "g = y / z * -x\n"),
]

LEFT_ALONE = [
    "f = x * y * (z * w)\nh = x * (y + z)\nk = x - (y - z)\nm = max(0, x)\n",
    "e = s * 1 / n\n",
]


test_before_after, test_left_alone = pair_tests(SwapOperands(), PAIRS, LEFT_ALONE)


def test_reciprocal_rewrite_can_round_differently_which_is_why_it_is_risky() -> None:
    program = "for x in range(1, 100):\n    print((1 / 49) * x)\n"
    rewritten = "for x in range(1, 100):\n    print(x / 49)\n"
    assert_risky_rewrite(SwapOperands(), program, rewritten)
