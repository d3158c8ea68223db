"""fold_assignments: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import pair_tests

from minimizer.transforms.fold_assignments import FoldAssignments

PAIRS = [
    (
        "def f(a):\n    x = [t + 1 for t in a]\n    x = sorted(x)\n    return x\nprint(f([2, 1]))\n",
        "def f(a):\n    x = sorted([t + 1 for t in a])\n    return x\nprint(f([2, 1]))\n",
    ),
    ("x = 3; x = x * 2; x = [x, 1]\nprint(x)\n", "x = [(3) * 2, 1]\nprint(x)\n"),
    ("x = 2 + 1\nx = -x\nprint(x)\n", "x = -(2 + 1)\nprint(x)\n"),
    ("x = [1, 2]\nx = [v * 2 for v in x]\nprint(x)\n", "x = [v * 2 for v in [1, 2]]\nprint(x)\n"),
]

LEFT_ALONE = [
    "x = 1\nx = x + x\nprint(x)\n",
    "x = 1\ny = 2\nx = x + y\nprint(x)\n",
    "x = 1\nx = [y + x for y in (1, 2)]\nprint(x)\n",
    "x = 1\nx = (lambda: x)()\nprint(x)\n",
    "x = 1\nx = 0 or x\nprint(x)\n",
    "x = 1\nx = f'{x}'\nprint(x)\n",
    "x = 1\ndef show():\n    print(x)\n    return 2\nx = show() + x\n",
    "x = 1\nif x:\n    x = x + 1\nprint(x)\n",
]


test_before_after, test_left_alone = pair_tests(FoldAssignments(), PAIRS, LEFT_ALONE)
