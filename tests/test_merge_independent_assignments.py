"""merge_independent_assignments: runs of independent assignments become one tuple assignment, and only those."""

from __future__ import annotations

import textwrap
from itertools import combinations

import black
import libcst as cst
from transform_check import apply_sites, pair_tests, run_program

from minimizer.transforms.merge_independent_assignments import MergeIndependentAssignments

TRANSFORM = MergeIndependentAssignments()

PAIRS = [
    ("a = 1\nb = 2\nc = 'x'\n", "a, b, c = 1, 2, 'x'\n"),
    # the next value reads an earlier target: the run breaks there
    ("a = 16\nb = 4\nc = a // b\nd = 0.5\n", "a, b = 16, 4\nc, d = a // b, 0.5\n"),
    # fresh attributes of one object, with inert values
    (
        "def f(self, data, children):\n    self.data = data\n    self.grad = 0\n    self.kids = children\n",
        "def f(self, data, children):\n    self.data, self.grad, self.kids = data, 0, children\n",
    ),
    # locals nobody else sees may take values that call things
    (
        "def g(x):\n    saved = x\n    x = sorted(x)\n    return saved, x\n",
        "def g(x):\n    saved, x = x, sorted(x)\n    return saved, x\n",
    ),
]

LEFT_ALONE = [
    "a = 1\na = 2\n",  # the same target twice
    "a = 1\nb = a\n",  # reads the earlier target
    "a = 1\n# the step\nb = 2\n",  # a comment is the author's grouping
    "a = 1\n\nb = 2\n",  # so is a blank line
    "a = 1  # one\nb = 2\n",
    "f = lambda: 1\ng = lambda: 2\n",  # definitions keep their own lines
    "a = 1, 2\nb = 3\n",  # an unparenthesized tuple value
    "x[0] = 1\nb = 2\n",  # subscript targets can run __setitem__
    # a global that a function reads, then a call that could read it
    "m = 3\ndef size():\n    return m\nm = 1\nk = size()\n",
    # an attribute target, then a value that can run code
    "def f(self):\n    self.a = 1\n    self.b = compute()\n",
    # a local a nested function reads
    "def f():\n    seen = []\n    count = len(x)\n    def g():\n        return seen\n",
    # a set display hashes its items: not inert, and f can see the global
    "def f():\n    return a\na = 1\nb = {c}\n",
]

test_before_after, test_left_alone = pair_tests(TRANSFORM, PAIRS, LEFT_ALONE)


def test_line_width_is_that_of_black_at_the_statement_depth() -> None:
    # merged: ``a, b = '<36 x>', '<36 y>'`` is 85 characters, black's width is 88
    source = f"a = '{'x' * 36}'\nb = '{'y' * 36}'\n"
    assert apply_sites(TRANSFORM, source).startswith("a, b = ")
    one_level_down = "if True:\n" + textwrap.indent(source, " " * 4)
    assert apply_sites(TRANSFORM, one_level_down) == one_level_down


PROGRAM = """\
import math
width = 16
heads = 4
label = 'net'
per_head = width // heads

class Node:
    def __init__(self, value, parents=()):
        self.value = value
        self.grad = 0
        self.parents = parents

def run(values):
    total = 0
    first = values[0]
    values = sorted(values)
    kept = [v for v in values if v > first]
    seen = []
    count = len(values)
    def remember(v):
        seen.append(v)
    for v in values:
        remember(v)
        total = total + v
    return total, first, kept, seen, count

node = Node(math.pi)
before = node.value
node.value = 2.0
print(width, heads, label, per_head, node.grad, node.parents, before, node.value)
print(run([3, 1, 2]))
"""


def test_each_site_alone_all_but_one_and_all_print_the_same() -> None:
    module = cst.parse_module(PROGRAM)
    sites = TRANSFORM.count_sites(module)
    assert sites >= 3
    expected = run_program(PROGRAM)
    subsets = [*combinations(range(sites), 1), *combinations(range(sites), sites - 1), range(sites)]
    for chosen in subsets:
        assert run_program(apply_sites(TRANSFORM, PROGRAM, chosen)) == expected, chosen


def test_output_is_black_stable() -> None:
    formatted = black.format_str(PROGRAM, mode=black.Mode())
    result = apply_sites(TRANSFORM, formatted)
    assert result != formatted
    assert black.format_str(result, mode=black.Mode()) == result
