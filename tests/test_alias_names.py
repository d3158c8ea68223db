"""alias_names: a builtin or attribute spelled often gets a one-letter alias, where it pays."""

from __future__ import annotations

import keyword

import libcst as cst
import libcst.matchers as m
from conftest import reference_text
from transform_check import apply_sites, dedent, pair_tests, run_program

from minimizer.transforms.alias_names import AliasNames

ALIAS_PAIRS = [
    (
        "for i in range(3): print(range(i), range(4), range(5), range(6))\n",
        "a=range\nfor i in a(3): print(a(i), a(4), a(5), a(6))\n",
    ),
    (
        '"""doc"""\nfrom __future__ import annotations\nx = [len(s) for s in (len, len, len, len)]\n',
        '"""doc"""\nfrom __future__ import annotations\na=len\nx = [a(s) for s in (a, a, a, a)]\n',
    ),
    (
        "import math\nx = math.exp(1) + math.exp(2) + math.exp(3)\n",
        "import math\na=math.exp\nx = a(1) + a(2) + a(3)\n",
    ),
    # Too few uses to pay for the definition.
    ("x = range(3)\ny = range(4)\n", "x = range(3)\ny = range(4)\n"),
    ("import math\nx = math.exp(1)\n", "import math\nx = math.exp(1)\n"),
    # A builtin bound anywhere, even as a parameter, is left alone.
    (
        "def f(len): return len\nx = len(a) + len(b) + len(c) + len(d) + len(e)\n",
        "def f(len): return len\nx = len(a) + len(b) + len(c) + len(d) + len(e)\n",
    ),
    (
        "class C:\n    range = 1\nx = range(a), range(b), range(c), range(d)\n",
        "class C:\n    range = 1\nx = range(a), range(b), range(c), range(d)\n",
    ),
    # Zero-argument super() must keep its name.
    (
        "class C(B):\n    def f(s): super().f(); super().g(); super().h(); super().i(); super().j()\n",
        "class C(B):\n    def f(s): super().f(); super().g(); super().h(); super().i(); super().j()\n",
    ),
    # A module attribute that is written, or a module bound twice, is left alone.
    (
        "import math\nmath.exp = abs\nx = math.exp(1) + math.exp(2) + math.exp(3)\n",
        "import math\nmath.exp = abs\nx = math.exp(1) + math.exp(2) + math.exp(3)\n",
    ),
    (
        "import math\nif c: import math\nx = math.exp(1) + math.exp(2) + math.exp(3)\n",
        "import math\nif c: import math\nx = math.exp(1) + math.exp(2) + math.exp(3)\n",
    ),
]

test_before_after, _ = pair_tests(AliasNames(), ALIAS_PAIRS)


def test_alias_names_avoid_every_name_in_the_program() -> None:
    source = "a = b = 1\ndef c(d): return d.e\nprint(range(a), range(b), range(c), range(4))\n"
    after = apply_sites(AliasNames(), source)
    assert after.startswith("f=range\n")


def test_alias_names_pays_only_where_it_saves() -> None:
    # Four uses of "print" save 4*4 characters; "p=print\n" costs 8: it pays.
    pays = "print(1)\nprint(2)\nprint(3)\nprint(4)\n"
    assert len(apply_sites(AliasNames(), pays)) < len(pays)
    # Two uses of "print" save 8 characters, as much as the definition costs.
    breaks_even = "print(1)\nprint(2)\n"
    assert apply_sites(AliasNames(), breaks_even) == breaks_even


def test_alias_names_programs_print_the_same() -> None:
    source = dedent('''
        """A docstring stays first."""
        import math
        import random
        random.seed(3)
        def spread(values):
            return max(values) - min(values), len(values), sum(values) / len(values)
        class Box:
            def __init__(self, items):
                self.items = sorted(items)
            def total(self):
                return sum(math.exp(x) for x in self.items) + math.exp(len(self.items))
        draws = [random.random() for _ in range(len("abcd"))]
        print(spread(draws), Box(draws).total(), math.exp(1), math.exp(2))
        print(sorted(range(len(draws))), [min(d, .5) for d in draws], max(range(3)))
        print(__doc__)
        ''')
    after = apply_sites(AliasNames(), source)
    assert len(after) < len(source)
    assert run_program(after) == run_program(source)


def test_alias_names_never_reuse_a_program_name_on_the_reference() -> None:
    source = reference_text()
    before_names = {name.value for name in m.findall(cst.parse_module(source), m.Name())}
    after = cst.parse_module(apply_sites(AliasNames(), source))
    aliases = [
        line.body[0].targets[0].target.value
        for line in after.body
        if m.matches(line, m.SimpleStatementLine([m.Assign([m.AssignTarget(m.Name())])]))
        and line.body[0].targets[0].target.value not in before_names
    ]
    assert aliases
    assert not any(keyword.iskeyword(alias) for alias in aliases)
    assert len(set(aliases)) == len(aliases)
