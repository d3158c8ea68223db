"""Before/after pairs for the expression-algebra rewrites of issue 11, and a square the
verifier refuses because it changes the gradients."""

from __future__ import annotations

from conftest import replace_once, tiny_reference_text
from rewrite_verdicts import rewritten_verdict
from transform_check import assert_transform, assert_unchanged

from minimizer.transforms.index_conditionals import IndexConditionals
from minimizer.transforms.invert_increments import InvertIncrements
from minimizer.transforms.multiply_by_reciprocal import MultiplyByReciprocal
from minimizer.transforms.square_products import SquareProducts
from minimizer.transforms.unwrap_float_comparisons import UnwrapFloatComparisons


def test_an_increment_of_a_range_counter_in_parentheses_becomes_inverted_negation() -> None:
    assert_transform(
        InvertIncrements(),
        "K=range\nfor j in K(3):print(2**(j+1), (j-1)*5, 3*(j+1))\n",
        "K=range\nfor j in K(3):print(2**-~j, ~-j*5, 3*-~j)\n",
    )


def test_an_increment_that_saves_nothing_or_sits_left_of_a_power_is_left_alone() -> None:
    assert_unchanged(InvertIncrements(), "for j in range(3):print(j+1, (j+1)**2, (j+2)*3)\n")


def test_an_increment_of_a_name_that_may_hold_a_float_is_left_alone() -> None:
    assert_unchanged(
        InvertIncrements(), "f=lambda c:2**(c-1)\nfor j in range(3):j=j/2;print(2**(j+1))\n"
    )


def test_a_conditional_on_a_comparison_becomes_an_indexed_pair() -> None:
    assert_transform(
        IndexConditionals(),
        "a=2\nprint(a if type(a)==int else int(a))\n",
        "a=2\nprint([int(a),a][type(a)==int])\n",
    )


def test_a_conditional_on_a_value_that_is_not_a_bool_is_left_alone() -> None:
    assert_unchanged(IndexConditionals(), "a=[1]\nprint(a if a else [0])\n")


def test_division_by_a_power_of_two_becomes_a_shorter_multiplication() -> None:
    assert_transform(
        MultiplyByReciprocal(),
        "x=3.0\nprint(x/.5, x/.25, x/.3)\n",
        "x=3.0\nprint(x*2, x*4, x/.3)\n",
    )


def test_a_long_square_becomes_a_power() -> None:
    assert_transform(
        SquareProducts(),
        "xin=1.5\nprint(xin*xin, xin*2, a*a if 0 else 1)\n",
        "xin=1.5\nprint(xin**2, xin*2, a*a if 0 else 1)\n",
    )


def test_the_verifier_refuses_a_square_that_changes_the_gradients(tiny_verifier) -> None:
    """``xi*xi`` records two uses of ``xi``, ``xi**2`` one node with gradient ``2*xi``:
    the backward pass sums in another order, and the first step's parameters differ."""
    spelled_long = replace_once(
        tiny_reference_text(), "sum(xi * xi for xi in x)", "sum(xin * xin for xin in x)"
    )
    verdict = rewritten_verdict(tiny_verifier, SquareProducts(), spelled_long)
    assert not verdict.equivalent
    described = verdict.divergence.describe()
    assert "step 1" in described and "ULP" in described, described


def test_a_float_of_a_comparison_becomes_the_comparison() -> None:
    assert_transform(
        UnwrapFloatComparisons(),
        "x=-3.0\nprint(float(x>0)*x, 2*float(x<0))\n",
        "x=-3.0\nprint((x>0)*x, 2*(x<0))\n",
        same_output=False,  # the second value prints as 2 where it printed 2.0
    )


def test_a_float_of_anything_else_is_left_alone() -> None:
    assert_unchanged(UnwrapFloatComparisons(), "float=int\nprint(float(1>0), abs(1>0))\n")
