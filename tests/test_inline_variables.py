"""inline_variables: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import apply_sites, assert_transform, assert_unchanged, pair_tests, run_program

from minimizer.transforms.base import Safety
from minimizer.transforms.inline_variables import InlineVariables

PAIRS = [
    ("def f(a):\n    x = a + 1\n    return x * 2\n", "def f(a):\n    return (a + 1) * 2\n"),
    ("def f(a):\n    x = g(a)\n    y = [x]\n    return y\n", "def f(a):\n    return [g(a)]\n"),
    ("t = 1, 2\nprint(t)\n", "print((1, 2))\n"),
    ("d = {1: 2}\nprint(f'{d}')\n", "print(f'{({1: 2})}')\n"),
    ("n = 3\nfor i in range(n):\n    print(i)\n", "for i in range(3):\n    print(i)\n"),
]

LEFT_ALONE = [
    # A read in a loop, a comprehension, a lambda, a branch, or further than the next statement.
    "w = g()\nfor i in range(3):\n    print(w)\n",
    "w = g()\nprint([w for _ in range(3)])\n",
    "w = g()\nh = lambda: w\n",
    "u = g()\nwhile u: pass\n",
    "c = g()\nt = a or c\n",
    "c = g()\nt = a if b else c\n",
    "c = g()\nt = a < b < c\n",
    "c = g()\nassert a, c\n",
    "c = g()\nh()\nprint(c)\n",
    "c = g()\nprint(c, c)\n",
    "c = g()\nc = h()\nprint(c)\n",
    "d = 4\ndel d\n",
    "s = 's'\nprint(f'{s}')\n",
    "def f():\n    k = 1\n    def h(): return k\n    return h\n",
    "c = g()\nprint(eval('c'))\n",
]


test_before_after, test_left_alone = pair_tests(InlineVariables(), PAIRS, LEFT_ALONE)


def test_inlining_chains_through_consecutive_statements() -> None:
    assert_transform(
        InlineVariables(),
        """
        def f(a):
            x = a + 1
            y = x * 2
            z = [y]
            return z
        print(f(3))
        """,
        """
        def f(a):
            return [(a + 1) * 2]
        print(f(3))
        """,
    )


def test_inlining_can_reorder_calls_which_is_why_it_is_risky() -> None:
    program = "x = print('first') or 1\ny = print('second') or x\n"
    result = apply_sites(InlineVariables(), program)
    assert InlineVariables.safety is Safety.RISKY
    assert run_program(result) == run_program(program)  # here the order survives...
    reordered = "x = print('first') or 1\ny = [print('second'), x]\n"
    changed = apply_sites(InlineVariables(), reordered)
    assert run_program(changed) != run_program(reordered)  # ...and here it does not


def test_a_comprehensions_first_iterable_counts_as_evaluated_once() -> None:
    source = "g=[[1,2],[3]]\nfor j in range(2):\n    L=g[j]\n    print([a*2 for a in L])\n"
    inlined = apply_sites(InlineVariables(), source)
    assert "for a in g[j]]" in inlined
    assert run_program(inlined) == run_program(source)
    inner = "g=[1,2]\nfor j in range(2):\n    L=g[j]\n    print([a*L for a in g])\n"
    assert_unchanged(InlineVariables(), inner)  # read once per element: left alone
