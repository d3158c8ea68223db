"""inline_constants: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import pair_tests

from minimizer.transforms.inline_constants import InlineConstants

PAIRS = [
    ("width = 4\nprint(width * 2)\n", "print(4 * 2)\n"),
    (
        "rate, beta, n = 0.01, 0.85, 3\nprint(rate, beta * 2, beta * 3, beta + 1, beta, n)\n",
        "beta = 0.85\nprint(0.01, beta * 2, beta * 3, beta + 1, beta, 3)\n",
    ),
    ("s = -2\nprint(s ** 2, 3 ** s)\n", "print((-2) ** 2, 3 ** -2)\n"),
    ("k = 7\nprint(k.bit_length())\n", "print((7).bit_length())\n"),
    ("t = 'ab'\nprint(f\"{t}!\")\n", "print(f\"{'ab'}!\")\n"),
    (
        "t = 0.5\ndef f(x):\n    return x / t\nprint(f(3))\n",
        "def f(x):\n    return x / 0.5\nprint(f(3))\n",
    ),
    # A comprehension's own ``e`` shadows the constant there: it stays; the other reads go.
    (
        "e = 4\ndef z(b):\n    return [e / 2 for e in b]\nprint(z([6]), e * 2, [e + h for h in b'a'])\n",
        "def z(b):\n    return [e / 2 for e in b]\nprint(z([6]), 4 * 2, [4 + h for h in b'a'])\n",
    ),
    (
        "e = 4\ndef z(b):\n    e = b\n    return e\nprint(z(6), e)\n",
        "def z(b):\n    e = b\n    return e\nprint(z(6), 4)\n",
    ),
]

LEFT_ALONE = [
    "n_embd = 16\nprint(n_embd, n_embd, n_embd, n_embd, n_embd)\n",
    "n = 1\nn += 1\nprint(n)\n",
    "n = 1\ndef f():\n    global n\n    n = 2\nf()\nprint(n)\n",
    "n = 1\ndel n\n",
    "n = [1]\nprint(n)\n",
    "if True:\n    n = 1\nprint(n)\n",
    "n = 1\nprint(f'{n=}')\n",
    "s = 'a'\nprint(f'{s}')\n",
    "n = 1\nprint(globals()['n'])\n",
]


test_before_after, test_left_alone = pair_tests(InlineConstants(), PAIRS, LEFT_ALONE)
