"""rewrite_isinstance: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import assert_risky_rewrite, pair_tests

from minimizer.transforms.rewrite_isinstance import RewriteIsinstance

PAIRS = [
    ("a = x if isinstance(x, int) else 0\n", "a = x if type(x)==int else 0\n"),
    ("b = not isinstance(x, (int, float))\n", "b = not type(x) in (int, float)\n"),
    ("c = 1 + isinstance(x, str)\n", "c = 1 + (type(x)==str)\n"),
    ("d = isinstance(x, m.C) == True\n", "d = (type(x)==m.C) == True\n"),
    # squeezed against a keyword, the comparison needs parentheses libcst can print
    ("e=x if isinstance(x,int)else 0\n", "e=x if (type(x)==int)else 0\n"),
    ("f=isinstance(x,int)and 1\n", "f=(type(x)==int)and 1\n"),
]

LEFT_ALONE = [
    "isinstance(x, int | str)\nisinstance(x, cls=int)\n",
    "def f(isinstance): return isinstance(1, int)\n",
    "type = 1\nprint(isinstance(1, int))\n",
]


test_before_after, test_left_alone = pair_tests(RewriteIsinstance(), PAIRS, LEFT_ALONE)


def test_isinstance_rewrite_changes_subclass_checks_which_is_why_it_is_risky() -> None:
    program = "class A: pass\nclass B(A): pass\nprint(isinstance(B(), A))\n"
    rewritten = "class A: pass\nclass B(A): pass\nprint(type(B())==A)\n"
    assert_risky_rewrite(RewriteIsinstance(), program, rewritten)
