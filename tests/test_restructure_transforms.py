"""Restructuring transforms: before/after pairs, what stays put, same output, any subset of sites."""

from __future__ import annotations

import itertools

import libcst as cst
import pytest
from test_rewrite_transforms import apply_all, printed_by, source

from minimizer.transforms.base import Transform
from minimizer.transforms.fold_assignments import FoldAssignments
from minimizer.transforms.inline_constants import InlineConstants
from minimizer.transforms.positional_arguments import PositionalArguments
from minimizer.transforms.unroll_loops import UnrollLoops

# -- before/after pairs ------------------------------------------------------------------

PAIRS: list[tuple[Transform, str, str]] = [
    # unroll_loops
    (
        UnrollLoops(),
        "for i in range(1):\n    print(i)\n    print(i + 1)\n",
        "print(0)\nprint(0 + 1)\n",
    ),
    (UnrollLoops(), "for i in range(1): print(f'k{i}')\n", "print(f'k{0}')\n"),
    (
        UnrollLoops(),
        "n = 1\nfor i in range(n):\n    print(i)\nprint(i)\n",
        "n = 1\ni = 0\nprint(0)\nprint(i)\n",
    ),
    (
        UnrollLoops(),
        "for i in range(1):\n    print(i)\nfor i in range(3):\n    print(i)\n",
        "print(0)\nfor i in range(3):\n    print(i)\n",
    ),
    (UnrollLoops(), "n = 1\nx = [[] for _ in range(n)]\nprint(x)\n", "n = 1\nx = [[]]\nprint(x)\n"),
    (
        UnrollLoops(),
        "def f(n):\n    for k in range(1):\n        for j in range(n):\n            print(j, k)\nf(2)\n",
        "def f(n):\n    for j in range(n):\n        print(j, 0)\nf(2)\n",
    ),
    (UnrollLoops(), "for i in range(1):\n    print(i.real)\n", "print((0).real)\n"),
    # inline_constants
    (InlineConstants(), "width = 4\nprint(width * 2)\n", "print(4 * 2)\n"),
    (
        InlineConstants(),
        "rate, beta, n = 0.01, 0.85, 3\nprint(rate, beta * 2, beta * 3, beta + 1, beta, n)\n",
        "beta = 0.85\nprint(0.01, beta * 2, beta * 3, beta + 1, beta, 3)\n",
    ),
    (InlineConstants(), "s = -2\nprint(s ** 2, 3 ** s)\n", "print((-2) ** 2, 3 ** -2)\n"),
    (InlineConstants(), "k = 7\nprint(k.bit_length())\n", "print((7).bit_length())\n"),
    (InlineConstants(), "t = 'ab'\nprint(f\"{t}!\")\n", "print(f\"{'ab'}!\")\n"),
    (
        InlineConstants(),
        "t = 0.5\ndef f(x):\n    return x / t\nprint(f(3))\n",
        "def f(x):\n    return x / 0.5\nprint(f(3))\n",
    ),
    # fold_assignments
    (
        FoldAssignments(),
        "def f(a):\n    x = [t + 1 for t in a]\n    x = sorted(x)\n    return x\nprint(f([2, 1]))\n",
        "def f(a):\n    x = sorted([t + 1 for t in a])\n    return x\nprint(f([2, 1]))\n",
    ),
    (FoldAssignments(), "x = 3; x = x * 2; x = [x, 1]\nprint(x)\n", "x = [(3) * 2, 1]\nprint(x)\n"),
    (FoldAssignments(), "x = 2 + 1\nx = -x\nprint(x)\n", "x = -(2 + 1)\nprint(x)\n"),
    (
        FoldAssignments(),
        "x = [1, 2]\nx = [v * 2 for v in x]\nprint(x)\n",
        "x = [v * 2 for v in [1, 2]]\nprint(x)\n",
    ),
    # positional_arguments
    (
        PositionalArguments(),
        "import random\nrandom.seed(3)\nprint(random.choices(range(4), weights=[1, 2, 3, 4], k=2))\n",
        "import random\nrandom.seed(3)\nprint(random.choices(range(4), [1, 2, 3, 4], k=2))\n",
    ),
    (
        PositionalArguments(),
        "from math import isclose as close\nprint(close(a=1.0, b=1.0, abs_tol=0.1))\n",
        "from math import isclose as close\nprint(close(1.0, 1.0, abs_tol=0.1))\n",
    ),
]


@pytest.mark.parametrize(("transform", "before", "after"), PAIRS)
def test_before_after(transform: Transform, before: str, after: str) -> None:
    assert apply_all(transform, before) == after


@pytest.mark.parametrize(("transform", "before", "after"), PAIRS)
def test_pairs_print_the_same(transform: Transform, before: str, after: str) -> None:
    assert printed_by(after) == printed_by(before)


# -- left alone ------------------------------------------------------------------------

LEFT_ALONE: list[tuple[Transform, str]] = [
    (UnrollLoops(), "for i in range(2):\n    print(i)\n"),
    (UnrollLoops(), "for i in range(1):\n    print(i)\nelse:\n    print(9)\n"),
    (UnrollLoops(), "for i in range(1):\n    if i:\n        break\n    print(i)\n"),
    (UnrollLoops(), "for i in range(1):\n    i = 5\n    print(i)\n"),
    (
        UnrollLoops(),
        "fs = []\nfor i in range(1):\n    fs.append(lambda: i)\ni = 4\nprint(fs[0]())\n",
    ),
    (UnrollLoops(), "n = 1\nn = 2\nfor i in range(n):\n    print(i)\n"),
    (UnrollLoops(), "n = 1\ndef g():\n    global n\n    n = 3\nfor i in range(n):\n    print(i)\n"),
    (UnrollLoops(), "range = lambda k: [7]\nfor i in range(1):\n    print(i)\n"),
    (UnrollLoops(), "print([i for i in range(1)])\n"),
    (UnrollLoops(), "print([0 for i in range(1) if i])\n"),
    (FoldAssignments(), "x = 1\nx = x + x\nprint(x)\n"),
    (FoldAssignments(), "x = 1\ny = 2\nx = x + y\nprint(x)\n"),
    (FoldAssignments(), "x = 1\nx = [y + x for y in (1, 2)]\nprint(x)\n"),
    (FoldAssignments(), "x = 1\nx = (lambda: x)()\nprint(x)\n"),
    (FoldAssignments(), "x = 1\nx = 0 or x\nprint(x)\n"),
    (FoldAssignments(), "x = 1\nx = f'{x}'\nprint(x)\n"),
    (FoldAssignments(), "x = 1\ndef show():\n    print(x)\n    return 2\nx = show() + x\n"),
    (FoldAssignments(), "x = 1\nif x:\n    x = x + 1\nprint(x)\n"),
    (PositionalArguments(), "print(1, end='')\n"),
    (PositionalArguments(), "import random\nrandom.seed(1)\nprint(random.choices([1, 2], k=1))\n"),
    (PositionalArguments(), "def choices(a, b=1):\n    return a + b\nprint(choices(1, b=2))\n"),
    (PositionalArguments(), "import math\nprint(math.isclose(b=1.0, a=1.0))\n"),
    (PositionalArguments(), "import math\nprint(math.isclose(*[1.0], b=1.0))\n"),
    (InlineConstants(), "n_embd = 16\nprint(n_embd, n_embd, n_embd, n_embd, n_embd)\n"),
    (InlineConstants(), "n = 1\nn += 1\nprint(n)\n"),
    (InlineConstants(), "n = 1\ndef f():\n    global n\n    n = 2\nf()\nprint(n)\n"),
    (InlineConstants(), "n = 1\ndel n\n"),
    (InlineConstants(), "n = [1]\nprint(n)\n"),
    (InlineConstants(), "if True:\n    n = 1\nprint(n)\n"),
    (InlineConstants(), "n = 1\nprint(f'{n=}')\n"),
    (InlineConstants(), "s = 'a'\nprint(f'{s}')\n"),
    (InlineConstants(), "n = 1\nprint(globals()['n'])\n"),
]


@pytest.mark.parametrize(("transform", "before"), LEFT_ALONE)
def test_left_alone(transform: Transform, before: str) -> None:
    module = cst.parse_module(before)
    assert transform.apply(module, range(transform.count_sites(module))).code == before


# -- behaviour and site subsets --------------------------------------------------------------

PROGRAM = source("""
    n_layer, n_head = 1, 2
    scale = 0.5
    table = {}
    for i in range(n_layer):
        table[f'w{i}'] = [0.25 * scale] * n_head
        table[f'b{i}'] = i
    def block(x, caches):
        for li in range(n_layer):
            caches[li].append(x)
            x = [v * scale + table[f'w{li}'][0] for v in x]
            for h in range(n_head):
                x = x + [h]
        return x
    caches = [[] for _ in range(n_layer)]
    print(block([1.0, 2.0], caches), caches, sorted(table))
    for i, v in enumerate('ab'):
        print(i, v)
    import random
    random.seed(5)
    w = [v / 4 for v in range(4)]
    w = sorted(w, key=abs, reverse=True)
    w = random.choices(population=range(4), weights=w, cum_weights=None, k=2)
    print(w)
    """)


@pytest.mark.parametrize(
    "transform", [UnrollLoops(), InlineConstants(), FoldAssignments(), PositionalArguments()]
)
def test_any_subset_of_sites_prints_the_same(transform: Transform) -> None:
    module = cst.parse_module(PROGRAM)
    sites = transform.count_sites(module)
    assert sites >= 2
    expected = printed_by(PROGRAM)
    for size in range(sites + 1):
        for subset in itertools.combinations(range(sites), size):
            changed = transform.apply(module, subset).code
            assert printed_by(changed) == expected, subset
    assert apply_all(transform, PROGRAM) != PROGRAM


def test_unrolling_after_inlining_constants_prints_the_same() -> None:
    inlined = apply_all(InlineConstants(), PROGRAM)
    assert "n_layer" not in inlined and "scale" not in inlined
    unrolled = apply_all(UnrollLoops(), inlined)
    assert "range(1)" not in unrolled
    assert printed_by(unrolled) == printed_by(PROGRAM)


def test_a_generator_reading_the_loop_variable_keeps_the_loop() -> None:
    program = "for i in range(1):\n    g = (i for _ in 'a')\ni = 3\nprint(list(g))\n"
    assert UnrollLoops().count_sites(cst.parse_module(program)) == 0


def test_a_function_binding_the_name_itself_does_not_keep_the_loop_variable() -> None:
    program = "for i in range(1):\n    print(i)\ndef f(x):\n    i = x\n    return [a for a in (x, i)]\nprint(f(2))\n"
    after = apply_all(UnrollLoops(), program)
    assert after.startswith("print(0)\ndef f")
    assert printed_by(after) == printed_by(program)
