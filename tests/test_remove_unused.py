"""remove_unused: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import apply_sites, dedent, pair_tests, run_program

from minimizer.transforms.remove_unused import RemoveUnused

PAIRS = [
    ("import os, math\nprint(math.pi)\n", "import math\nprint(math.pi)\n"),
    ("import sys as system\nx = 1\nprint(0)\n", "print(0)\n"),
    (
        "from collections import OrderedDict, deque\nprint(deque())\n",
        "from collections import deque\nprint(deque())\n",
    ),
    ("def helper(a=1):\n    return a\nprint(2)\n", "print(2)\n"),
    (
        "class Unused:\n    '''doc'''\n    k = (1, 'a')\n    def m(self): pass\nprint(0)\n",
        "print(0)\n",
    ),
    # reading a name may raise (NameError, UnboundLocalError): only literals go
    ("limit = -3\nname = other\nprint(4)\n", "name = other\nprint(4)\n"),
    (
        "def f():\n    unused = [1, 2]\n    return 3\nprint(f())\n",
        "def f():\n    return 3\nprint(f())\n",
    ),
    ("if True:\n    import json\nprint(1)\n", "if True:\n    pass\nprint(1)\n"),
    (
        "class V:\n    __slots__ = ('a',)\n    def __init__(self): self.a = 1\nprint(V().a)\n",
        "class V:\n    def __init__(self): self.a = 1\nprint(V().a)\n",
    ),
]

LEFT_ALONE = [
    # Calls may have side effects; third-party, dotted and noisy imports run code.
    "x = print(1)\n",
    "import numpy\nimport os.path\nimport readline\nfrom __future__ import annotations\n",
    "from xml import dom\n",
    "@register\ndef f(): pass\n",
    "def f(a=print(2)): pass\n",
    "class C(Base): pass\nclass D:\n    print(1)\n",
    "class E:\n    def m(self): pass\n    k = 1\nprint(E)\n",
    "x = 1\nprint(globals()['x'])\n",
    "x = 1\ndel x\n",
    "__version__ = '1'\n",
    # __slots__ stays when the class is subclassed, pickled or its slots read.
    "class V:\n    __slots__ = ('a',)\nclass W(V): pass\nprint(W)\n",
    "import pickle\nclass V:\n    __slots__ = ('a',)\nprint(pickle, V)\n",
    "class V:\n    __slots__ = ('a',)\nprint(V.__slots__)\n",
]


test_before_after, test_left_alone = pair_tests(RemoveUnused(), PAIRS, LEFT_ALONE)


def test_removing_slots_keeps_results() -> None:
    program = dedent("""
        class V:
            __slots__ = ('a', 'b')
            def __init__(self, a):
                self.a, self.b = a, a * 2
        v = V(3)
        print(v.a + v.b)
        """)
    result = apply_sites(RemoveUnused(), program)
    assert "__slots__" not in result
    assert run_program(result) == run_program(program)
