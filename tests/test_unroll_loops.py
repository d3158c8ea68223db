"""unroll_loops: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import assert_transform, assert_unchanged, pair_tests

from minimizer.transforms.unroll_loops import UnrollLoops

PAIRS = [
    ("for i in range(1):\n    print(i)\n    print(i + 1)\n", "print(0)\nprint(0 + 1)\n"),
    ("for i in range(1): print(f'k{i}')\n", "print(f'k{0}')\n"),
    ("n = 1\nfor i in range(n):\n    print(i)\nprint(i)\n", "n = 1\ni = 0\nprint(0)\nprint(i)\n"),
    (
        "for i in range(1):\n    print(i)\nfor i in range(3):\n    print(i)\n",
        "print(0)\nfor i in range(3):\n    print(i)\n",
    ),
    ("n = 1\nx = [[] for _ in range(n)]\nprint(x)\n", "n = 1\nx = [[]]\nprint(x)\n"),
    (
        "def f(n):\n    for k in range(1):\n        for j in range(n):\n            print(j, k)\nf(2)\n",
        "def f(n):\n    for j in range(n):\n        print(j, 0)\nf(2)\n",
    ),
    ("for i in range(1):\n    print(i.real)\n", "print((0).real)\n"),
]

LEFT_ALONE = [
    "for i in range(2):\n    print(i)\n",
    "for i in range(1):\n    print(i)\nelse:\n    print(9)\n",
    "for i in range(1):\n    if i:\n        break\n    print(i)\n",
    "for i in range(1):\n    i = 5\n    print(i)\n",
    "fs = []\nfor i in range(1):\n    fs.append(lambda: i)\ni = 4\nprint(fs[0]())\n",
    "n = 1\nn = 2\nfor i in range(n):\n    print(i)\n",
    "n = 1\ndef g():\n    global n\n    n = 3\nfor i in range(n):\n    print(i)\n",
    "range = lambda k: [7]\nfor i in range(1):\n    print(i)\n",
    "print([i for i in range(1)])\n",
    "print([0 for i in range(1) if i])\n",
]


test_before_after, test_left_alone = pair_tests(UnrollLoops(), PAIRS, LEFT_ALONE)


def test_a_generator_reading_the_loop_variable_keeps_the_loop() -> None:
    assert_unchanged(
        UnrollLoops(), "for i in range(1):\n    g = (i for _ in 'a')\ni = 3\nprint(list(g))\n"
    )


def test_a_function_binding_the_name_itself_does_not_keep_the_loop_variable() -> None:
    function = "def f(x):\n    i = x\n    return [a for a in (x, i)]\nprint(f(2))\n"
    assert_transform(
        UnrollLoops(), "for i in range(1):\n    print(i)\n" + function, "print(0)\n" + function
    )
