"""fold_floats_approximately: the tempting ``1-.85`` -> ``.15``, proposed and judged by a run."""

from __future__ import annotations

from conftest import tiny_reference_text
from rewrite_verdicts import rewritten_verdict
from transform_check import assert_risky_rewrite, assert_transform, assert_unchanged

from minimizer.transforms.fold_floats_approximately import (
    FoldFloatsApproximately,
    nearby_spelling,
)
from verifier.verification import Verifier


def test_a_difference_of_constants_becomes_the_nearby_short_literal() -> None:
    assert_risky_rewrite(
        FoldFloatsApproximately(),
        "w, y = .85, .99\nprint((1-w)*3, (1-y)*3)\n",
        "w, y = .85, .99\nprint((.15)*3, (.01)*3)\n",
    )


def test_where_the_last_bits_do_not_show_the_output_stays_the_same() -> None:
    assert_transform(FoldFloatsApproximately(), "print(1-.85 > .1)\n", "print(.15 > .1)\n")


def test_exact_folds_and_unknown_operands_are_left_to_others() -> None:
    assert nearby_spelling(0.5, 9) is None  # exact: fold_constants' job
    assert_unchanged(FoldFloatsApproximately(), "print(1-.5, 2*.25)\n")
    assert_unchanged(FoldFloatsApproximately(), "w = .85\nw = .9\nprint(1-w)\n")  # rebound
    assert_unchanged(FoldFloatsApproximately(), "def f(w): return 1-w\nprint(f(.85))\n")


def test_the_verifier_rejects_moving_adam_s_betas_by_a_few_ulps(
    tiny_verifier: Verifier,
) -> None:
    verdict = rewritten_verdict(tiny_verifier, FoldFloatsApproximately(), tiny_reference_text())
    assert not verdict.equivalent
    described = verdict.divergence.describe()
    assert "step 1" in described and "ULP" in described, described
