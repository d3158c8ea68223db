"""drop_unpaid_aliases: an alias of a builtin that no longer pays goes (family g, names)."""

from __future__ import annotations

from conftest import replace_once, tiny_reference_text
from rewrite_verdicts import rewritten_verdict
from transform_check import assert_transform, assert_unchanged

from minimizer.transforms.drop_unpaid_aliases import DropUnpaidAliases
from verifier.verification import Verifier


def test_drop_unpaid_aliases_spells_the_builtin_again() -> None:
    assert_transform(
        DropUnpaidAliases(),
        "K=range;R=zip;L=len\nprint([*R(K(2),'ab')],K(3),K(4),L('x'),L('y'),L('z'),L('w'))\nM=max\n",
        "K=range;L=len\nprint([*zip(K(2),'ab')],K(3),K(4),L('x'),L('y'),L('z'),L('w'))\n",
    )


def test_drop_unpaid_aliases_keeps_aliases_that_pay_or_mean_something_else() -> None:
    for program in (
        "R=zip\nprint(R('a'),R('b'),R('c'),R('d'))\n",  # pays
        "R=zip\nprint([R for R in 'ab'],R('a'))\n",  # a loop spells it too
        "R=zip\ndef f(R):return R\nprint(f(1),R('a'))\n",  # a parameter
    ):
        assert_unchanged(DropUnpaidAliases(), program)


def test_drop_unpaid_aliases_under_a_star_import_is_rejected_by_the_verifier(
    tiny_verifier: Verifier,
) -> None:
    """``Q=pow`` holds the builtin; after ``from math import *`` the name ``pow`` is
    ``math.pow``, which prints the count of documents as a float."""
    text = replace_once(
        tiny_reference_text(), "import os\n", "Q=pow\nimport os\nfrom math import *\n"
    )
    text = replace_once(text, "{len(docs)}", "{Q(len(docs),1)}")
    verdict = rewritten_verdict(tiny_verifier, DropUnpaidAliases(), text)
    assert not verdict.equivalent
    assert verdict.divergence.quantity == "stdout"
    assert "num docs" in verdict.divergence.describe()
