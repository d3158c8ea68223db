"""fold_constants: arithmetic on known numbers becomes one literal with the very same bits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from transform_check import apply_sites, assert_unchanged, pair_tests, run_program

from minimizer.transforms.fold_constants import FoldConstants

PAIRS = [
    ("x = .01 * .5 * y\n", "x = .005 * y\n"),  # (.01*.5) is a subexpression: folded
    ("a = 16\nprint(a // 4, 4 * a)\n", "a = 16\nprint(4, 64)\n"),  # module constants
    ("print(4 ** .5)\n", "print(2.)\n"),
    ("print(f'{30:4d}|{7}')\n", "print(f'  30|7')\n"),
    ("print(-(2 * 3))\n", "print((-6))\n"),
]

LEFT_ALONE = [
    "print(y * 2 * 3)\n",  # (y*2)*3: 2*3 is no subexpression
    "print(1 / 3)\n",  # folding would lengthen it
    "print(2 - 3)\n",  # (-1) is no shorter
    "n = 3\nn = 4\nprint(n * 2)\n",  # n is not a constant
    "print(1 / 0)\n",  # raises at run time: keep it that way
    "print(10 ** 100)\n",  # too long a literal
    "exec('print(1)')\nprint(2 * 3)\n",  # a program that reaches names as strings
]

test_before_after, test_left_alone = pair_tests(FoldConstants(), PAIRS, LEFT_ALONE)


def test_the_beta_constant_of_adam_is_not_respelled() -> None:
    # (1 - .85) is 0.15000000000000002: longer than the expression, so it stays.
    assert_unchanged(FoldConstants(), "print((1 - .85) * 2.0)\n")


@settings(max_examples=200, deadline=None)
@given(
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.sampled_from(["+", "-", "*", "/", "**"]),
)
def test_a_folded_float_has_the_bits_the_program_computes(a: float, b: float, op: str) -> None:
    source = f"print(({a!r} {op} {b!r}).hex())\n"
    expected = run_program(source)
    if expected[1] is None:  # a program that raises is left alone (see above)
        assert run_program(apply_sites(FoldConstants(), source)) == expected
