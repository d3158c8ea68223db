"""rewrite_isinstance: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

import pytest
from transform_check import apply_sites, assert_transform, assert_unchanged, run_program

from minimizer.transforms.base import Safety
from minimizer.transforms.rewrite_isinstance import RewriteIsinstance

PAIRS = [
    ("a = x if isinstance(x, int) else 0\n", "a = x if type(x)==int else 0\n"),
    ("b = not isinstance(x, (int, float))\n", "b = not type(x) in (int, float)\n"),
    ("c = 1 + isinstance(x, str)\n", "c = 1 + (type(x)==str)\n"),
    ("d = isinstance(x, m.C) == True\n", "d = (type(x)==m.C) == True\n"),
]


@pytest.mark.parametrize(("before", "after"), PAIRS)
def test_before_after(before: str, after: str) -> None:
    assert_transform(RewriteIsinstance(), before, after)


LEFT_ALONE = [
    "isinstance(x, int | str)\nisinstance(x, cls=int)\n",
    "def f(isinstance): return isinstance(1, int)\n",
    "type = 1\nprint(isinstance(1, int))\n",
]


@pytest.mark.parametrize("program", LEFT_ALONE)
def test_left_alone(program: str) -> None:
    assert_unchanged(RewriteIsinstance(), program)


def test_isinstance_rewrite_changes_subclass_checks_which_is_why_it_is_risky() -> None:
    program = "class A: pass\nclass B(A): pass\nprint(isinstance(B(), A))\n"
    rewritten = apply_sites(RewriteIsinstance(), program)
    assert RewriteIsinstance.safety is Safety.RISKY
    assert run_program(rewritten) != run_program(program)
