"""A change a run rejected is not tried again in a later round (``minimizer.changes``).

Without this memory, a risky rewrite that changes a float fails its tier's chain in
every round, and each time costs a bisection, its own screens and a re-chaining of
the rest of the tier: the golfer's own time grew with the number of such sites.
"""

from __future__ import annotations

import libcst as cst

from conftest import tiny_reference_text
from minimizer.changes import changed_statement
from minimizer.checks import Check, CheckKind
from minimizer.problem import Problem
from minimizer.search import Search
from minimizer.transforms import load_transform
from test_screening import RespellFloats
from verifier.verification import Verifier

BASE = """\
def f(x):
    y = x * 2  # twice
    z = y + 1
    return z


print(f(3))
"""


def test_a_change_is_named_by_its_innermost_statement_whatever_the_layout() -> None:
    swapped = changed_statement(BASE, BASE.replace("y + 1", "1 + y"))
    assert swapped is not None
    before, after = swapped
    assert before.startswith("Assign(targets=[Name(id='z'") and "right=Constant(value=1)" in before
    assert "left=Constant(value=1)" in after and "id='y'" not in before.split("value=")[0]
    # The same change after the layout tier: lines joined, comment and indentation gone.
    laid_out = "def f(x):\n y=x*2;z=y+1\n return z\nprint(f(3))"
    assert changed_statement(laid_out, laid_out.replace("y+1", "1+y")) == swapped
    # Another statement rewritten elsewhere in the program leaves the name alone.
    elsewhere = BASE.replace("print(f(3))", "print(f(4))")
    assert changed_statement(elsewhere, elsewhere.replace("y + 1", "1 + y")) == swapped


def test_different_changes_have_different_names() -> None:
    swapped = changed_statement(BASE, BASE.replace("y + 1", "1 + y"))
    doubled = changed_statement(BASE, BASE.replace("x * 2", "2 * x"))
    inlined = changed_statement(
        BASE, BASE.replace("    z = y + 1\n    return z", "    return y + 1")
    )
    assert len({swapped, doubled, inlined}) == 3
    assert inlined is not None and inlined[0].startswith("FunctionDef(name='f'")


def test_no_name_for_a_layout_change_a_program_that_does_not_parse_or_a_whole_module() -> None:
    assert changed_statement(BASE, BASE.replace("  # twice", "")) is None
    assert changed_statement(BASE, BASE.replace("return z", "return (")) is None
    # A rename reaches two top-level statements: only the module holds it.
    assert changed_statement(BASE, BASE.replace("f(", "g(").replace("def f", "def g")) is None


def test_only_a_run_s_rejection_is_remembered() -> None:
    """A site that does not compile is told so without a run: nothing to save next time."""
    problem = Problem(BASE, verifier=None, on_verified=lambda program: None)  # type: ignore[arg-type]
    search = Search(problem, [[RespellFloats()]])
    stats = problem.stats["respell_floats"]
    candidate = BASE.replace("y + 1", "1 + y")
    search._reject(
        RespellFloats(), stats, BASE, candidate, Check(False, CheckKind.DOES_NOT_COMPILE)
    )
    assert not problem.rejects_some_of("respell_floats") and stats.rejected == 1
    search._reject(RespellFloats(), stats, BASE, candidate, Check(False, CheckKind.SCREEN))
    assert problem.rejected_before("respell_floats", BASE, candidate)


def test_a_site_rejected_in_one_round_is_not_screened_again_in_the_next(
    tiny_verifier: Verifier,
) -> None:
    """``respell_floats`` has one site that changes training. Its first round's chain fails
    and the site is screened out; the layout tier then rewrites every line, and the next
    round proposes the same change again, on other text. It is recognised and left out:
    screened once in all, and the rest is as before."""
    problem = Problem(tiny_reference_text(), tiny_verifier, on_verified=lambda program: None)
    respell = RespellFloats()
    Search(problem, [[respell], [load_transform("minimize_whitespace")]], jobs=2).run()
    stats = problem.stats[respell.name]
    assert stats.kept == 2
    assert stats.rejected == 1 and stats.screens == 3  # the bad site: one screen, one rejection
    assert "0.85" in problem.best and problem.verified == problem.best
    # It was proposed again on the laid-out program, and recognised as rejected.
    module_sites = respell.count_sites(cst.parse_module(problem.best))
    assert module_sites == 1
    assert problem.rejected_before(
        respell.name, problem.best, problem.best.replace("0.85", ".8", 1)
    )
