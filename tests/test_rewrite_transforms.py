"""Removal, inlining and the risky rewrites: before/after pairs, behaviour, and what stays put."""

from __future__ import annotations

import ast
import contextlib
import io
import itertools
import textwrap

import libcst as cst
import pytest

from minimizer.transforms.augment_assignments import AugmentAssignments
from minimizer.transforms.base import Safety, Transform
from minimizer.transforms.drop_parentheses import DropParentheses
from minimizer.transforms.inline_variables import InlineVariables
from minimizer.transforms.remove_unused import RemoveUnused
from minimizer.transforms.rewrite_isinstance import RewriteIsinstance
from minimizer.transforms.swap_operands import SwapOperands

ALL_TRANSFORMS: list[Transform] = [
    RemoveUnused(),
    InlineVariables(),
    AugmentAssignments(),
    RewriteIsinstance(),
    SwapOperands(),
    DropParentheses(),
]


def source(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def apply_all(transform: Transform, text: str) -> str:
    module = cst.parse_module(source(text))
    return transform.apply(module, range(transform.count_sites(module))).code


def printed_by(program: str) -> str:
    """What ``program`` prints when run in a fresh namespace."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(program, "<program>", "exec"), {"__name__": "__main__"})
    return output.getvalue()


# -- before/after pairs ----------------------------------------------------------------

PAIRS: list[tuple[Transform, str, str]] = [
    # remove_unused
    (RemoveUnused(), "import os, math\nprint(math.pi)\n", "import math\nprint(math.pi)\n"),
    (RemoveUnused(), "import sys as system\nx = 1\nprint(0)\n", "print(0)\n"),
    (
        RemoveUnused(),
        "from collections import OrderedDict, deque\nprint(deque())\n",
        "from collections import deque\nprint(deque())\n",
    ),
    (RemoveUnused(), "def helper(a=1):\n    return a\nprint(2)\n", "print(2)\n"),
    (
        RemoveUnused(),
        "class Unused:\n    '''doc'''\n    k = (1, 'a')\n    def m(self): pass\nprint(0)\n",
        "print(0)\n",
    ),
    # reading a name may raise (NameError, UnboundLocalError): only literals go
    (RemoveUnused(), "limit = -3\nname = other\nprint(4)\n", "name = other\nprint(4)\n"),
    (
        RemoveUnused(),
        "def f():\n    unused = [1, 2]\n    return 3\nprint(f())\n",
        "def f():\n    return 3\nprint(f())\n",
    ),
    (
        RemoveUnused(),
        "if True:\n    import json\nprint(1)\n",
        "if True:\n    pass\nprint(1)\n",
    ),
    (
        RemoveUnused(),
        "class V:\n    __slots__ = ('a',)\n    def __init__(self): self.a = 1\nprint(V().a)\n",
        "class V:\n    def __init__(self): self.a = 1\nprint(V().a)\n",
    ),
    # inline_variables
    (
        InlineVariables(),
        "def f(a):\n    x = a + 1\n    return x * 2\n",
        "def f(a):\n    return (a + 1) * 2\n",
    ),
    (
        InlineVariables(),
        "def f(a):\n    x = g(a)\n    y = [x]\n    return y\n",
        "def f(a):\n    return [g(a)]\n",
    ),
    (InlineVariables(), "t = 1, 2\nprint(t)\n", "print((1, 2))\n"),
    (InlineVariables(), "d = {1: 2}\nprint(f'{d}')\n", "print(f'{({1: 2})}')\n"),
    (
        InlineVariables(),
        "n = 3\nfor i in range(n):\n    print(i)\n",
        "for i in range(3):\n    print(i)\n",
    ),
    # augment_assignments
    (AugmentAssignments(), "x = x + 1\n", "x += 1\n"),
    (AugmentAssignments(), "m[i] = m[i] * (a + b)\n", "m[i] *= (a + b)\n"),
    (AugmentAssignments(), "o.a = o.a // 2; y = y ** 2 ** 3\n", "o.a //= 2; y **= 2 ** 3\n"),
    (AugmentAssignments(), "x=x-y\n", "x-=y\n"),
    # rewrite_isinstance
    (RewriteIsinstance(), "a = x if isinstance(x, int) else 0\n", "a = x if type(x)==int else 0\n"),
    (
        RewriteIsinstance(),
        "b = not isinstance(x, (int, float))\n",
        "b = not type(x) in (int, float)\n",
    ),
    (RewriteIsinstance(), "c = 1 + isinstance(x, str)\n", "c = 1 + (type(x)==str)\n"),
    (RewriteIsinstance(), "d = isinstance(x, m.C) == True\n", "d = (type(x)==m.C) == True\n"),
    # squeezed against a keyword, the comparison needs parentheses libcst can print
    (RewriteIsinstance(), "e=x if isinstance(x,int)else 0\n", "e=x if (type(x)==int)else 0\n"),
    (RewriteIsinstance(), "f=isinstance(x,int)and 1\n", "f=(type(x)==int)and 1\n"),
    # swap_operands
    (SwapOperands(), "a = x * (y * z)\n", "a = y * z * x\n"),
    (SwapOperands(), "b = x + (y - z)\n", "b = y - z + x\n"),
    (SwapOperands(), "c = (1 / n) * s\n", "c = s / n\n"),
    (SwapOperands(), "d = s * (1 / n)\n", "d = s / n\n"),
    (SwapOperands(), "g = -x * (y / z)\n", "g = y / z * -x\n"),
    # drop_parentheses
    (DropParentheses(), "x = (1)\n", "x = 1\n"),
    (DropParentheses(), "y = (a * b) + c\n", "y = a * b + c\n"),
    (DropParentheses(), "def f(q):\n    return (q)\n", "def f(q):\n    return q\n"),
    (DropParentheses(), "w = ((a))\nv = (1, 2)\n", "w = a\nv = 1, 2\n"),
    (DropParentheses(), "print(f((i for i in z)), f'{(x)}')\n", "print(f(i for i in z), f'{x}')\n"),
]


@pytest.mark.parametrize(
    ("transform", "before", "after"),
    PAIRS,
    ids=[f"{t.name}-{i}" for i, (t, _, _) in enumerate(PAIRS)],
)
def test_before_after(transform: Transform, before: str, after: str) -> None:
    assert apply_all(transform, before) == after


# -- what each transform must leave alone ------------------------------------------------

LEFT_ALONE: list[tuple[Transform, str]] = [
    # Calls may have side effects; third-party, dotted and noisy imports run code.
    (RemoveUnused(), "x = print(1)\n"),
    (
        RemoveUnused(),
        "import numpy\nimport os.path\nimport readline\nfrom __future__ import annotations\n",
    ),
    (RemoveUnused(), "from xml import dom\n"),
    (RemoveUnused(), "@register\ndef f(): pass\n"),
    (RemoveUnused(), "def f(a=print(2)): pass\n"),
    (RemoveUnused(), "class C(Base): pass\nclass D:\n    print(1)\n"),
    (RemoveUnused(), "class E:\n    def m(self): pass\n    k = 1\nprint(E)\n"),
    (RemoveUnused(), "x = 1\nprint(globals()['x'])\n"),
    (RemoveUnused(), "x = 1\ndel x\n"),
    (RemoveUnused(), "__version__ = '1'\n"),
    # __slots__ stays when the class is subclassed, pickled or its slots read.
    (RemoveUnused(), "class V:\n    __slots__ = ('a',)\nclass W(V): pass\nprint(W)\n"),
    (RemoveUnused(), "import pickle\nclass V:\n    __slots__ = ('a',)\nprint(pickle, V)\n"),
    (RemoveUnused(), "class V:\n    __slots__ = ('a',)\nprint(V.__slots__)\n"),
    # A read in a loop, a comprehension, a lambda, a branch, or further than the next statement.
    (InlineVariables(), "w = g()\nfor i in range(3):\n    print(w)\n"),
    (InlineVariables(), "w = g()\nprint([w for _ in range(3)])\n"),
    (InlineVariables(), "w = g()\nh = lambda: w\n"),
    (InlineVariables(), "u = g()\nwhile u: pass\n"),
    (InlineVariables(), "c = g()\nt = a or c\n"),
    (InlineVariables(), "c = g()\nt = a if b else c\n"),
    (InlineVariables(), "c = g()\nt = a < b < c\n"),
    (InlineVariables(), "c = g()\nassert a, c\n"),
    (InlineVariables(), "c = g()\nh()\nprint(c)\n"),
    (InlineVariables(), "c = g()\nprint(c, c)\n"),
    (InlineVariables(), "c = g()\nc = h()\nprint(c)\n"),
    (InlineVariables(), "d = 4\ndel d\n"),
    (InlineVariables(), "s = 's'\nprint(f'{s}')\n"),
    (InlineVariables(), "def f():\n    k = 1\n    def h(): return k\n    return h\n"),
    (InlineVariables(), "c = g()\nprint(eval('c'))\n"),
    (AugmentAssignments(), "x = y + x\nx = x - y - z\nx = x.a + 1\nx, y = x + 1, y\n"),
    (RewriteIsinstance(), "isinstance(x, int | str)\nisinstance(x, cls=int)\n"),
    (RewriteIsinstance(), "def f(isinstance): return isinstance(1, int)\n"),
    (RewriteIsinstance(), "type = 1\nprint(isinstance(1, int))\n"),
    (SwapOperands(), "f = x * y * (z * w)\nh = x * (y + z)\nk = x - (y - z)\nm = max(0, x)\n"),
    (SwapOperands(), "e = s * 1 / n\n"),
    (DropParentheses(), "z = (a + b) * c\nv = f((1, 2))\nprint((1).real, (-2) ** 2)\n"),
    (DropParentheses(), "x = (a +\n     b)\nif(x): print(not(y))\n"),
    (DropParentheses(), "print(f'{(a:=1)}', (lambda: 1)(), (yield))\n"),
]


@pytest.mark.parametrize(
    ("transform", "program"),
    LEFT_ALONE,
    ids=[f"{t.name}-{i}" for i, (t, _) in enumerate(LEFT_ALONE)],
)
def test_leaves_alone(transform: Transform, program: str) -> None:
    module = cst.parse_module(program)
    assert transform.count_sites(module) == 0
    assert transform.apply(module, range(10)).code == program


# -- behaviour -------------------------------------------------------------------------

PROGRAMS = [
    source("""
        import math, os, json
        from collections import OrderedDict, deque
        unused_limit = 10
        alias = unused_limit

        class Point:
            __slots__ = ('x', 'y')
            def __init__(self, x, y):
                self.x, self.y = x, y
            def norm(self):
                total = (self.x * self.x) + (self.y * self.y)
                return math.sqrt(total)

        class Scratch:
            pass

        def helper(values=(1, 2)):
            return sum(values)

        def scale(p, k):
            p.x = p.x * k
            p.y = p.y + (k - 2)
            return p

        points = [Point(i, (i * 3) % 7) for i in range(6)]
        queue = deque(points)
        while queue:
            p = queue.popleft()
            q = scale(p, (1 / 3))
            n = q.norm()
            print(f"{(n):.17g}", isinstance(q, Point), (-n) ** 2, (1 / 3) * (q.x + q.y))
        """),
    source("""
        def walk(tree, depth=0):
            out = []
            for key in sorted(tree):
                child = tree[key]
                label = ('  ' * depth) + key
                out.append(label)
                if isinstance(child, dict):
                    out.extend(walk(child, depth + 1))
            return out

        def unused_walker(x):
            return walk(x)

        data = {'b': {'c': {}, 'a': {'z': {}}}, 'a': {}}
        lines = walk(data)
        text = '\\n'.join(lines)
        print(text)
        count = len(lines)
        print(count * (count + 1))
        """),
]

SAFE_OR_LAYOUT = [t for t in ALL_TRANSFORMS if t.safety is not Safety.RISKY]


@pytest.mark.parametrize("transform", SAFE_OR_LAYOUT, ids=lambda t: t.name)
@pytest.mark.parametrize("program", PROGRAMS, ids=["points", "tree"])
def test_safe_transforms_keep_what_programs_print(transform: Transform, program: str) -> None:
    module = cst.parse_module(program)
    sites = transform.count_sites(module)
    assert sites > 0, "the program should give the transform something to do"
    for chosen in [range(sites), *([i] for i in range(sites))]:
        assert printed_by(transform.apply(module, chosen).code) == printed_by(program)


@pytest.mark.parametrize("transform", ALL_TRANSFORMS, ids=lambda t: t.name)
@pytest.mark.parametrize("program", PROGRAMS, ids=["points", "tree"])
def test_every_subset_of_sites_gives_a_valid_program(transform: Transform, program: str) -> None:
    module = cst.parse_module(program)
    sites = transform.count_sites(module)
    subsets = [range(sites), *([i] for i in range(sites)), range(0, sites, 2), range(1, sites, 2)]
    for chosen in subsets:
        result = transform.apply(module, chosen)
        compile(result.code, "<result>", "exec")
        # A shorter program for every proposed site, and never a longer one.
        assert len(result.code) < len(program) or not list(chosen)


@pytest.mark.parametrize("program", PROGRAMS, ids=["points", "tree"])
def test_drop_parentheses_keeps_the_ast_for_any_subset(program: str) -> None:
    transform = DropParentheses()
    module = cst.parse_module(program)
    sites = transform.count_sites(module)
    expected = ast.dump(ast.parse(program))
    for size in (1, 2):
        for chosen in itertools.combinations(range(sites), size):
            assert ast.dump(ast.parse(transform.apply(module, chosen).code)) == expected


def test_drop_parentheses_falls_back_when_pairs_cannot_go_together() -> None:
    # Either pair may go alone, but without both ``not`` would touch ``a``.
    program = "x = not((a) + b)\n"
    module = cst.parse_module(program)
    transform = DropParentheses()
    assert [transform.apply(module, [i]).code for i in range(2)] == [
        "x = not(a + b)\n",
        "x = not(a) + b\n",
    ]
    assert transform.apply(module, [0, 1]).code == "x = not(a + b)\n"


def test_inlining_chains_through_consecutive_statements() -> None:
    program = source("""
        def f(a):
            x = a + 1
            y = x * 2
            z = [y]
            return z
        print(f(3))
        """)
    result = apply_all(InlineVariables(), program)
    assert result == source("""
        def f(a):
            return [(a + 1) * 2]
        print(f(3))
        """)
    assert printed_by(result) == printed_by(program)


def test_inlining_can_reorder_calls_which_is_why_it_is_risky() -> None:
    program = "x = print('first') or 1\ny = print('second') or x\n"
    result = apply_all(InlineVariables(), program)
    assert InlineVariables.safety is Safety.RISKY
    assert printed_by(result) == printed_by(program)  # here the order survives...
    reordered = "x = print('first') or 1\ny = [print('second'), x]\n"
    changed = apply_all(InlineVariables(), reordered)
    assert printed_by(changed) != printed_by(reordered)  # ...and here it does not


def test_aliased_list_is_still_proposed_and_marked_risky() -> None:
    program = "x = [0]\nalias = x\nx = x + [1]\nprint(alias, x)\n"
    module = cst.parse_module(program)
    transform = AugmentAssignments()
    assert transform.count_sites(module) == 1
    assert transform.safety is Safety.RISKY
    rewritten = transform.apply(module, [0]).code
    assert rewritten == "x = [0]\nalias = x\nx += [1]\nprint(alias, x)\n"
    assert printed_by(rewritten) != printed_by(program)


def test_isinstance_rewrite_changes_subclass_checks_which_is_why_it_is_risky() -> None:
    program = "class A: pass\nclass B(A): pass\nprint(isinstance(B(), A))\n"
    rewritten = apply_all(RewriteIsinstance(), program)
    assert RewriteIsinstance.safety is Safety.RISKY
    assert printed_by(rewritten) != printed_by(program)


def test_removing_slots_keeps_results() -> None:
    program = source("""
        class V:
            __slots__ = ('a', 'b')
            def __init__(self, a):
                self.a, self.b = a, a * 2
        v = V(3)
        print(v.a + v.b)
        """)
    result = apply_all(RemoveUnused(), program)
    assert "__slots__" not in result
    assert printed_by(result) == printed_by(program)


def test_reciprocal_rewrite_can_round_differently_which_is_why_it_is_risky() -> None:
    program = "for x in range(1, 100):\n    print((1 / 49) * x)\n"
    rewritten = apply_all(SwapOperands(), program)
    assert rewritten == "for x in range(1, 100):\n    print(x / 49)\n"
    assert SwapOperands.safety is Safety.RISKY
    assert printed_by(rewritten) != printed_by(program)
