"""Screening runs: a run stopped after the first training step can reject, never accept."""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from conftest import replace_once, tiny_reference_text
from minimizer.checks import CheckKind
from minimizer.problem import Problem
from minimizer.search import Search
from minimizer.transforms import load_transform
from minimizer.transforms.base import CSTTransform, Safety, SiteTransformer
from verifier.divergence import Quantity
from verifier.verification import Verifier

#: Shorter spellings of the tiny reference's float literals. The Adam buffers start
#: as ``[0.0] * n``; as ``[0] * n`` they hold ints until the first update, which
#: gives the same floats: harmless, but only a run can tell. beta1 as .8 instead of
#: 0.85 changes the first step's update.
RESPELLINGS = {"0.0": "0", "0.85": ".8"}


class _Respell(SiteTransformer):
    def leave_Float(self, original: cst.Float, updated: cst.Float) -> cst.BaseExpression:
        if original.value in RESPELLINGS and self.take_site():
            return cst.parse_expression(RESPELLINGS[original.value])
        return updated


class RespellFloats(CSTTransform):
    """A risky transform with two harmless sites and one that changes training."""

    name: ClassVar[str] = "respell_floats"
    safety: ClassVar[Safety] = Safety.RISKY
    transformer = _Respell


def test_a_screen_rejects_a_step_one_divergence_and_passes_what_agrees_that_far(
    tiny_verifier: Verifier,
) -> None:
    reference = tiny_reference_text()
    assert tiny_verifier.screen(reference.encode(), "microgpt.py") is None
    nudged = replace_once(reference, "0.85,", "0.8500000000000001,")
    divergence = tiny_verifier.screen(nudged.encode(), "microgpt.py")
    assert divergence is not None and divergence.step == 1
    assert divergence.quantity in (Quantity.PARAMETER, Quantity.LOSS)


def test_a_screen_never_accepts_a_divergence_after_the_first_step(
    tiny_verifier: Verifier,
) -> None:
    """Sampling runs after training: the screen stops before it, the full run does not."""
    hotter = replace_once(tiny_reference_text(), "temperature = 0.5", "temperature = 0.6")
    assert tiny_verifier.screen(hotter.encode(), "microgpt.py") is None
    assert not tiny_verifier.verify(hotter.encode(), "microgpt.py").equivalent


def test_risky_sites_are_screened_one_by_one_and_only_the_survivors_get_a_full_run(
    tiny_verifier: Verifier,
) -> None:
    problem = Problem(tiny_reference_text(), tiny_verifier, on_verified=lambda program: None)
    transform = RespellFloats()
    search = Search(problem, [[transform]], jobs=2)
    assert search.try_transform(transform)
    stats = problem.stats[transform.name]
    assert stats.screens == 3 and problem.screens == 3
    assert stats.kept == 2 and stats.rejected == 1
    assert problem.runs == 1  # one full run accepted both harmless sites together
    assert "m = [0] *" in problem.best and "v = [0] *" in problem.best and "0.85" in problem.best
    (reason,) = stats.rejections
    assert CheckKind.SCREEN.value in reason and "step 1" in reason and "ULP" in reason
    assert "0.85" in reason and ".8," in reason  # what the site tried


def test_a_failing_chain_finds_its_bad_link_by_screens_and_the_rest_still_runs(
    tiny_verifier: Verifier,
) -> None:
    """The bad link comes first in its tier; the transform after it is not starved."""
    problem = Problem(tiny_reference_text(), tiny_verifier, on_verified=lambda program: None)
    later = load_transform("minimize_whitespace")
    Search(problem, [[RespellFloats(), later]], jobs=2).run()
    assert problem.stats["minimize_whitespace"].kept > 0
    assert problem.stats["respell_floats"].kept == 2
    assert problem.verified == problem.best
