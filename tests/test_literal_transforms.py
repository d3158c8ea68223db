"""Tests for the literal and definition-level transforms (issue 4).

Each transform is checked on before/after pairs, on programs that must print
the same before and after, on any single site applied alone, and (for literal
spellings) on hypothesis-drawn values that must keep their type and bits.
"""

from __future__ import annotations

import ast
import contextlib
import io
import keyword
import textwrap
from pathlib import Path

import libcst as cst
import libcst.matchers as m
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from minimizer.transforms.alias_names import AliasNames
from minimizer.transforms.base import Transform
from minimizer.transforms.compact_imports import CompactImports
from minimizer.transforms.convert_def_to_lambda import ConvertDefToLambda
from minimizer.transforms.shorten_literals import ShortenLiterals

REFERENCE = Path(__file__).resolve().parent.parent / "reference" / "microgpt.py"
ALL_TRANSFORMS = [ShortenLiterals(), CompactImports(), AliasNames(), ConvertDefToLambda()]


def apply_all(transform: Transform, source: str) -> str:
    module = cst.parse_module(source)
    return transform.apply(module, range(transform.count_sites(module))).code


def run_program(source: str) -> str:
    """What ``source`` prints when run as a script."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(source, "<program>", "exec"), {"__name__": "__main__"})
    return output.getvalue()


def shortened_literal(literal: str) -> str:
    """The expression ``literal`` after shorten_literals, as source text."""
    module = cst.parse_module(f"x = {literal}\n")
    statement = apply_all(ShortenLiterals(), module.code)
    return statement.removeprefix("x = ").rstrip("\n")


def dedent(source: str) -> str:
    return textwrap.dedent(source).lstrip("\n")


# --- shorten_literals -------------------------------------------------------

LITERAL_PAIRS = [
    ("0.0", "0."),
    ("0.08", ".08"),
    ("1e-08", "1e-8"),
    ("1000000.0", "1e6"),
    ("1.0", "1."),
    ("1.5", "1.5"),
    ("100.0", "1e2"),
    ("0.0001", "1e-4"),
    ("123456789.0", "123456789."),
    ("1.25e-10", ".125e-9"),
    ("12e-11", "12e-11"),
    ("0x10", "16"),
    ("0b101", "5"),
    ("0o17", "15"),
    ("1_000", "1000"),
    ("0xfffff", "0xfffff"),
    ("1", "1"),
    ("2.0j", "2j"),
    ("0.5j", ".5j"),
    ("1e999", "1e999"),
    ("1 - 0.85", "1 - .85"),
    ("2 * 0.5 + 0.0", "2 * .5 + 0."),
    ('"abc"', '"abc"'),
    ('u"abc"', "'abc'"),
    ('"""doc"""', "'doc'"),
    ("'it\\'s'", '"it\'s"'),
    ('"say \\"hi\\""', "'say \"hi\"'"),
    ("'\\x41'", "'A'"),
    ("'\\u00e9'", "'é'"),
    ("'\\x00'", "'\\0'"),
    ("'\\x001'", "'\\x001'"),
    ("'\\u2028'", "'\\u2028'"),
    ('f"plain"', "'plain'"),
    ('f"{{braces}}"', "'{braces}'"),
    ('f"a{b}"', 'f"a{b}"'),
    ("(f'x')", "('x')"),
    ('b"\\x41\\\\"', "b'A\\\\'"),
    ("rb'\\d\\d\\d'", "rb'\\d\\d\\d'"),
    ("b'\\\\d\\\\d\\\\d'", "rb'\\d\\d\\d'"),
    ("'\\\\d\\\\d\\\\d'", "'\\\\d\\\\d\\\\d'"),
    ("'a\\nb\\nc\\nd\\ne\\nf'", "'''a\nb\nc\nd\ne\nf'''"),
    ("0x10 .real", "16 .real"),
    ("0x10.real", "0x10.real"),
    ("f\"{''.join(s)}\"", "f\"{''.join(s)}\""),
    ("f'{\"\".join(s)}'", "f'{\"\".join(s)}'"),
    ("f'{u\"it\" if 0 else f\"x\"}'", "f'{\"it\" if 0 else \"x\"}'"),
]


@pytest.mark.parametrize(("before", "after"), LITERAL_PAIRS)
def test_shorten_literals_pairs(before: str, after: str) -> None:
    assert shortened_literal(before) == after


@pytest.mark.parametrize(("before", "after"), LITERAL_PAIRS)
def test_shortened_literal_has_same_type_and_value(before: str, after: str) -> None:
    names = {"b": 1, "s": "xy"}
    old, new = eval(before, dict(names)), eval(after, dict(names))
    assert type(old) is type(new)
    assert repr(old) == repr(new)


def assert_same_literal(literal: str) -> None:
    shorter = shortened_literal(literal)
    assert len(shorter) <= len(literal)
    old, new = ast.literal_eval(literal), ast.literal_eval(shorter)
    assert type(old) is type(new)
    if isinstance(old, float):
        assert old.hex() == new.hex()
    elif isinstance(old, complex):
        assert (old.real.hex(), old.imag.hex()) == (new.real.hex(), new.imag.hex())
    else:
        assert old == new


FLOAT_SPELLINGS = [repr, "{:.17e}".format, "{:.20f}".format, "{:.3g}".format, "{:.25e}".format]


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(FLOAT_SPELLINGS))
@example(5e-324, repr)
@example(1.7976931348623157e308, repr)
@example(0.1 + 0.2, repr)
def test_shortened_float_keeps_its_bits(value: float, spelling) -> None:
    literal = spelling(value)
    if "e" not in literal and "." not in literal:
        literal += "."  # "{:.3g}" may print an integer
    assert_same_literal(literal)


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0, allow_nan=False, allow_infinity=False))
def test_shortened_imaginary_keeps_its_bits(value: float) -> None:
    assert_same_literal(f"{value!r}j")


INT_SPELLINGS = [str, hex, oct, bin, "{:_}".format, "{:#_x}".format]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2**200), st.sampled_from(INT_SPELLINGS))
def test_shortened_int_keeps_its_value(value: int, spelling) -> None:
    literal = spelling(value)
    assert_same_literal(literal)
    assert ast.literal_eval(shortened_literal(literal)) == value


@settings(max_examples=300, deadline=None)
@given(st.text())
@example("it's \"quoted\" \\ and \n new\tlines \x00 7 é 😀 \u2028 \r")
@example("''''\"\"\"\"\n\n\n\n\n\n''")
def test_shortened_string_keeps_its_text(value: str) -> None:
    assert_same_literal(repr(value))
    assert_same_literal("u" + repr(value))


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_shortened_bytes_keep_their_bytes(value: bytes) -> None:
    assert_same_literal(repr(value))


def test_shorten_literals_does_not_fold_arithmetic() -> None:
    after = apply_all(ShortenLiterals(), "x = 1 - 0.85\ny = 0.5 * 2.0\n")
    assert after == "x = 1 - .85\ny = .5 * 2.\n"
    assert ast.dump(ast.parse(after)) == ast.dump(ast.parse("x = 1 - 0.85\ny = 0.5 * 2.0\n"))


def test_shorten_literals_keeps_the_reference_ast() -> None:
    # microgpt has no field-less f-strings, so every change must be invisible to ``ast``.
    source = REFERENCE.read_text()
    after = apply_all(ShortenLiterals(), source)
    assert len(after) < len(source)
    assert ast.dump(ast.parse(after)) == ast.dump(ast.parse(source))


# --- compact_imports --------------------------------------------------------

IMPORT_PAIRS = [
    ("import os\nimport math\n", "import os,math\n"),
    ("import os\nimport math\nimport random\n", "import os,math,random\n"),
    ("import os\n# why\nimport math  # note\n", "import os,math\n"),
    ("import a.b\nimport c\n", "import a.b,c\n"),
    ("import a as b\nimport c as d\n", "import a as b,c as d\n"),
    ("import os; import sys; x = 1\n", "import os,sys; x = 1\n"),
    ("import os\nx = 1\nimport sys\n", "import os\nx = 1\nimport sys\n"),
    ("from m import a\nfrom m import b\n", "from m import a,b\n"),
    ("from m import (a,\n   b)\nfrom m import c\n", "from m import (a,b,c)\n"),
    ("from m import a\nfrom n import b\n", "from m import a\nfrom n import b\n"),
    ("from .m import a\nfrom m import b\n", "from .m import a\nfrom m import b\n"),
    ("from m import *\nfrom m import b\n", "from m import *\nfrom m import b\n"),
    ("import m\nfrom m import b\n", "import m\nfrom m import b\n"),
    ("if x:\n    import a\n    import b\n", "if x:\n    import a,b\n"),
    ("if x: import a; import b\n", "if x: import a,b\n"),
    ("import a\nimport b; x = 1\n", "import a\nimport b; x = 1\n"),
]


@pytest.mark.parametrize(("before", "after"), IMPORT_PAIRS)
def test_compact_imports_pairs(before: str, after: str) -> None:
    assert apply_all(CompactImports(), before) == after


def test_compact_imports_any_subset_of_a_run() -> None:
    source = "import os\nimport sys\nimport math\nimport json\n"
    module = cst.parse_module(source)
    assert CompactImports().count_sites(module) == 3
    assert CompactImports().apply(module, [1]).code == "import os\nimport sys,math\nimport json\n"
    assert CompactImports().apply(module, [0, 2]).code == "import os,sys\nimport math,json\n"


def test_compact_imports_keeps_import_order_and_effects() -> None:
    source = dedent("""
        import sys
        import os.path
        from os import sep
        from os import getcwd as here
        print(sorted(k for k in ("sys", "os", "sep", "here") if k in globals()))
        print(callable(here), sep == os.sep)
        """)
    after = apply_all(CompactImports(), source)
    assert after.count("import") < source.count("import")
    assert run_program(after) == run_program(source)


# --- alias_names ------------------------------------------------------------

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


@pytest.mark.parametrize(("before", "after"), ALIAS_PAIRS)
def test_alias_names_pairs(before: str, after: str) -> None:
    assert apply_all(AliasNames(), before) == after


def test_alias_names_avoid_every_name_in_the_program() -> None:
    source = "a = b = 1\ndef c(d): return d.e\nprint(range(a), range(b), range(c), range(4))\n"
    after = apply_all(AliasNames(), source)
    assert after.startswith("f=range\n")


def test_alias_names_pays_only_where_it_saves() -> None:
    # Four uses of "print" save 4*4 characters; "p=print\n" costs 8: it pays.
    pays = "print(1)\nprint(2)\nprint(3)\nprint(4)\n"
    assert len(apply_all(AliasNames(), pays)) < len(pays)
    # Two uses of "print" save 8 characters, as much as the definition costs.
    breaks_even = "print(1)\nprint(2)\n"
    assert apply_all(AliasNames(), breaks_even) == breaks_even


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
    after = apply_all(AliasNames(), source)
    assert len(after) < len(source)
    assert run_program(after) == run_program(source)


# --- convert_def_to_lambda --------------------------------------------------

LAMBDA_PAIRS = [
    ("def f(a, b=1):\n    return a + b\n", "f=lambda a,b=1:a + b\n"),
    ("def f(): return 1\n", "f=lambda:1\n"),
    ("def f(x): return\n", "f=lambda x:None\n"),
    ("def f(a, b):\n    return a, b\n", "f=lambda a,b:(a, b)\n"),
    ("def f(*a, k=2, **kw): return a\n", "f=lambda *a,k=2,**kw:a\n"),
    ("def f(a, /, b, *, c):\n    return c\n", "f=lambda a,/,b,*,c:c\n"),
    (
        "def f(\n    a,\n    b=(1,\n       2),\n):\n    return a\n",
        "f=lambda a,b=(1,\n       2):a\n",
    ),
    (
        "class V:\n    # relu\n    def relu(self):\n        return max(0, self.x)\n",
        "class V:\n    # relu\n    relu=lambda self:max(0, self.x)\n",
    ),
    ("def f(x):\n    return lambda y: x + y\n", "f=lambda x:lambda y: x + y\n"),
    # Left alone: decorators, annotations, async, generators, docstrings, two statements.
    ("@d\ndef f(x): return x\n", "@d\ndef f(x): return x\n"),
    ("def f(x: int): return x\n", "def f(x: int): return x\n"),
    ("def f(x) -> int: return x\n", "def f(x) -> int: return x\n"),
    ("async def f(x): return x\n", "async def f(x): return x\n"),
    ("def f(x): return (yield x)\n", "def f(x): return (yield x)\n"),
    ('def f(x):\n    """Doc."""\n    return x\n', 'def f(x):\n    """Doc."""\n    return x\n'),
    ("def f(x):\n    x += 1\n    return x\n", "def f(x):\n    x += 1\n    return x\n"),
    # Left alone: functions whose identity is read, or that need the __class__ cell.
    ("def f(x): return x\nprint(f.__name__)\n", "def f(x): return x\nprint(f.__name__)\n"),
    (
        "class A(B):\n    def f(self): return super().f()\nprint(A.f.__qualname__)\n",
        "class A(B):\n    def f(self): return super().f()\nprint(A.f.__qualname__)\n",
    ),
    (
        "class A:\n    def f(self): return __class__\n",
        "class A:\n    def f(self): return __class__\n",
    ),
]


@pytest.mark.parametrize(("before", "after"), LAMBDA_PAIRS)
def test_convert_def_to_lambda_pairs(before: str, after: str) -> None:
    assert apply_all(ConvertDefToLambda(), before) == after


def test_convert_def_to_lambda_programs_print_the_same() -> None:
    source = dedent("""
        counter = [0]
        def default():
            counter[0] += 1
            return counter[0]
        def scaled(x, factor=default(), *rest, power=2, **options):
            return (x * factor) ** power, rest, sorted(options)
        def pair(a, b):
            return a, b
        def fact(n): return n < 2 or n * fact(n - 1)
        class Value:
            def __init__(self, data):
                self.data = data
            def __add__(self, other):
                return Value(self.data + other.data)
            def __neg__(self):
                return Value(-self.data)
            def __repr__(self):
                return f"Value({self.data})"
            def twice(self):
                return self + self
        print(scaled(3), scaled(1, 2, 3, 4, power=3, z=1, a=2), counter)
        print(pair(1, 2), fact(10), Value(2).twice(), -Value(5))
        """)
    after = apply_all(ConvertDefToLambda(), source)
    assert "lambda" in after and after.count("def ") == 2  # default and __init__ stay
    assert run_program(after) == run_program(source)


# --- all four: any single site, and the reference ---------------------------

SITE_PROGRAM = dedent('''
    """Exercise every transform at once."""
    import math
    import random
    random.seed(1)
    def square(x): return x * x
    def mean(values):
        return sum(values) / len(values)
    values = [random.gauss(0.0, 1.0) for _ in range(len("abcdef"))]
    print(f"mean", mean(values), square(0.5), math.exp(0.25), math.exp(1.0), math.exp(2.0))
    print(len(values), len(values[:2]), len(values[:3]), 0x10, 1000000.0, """done""")
    ''')


@pytest.mark.parametrize("transform", ALL_TRANSFORMS, ids=lambda t: t.name)
def test_each_single_site_keeps_the_output(transform: Transform) -> None:
    module = cst.parse_module(SITE_PROGRAM)
    expected = run_program(SITE_PROGRAM)
    count = transform.count_sites(module)
    assert count > 0
    for site in range(count):
        candidate = transform.apply(module, [site]).code
        assert len(candidate) < len(SITE_PROGRAM)
        assert run_program(candidate) == expected


@pytest.mark.parametrize("transform", ALL_TRANSFORMS, ids=lambda t: t.name)
def test_reference_shrinks_and_still_compiles(transform: Transform) -> None:
    source = REFERENCE.read_text()
    after = apply_all(transform, source)
    assert len(after) < len(source)
    compile(after, "microgpt.py", "exec")


def test_alias_names_never_reuse_a_program_name_on_the_reference() -> None:
    source = REFERENCE.read_text()
    before_names = {name.value for name in m.findall(cst.parse_module(source), m.Name())}
    after = cst.parse_module(apply_all(AliasNames(), source))
    aliases = [
        line.body[0].targets[0].target.value
        for line in after.body
        if m.matches(line, m.SimpleStatementLine([m.Assign([m.AssignTarget(m.Name())])]))
        and line.body[0].targets[0].target.value not in before_names
    ]
    assert aliases
    assert not any(keyword.iskeyword(alias) for alias in aliases)
    assert len(set(aliases)) == len(aliases)
