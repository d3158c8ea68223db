"""drop_parentheses: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import apply_sites, pair_tests

from minimizer.transforms.drop_parentheses import DropParentheses

PAIRS = [
    ("x = (1)\n", "x = 1\n"),
    ("y = (a * b) + c\n", "y = a * b + c\n"),
    ("def f(q):\n    return (q)\n", "def f(q):\n    return q\n"),
    ("w = ((a))\nv = (1, 2)\n", "w = a\nv = 1, 2\n"),
    ("print(f((i for i in z)), f'{(x)}')\n", "print(f(i for i in z), f'{x}')\n"),
]

LEFT_ALONE = [
    "z = (a + b) * c\nv = f((1, 2))\nprint((1).real, (-2) ** 2)\n",
    "x = (a +\n     b)\nif(x): print(not(y))\n",
    "print(f'{(a:=1)}', (lambda: 1)(), (yield))\n",
]


test_before_after, test_left_alone = pair_tests(DropParentheses(), PAIRS, LEFT_ALONE)


def test_drop_parentheses_falls_back_when_pairs_cannot_go_together() -> None:
    # Either pair may go alone, but without both ``not`` would touch ``a``.
    program = "x = not((a) + b)\n"
    transform = DropParentheses()
    assert [apply_sites(transform, program, [i]) for i in range(2)] == [
        "x = not(a + b)\n",
        "x = not(a) + b\n",
    ]
    assert apply_sites(transform, program, [0, 1]) == "x = not(a + b)\n"
