"""Tests of the renaming transforms: exact rewrites, refusals, and kept behaviour.

Most tests run a small program before and after renaming and compare what it
prints (and which exception, if any, ends it), since a renaming that parses but
changes behaviour is the failure that matters.
"""

from __future__ import annotations

import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generated_programs import programs
from transform_check import apply_sites, assert_transform, dedent, run_program
from minimizer.analysis.naming import analyze
from minimizer.analysis.refusal import reaches_names_dynamically
from minimizer.transforms.base import Transform
from minimizer.transforms.rename_attributes import RenameAttributes
from minimizer.transforms.rename_globals import RenameGlobals
from minimizer.transforms.rename_locals import RenameLocals

TRANSFORMS: list[type[Transform]] = [RenameLocals, RenameGlobals, RenameAttributes]


# -- exact rewrites -------------------------------------------------------------------

PAIRS = [
    pytest.param(
        RenameLocals,
        """
        def f(alpha, beta):
            gamma = alpha + beta
            return gamma
        print(f(1, 2))
        """,
        """
        def f(a, b):
            c = a + b
            return c
        print(f(1, 2))
        """,
        id="locals-and-parameters",
    ),
    pytest.param(
        RenameLocals,
        """
        def f(alpha):
            return alpha
        def g(beta):
            return beta
        print(f(alpha=1), g(2))
        """,
        """
        def f(a):
            return a
        def g(a):
            return a
        print(f(a=1), g(2))
        """,
        id="keyword-call-site-and-reuse-across-functions",
    ),
    pytest.param(
        RenameLocals,
        """
        def outer():
            total = 0
            def inner():
                nonlocal total
                total += 1
            inner()
            return total
        print(outer())
        """,
        """
        def outer():
            a = 0
            def b():
                nonlocal a
                a += 1
            b()
            return a
        print(outer())
        """,
        id="nonlocal",
    ),
    pytest.param(
        RenameLocals,
        """
        rows = [[1, 2], [3]]
        print([cell for row in rows for cell in row])
        """,
        """
        rows = [[1, 2], [3]]
        print([a for b in rows for a in b])
        """,
        id="comprehension-with-two-fors",
    ),
    pytest.param(
        RenameGlobals,
        """
        counter = 0
        def bump():
            global counter
            counter += 1
        bump()
        print(counter)
        """,
        """
        a = 0
        def b():
            global a
            a += 1
        b()
        print(a)
        """,
        id="global-declaration",
    ),
    pytest.param(
        RenameGlobals,
        """
        import math
        radius = 2
        print(f"{math.pi * radius:.3f}", f"{radius=}")
        """,
        """
        import math
        radius = 2
        print(f"{math.pi * radius:.3f}", f"{radius=}")
        """,
        id="debug-f-string-keeps-name",
    ),
    pytest.param(
        RenameAttributes,
        """
        class Box:
            __slots__ = ('content',)
            def __init__(self, content):
                self.content = content
            def show(self):
                print(self.content)
        Box(3).show()
        """,
        """
        class Box:
            __slots__ = ('a',)
            def __init__(self, content):
                self.a = content
            def b(self):
                print(self.a)
        Box(3).b()
        """,
        id="slots-and-methods",
    ),
    pytest.param(
        RenameAttributes,
        """
        import math
        class Number:
            def log(self):
                return math.log(2)
            def append(self):
                return 1
        print(Number().log(), Number().append())
        """,
        """
        import math
        class Number:
            def a(self):
                return math.log(2)
            def append(self):
                return 1
        print(Number().a(), Number().append())
        """,
        id="module-attribute-and-builtin-method-names-kept",
    ),
]


@pytest.mark.parametrize(("transform", "before", "after"), PAIRS)
def test_rewrites(transform: type[Transform], before: str, after: str) -> None:
    assert_transform(transform(), before, after)


# -- refusals -------------------------------------------------------------------------

REFUSED = {
    "exec": "value = 1\nexec('print(value)')\n",
    "eval": "value = 1\nprint(eval('value'))\n",
    "globals": "value = 1\nprint(globals()['value'])\n",
    "locals": "def f(value):\n    return locals()['value']\nprint(f(1))\n",
    "getattr": "class C:\n    value = 1\nname = 'val' + 'ue'\nprint(getattr(C, name))\n",
    "setattr": "class C:\n    value = 1\nsetattr(C, 'val' + 'ue', 2)\nprint(C.value)\n",
    "hasattr": "class C:\n    value = 1\nprint(hasattr(C, 'val' + 'ue'))\n",
    "delattr": "class C:\n    value = 1\ndelattr(C, 'val' + 'ue')\nprint(hasattr(C, 'value'))\n",
    "__import__": "math_module = __import__('math')\nprint(math_module.pi)\n",
    "import-star": "from math import *\nradius = 2\nprint(pi * radius)\n",
}


@pytest.mark.parametrize("code", REFUSED.values(), ids=REFUSED.keys())
def test_refusals_are_reported_and_kept_working(code: str) -> None:
    assert reaches_names_dynamically(cst.parse_module(code)) is not None
    for transform in TRANSFORMS:
        assert transform().count_sites(cst.parse_module(code)) == 0
        assert run_program(apply_sites(transform(), code)) == run_program(code)


def test_literal_getattr_is_not_a_refusal_but_pins_the_attribute() -> None:
    code = "class C:\n    value = 1\n    other = 2\nprint(getattr(C, 'value'), C.other)\n"
    assert reaches_names_dynamically(cst.parse_module(code)) is None
    renamed = apply_sites(RenameAttributes(), code)
    assert "C.other" not in renamed and "value = 1" in renamed
    assert run_program(renamed) == run_program(code)


def test_shadowed_eval_is_not_a_refusal() -> None:
    code = "def eval(text):\n    return text\nprint(eval('x'))\n"
    assert reaches_names_dynamically(cst.parse_module(code)) is None


# -- behaviour kept on tricky programs ---------------------------------------------------

TRICKY = {
    "slots": """
        class Point:
            __slots__ = ('xpos', 'ypos')
            def __init__(self, xpos, ypos):
                self.xpos, self.ypos = xpos, ypos
            def norm(self):
                return self.xpos ** 2 + self.ypos ** 2
        point = Point(3, 4)
        print(point.norm(), point.xpos)
        """,
    "keyword-arguments": """
        def area(width, height=2, *, scale=1):
            return width * height * scale
        def apply(function, **options):
            return function(3, **options)
        print(area(width=2, height=5), area(1, scale=3), apply(area, height=4))
        """,
    "unknown-callee-keyword": """
        def first(value):
            return value
        alias = first
        print(alias(value=3))
        """,
    "f-strings": """
        amount = 3
        def describe(label, amount):
            return f"{label}: {amount:>4} {amount=} {label!r}"
        print(describe('apples', amount), f"{amount * 2}")
        """,
    "class-attributes": """
        class Counter:
            step = 2
            doubled = step * 2
            def __init__(self):
                self.count = 0
            def advance(self):
                self.count += self.step + self.doubled
                return self
        print(Counter().advance().advance().count, Counter.step)
        """,
    "comprehension-scopes": """
        base = 10
        values = [base + item for item in range(3)]
        table = {key: [key * other for other in values] for key in range(2)}
        pairs = [(left, right) for left in range(3) for right in range(left)]
        class Holder:
            scale = 5
            scaled = [base * k for k in range(2)]
        print(values, table, pairs, Holder.scaled, sum(item for item in values))
        """,
    "walrus": """
        def run_program(data):
            if (size := len(data)) > 2:
                print(size)
            total = [last := item * 2 for item in data]
            return total, last
        print(run_program([1, 2, 3]))
        """,
    "nonlocal": """
        def make():
            calls = 0
            def tick():
                nonlocal calls
                calls += 1
                return calls
            return tick
        ticker = make()
        ticker()
        print(ticker())
        """,
    "global": """
        total = 1
        def grow(amount):
            global total
            total = total * amount
        grow(3)
        grow(amount=2)
        print(total)
        """,
    "name-mangling": """
        class Secret:
            def __init__(self):
                self.__hidden = 3
                self._visible = 4
            def __peek(self):
                return self.__hidden
            def reveal(self):
                return self.__peek() + self._visible
        print(Secret().reveal(), Secret()._Secret__hidden)
        """,
    "default-arguments": """
        limit = 3
        def clip(value, limit=limit, extra=[]):
            extra.append(value)
            return min(value, limit), len(extra)
        limit = 100
        print(clip(5), clip(1), clip(value=7, limit=6))
        """,
    "shadowed-builtin": """
        def total(list):
            sum = 0
            for len in list:
                sum += len
            return sum
        max = lambda values: values[0]
        print(total([1, 2, 3]), max([9, 1]), len([1]))
        """,
    "lambda": """
        offset = 4
        shift = lambda number, by=offset: number + by
        compose = lambda first: lambda second: first(second) * 2
        print(shift(1), shift(1, by=2), compose(shift)(3))
        """,
    "class-name-shown": """
        class Thing:
            pass
        class Failure(Exception):
            pass
        try:
            raise Failure('oops')
        except Failure as error:
            print(repr(error), Thing, [Thing])
        """,
    "exports": """
        __all__ = ['public']
        public = 1
        private = 2
        print(public + private)
        """,
    "namedtuple-fields": """
        from collections import namedtuple
        Pair = namedtuple('Pair', 'left right')
        def swap(pair):
            return Pair(left=pair.right, right=pair.left)
        print(swap(Pair(1, 2)))
        """,
}


@pytest.mark.parametrize("transform", TRANSFORMS, ids=lambda t: t.name)
@pytest.mark.parametrize("code", TRICKY.values(), ids=TRICKY.keys())
def test_tricky_programs_keep_working(transform: type[Transform], code: str) -> None:
    code = dedent(code)
    expected = run_program(code)
    assert expected[1] is None, "the test program itself must run"
    assert run_program(apply_sites(transform(), code)) == expected


def test_tricky_programs_keep_working_chained() -> None:
    for code in map(dedent, TRICKY.values()):
        renamed = code
        for transform in TRANSFORMS:
            renamed = apply_sites(transform(), renamed)
        assert run_program(renamed) == run_program(code), code


def test_spelled_names_are_pinned() -> None:
    analysis = analyze(cst.parse_module(dedent(TRICKY["f-strings"])))
    pinned = {symbol.name for symbol in analysis.variables if symbol.pinned}
    assert "amount" in pinned and "label" not in pinned
    analysis = analyze(cst.parse_module(dedent(TRICKY["name-mangling"])))
    renamable = {symbol.name for symbol in analysis.attributes if not symbol.pinned}
    assert renamable == {"_visible", "reveal"}


def test_most_spelled_symbol_gets_the_shortest_name() -> None:
    code = "rare = 1\noften = 2\nprint(often + often + often + rare)\n"
    assert apply_sites(RenameGlobals(), code) == "b = 1\na = 2\nprint(a + a + a + b)\n"


def test_new_names_avoid_every_existing_spelling() -> None:
    code = "def f(long_name):\n    a = 1\n    return long_name + a + b\nb = 2\nprint(f(3))\n"
    renamed = apply_sites(RenameLocals(), code)
    assert "def f(c):" in renamed
    assert run_program(renamed) == run_program(code)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_subset_of_sites_keeps_behaviour(data: st.DataObject) -> None:
    code = dedent(data.draw(st.sampled_from(list(TRICKY.values()))))
    transform = data.draw(st.sampled_from(TRANSFORMS))()
    module = cst.parse_module(code)
    sites = data.draw(st.sets(st.integers(0, max(transform.count_sites(module) - 1, 0))))
    assert run_program(transform.apply(module, sites).code) == run_program(code)


# -- generated programs ---------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs(), st.sampled_from(TRANSFORMS))
def test_renaming_keeps_what_generated_programs_print(
    code: str, transform: type[Transform]
) -> None:
    try:
        compile(code, "<program>", "exec")
    except SyntaxError:
        return  # e.g. a global declared after use: not a program to rename
    assert run_program(apply_sites(transform(), code)) == run_program(code)


# -- renamed where the analysis proves it (issue 12) ------------------------------------

PROVEN = [
    pytest.param(
        RenameLocals,
        """
        def f(items):
            if (size := len(items)) > 1:
                return [last := value * 2 for value in items], last, size
        print(f([1, 2]))
        """,
        """
        def f(a):
            if (b := len(a)) > 1:
                return [c := d * 2 for d in a], c, b
        print(f([1, 2]))
        """,
        id="walrus-in-and-out-of-a-comprehension-binds-in-the-function",
    ),
    pytest.param(
        RenameLocals,
        """
        def f(rows):
            grid = [[(inner := cell) for cell in row] + [inner] for row in rows]
            return grid, inner
        print(f([[1, 2], [3]]))
        """,
        """
        def f(b):
            c = [[(a := d) for d in e] + [a] for e in b]
            return c, a
        print(f([[1, 2], [3]]))
        """,
        id="walrus-in-a-nested-comprehension",
    ),
    pytest.param(
        RenameGlobals,
        """
        squares = [(peak := number * number) for number in range(4)]
        print(squares, peak)
        """,
        """
        a = [(b := number * number) for number in range(4)]
        print(a, b)
        """,
        id="walrus-in-a-module-level-comprehension-is-a-global",
    ),
    pytest.param(
        RenameLocals,
        """
        def make():
            count = 0
            def tick():
                nonlocal count
                count += 1
                return [latest := count * 2 for _ in 'x'], latest
            return tick
        print(make()())
        """,
        """
        def make():
            a = 0
            def b():
                nonlocal a
                a += 1
                return [c := a * 2 for _ in 'x'], c
            return b
        print(make()())
        """,
        id="walrus-in-a-scope-with-nonlocal",
    ),
    pytest.param(
        RenameGlobals,
        """
        class Shape:
            sides = 0
        class Square(Shape):
            sides = 4
        print(Square.sides, Shape.sides, isinstance(Square(), Shape))
        """,
        """
        class a:
            sides = 0
        class b(a):
            sides = 4
        print(b.sides, a.sides, isinstance(b(), a))
        """,
        id="class-names-read-through-attributes-and-own-bases",
    ),
    pytest.param(
        RenameGlobals,
        """
        class Level:
            LOW = 1
            def __init__(self):
                self.low = self.__class__.LOW
        class Loud(Level):
            def __init__(self, other: Level | None = None):
                super(Loud, self).__init__()
        print(type(Loud()) is Loud, type(Level()) in (Level, Loud), Loud().low)
        """,
        """
        class b:
            LOW = 1
            def __init__(self):
                self.low = self.__class__.LOW
        class a(b):
            def __init__(self, other: b | None = None):
                super(a, self).__init__()
        print(type(a()) is a, type(b()) in (b, a), a().low)
        """,
        id="class-names-compared-through-type-super-and-annotations",
    ),
    pytest.param(
        RenameAttributes,
        """
        class Tally:
            offset = 3
            def total(self, extra):
                return self.offset + extra
        print(Tally().total(1), Tally.offset)
        """,
        """
        class Tally:
            a = 3
            def b(self, extra):
                return self.a + extra
        print(Tally().b(1), Tally.a)
        """,
        id="class-attributes-not-reached-by-strings",
    ),
    pytest.param(
        RenameLocals,
        """
        def f(first, /, *, scale):
            return first * scale, 'first'
        def g(other, *, scale=2):
            return other + scale
        print(f(2, scale=3), g(1), g(1, scale=5))
        """,
        """
        def f(b, /, *, a):
            return b * a, 'first'
        def g(b, *, a=2):
            return b + a
        print(f(2, a=3), g(1), g(1, a=5))
        """,
        id="positional-only-and-keyword-only-parameters-at-resolved-calls",
    ),
]


@pytest.mark.parametrize(("transform", "before", "after"), PROVEN)
def test_renamed_where_proven(transform: type[Transform], before: str, after: str) -> None:
    assert_transform(transform(), before, after)


KEPT = {
    "walrus-in-comprehension-under-global": (
        "peak",
        """
        peak = 0
        def f(items):
            global peak
            return [peak := item for item in items]
        print(f([1, 2]), peak)
        """,
    ),
    "exception-class-shown-by-repr": (
        "Failure",
        """
        class Failure(Exception):
            pass
        print(repr(Failure('x')))
        """,
    ),
    "class-derived-from-an-exception-class": (
        "Oops",
        """
        class Base(ValueError):
            pass
        class Oops(Base):
            pass
        print([Oops(1)])
        """,
    ),
    "class-names-shown-by-mro": (
        "Shape",
        """
        class Shape:
            pass
        class Square(Shape):
            pass
        print(Square.__mro__)
        """,
    ),
    "class-printed-as-a-value": ("Shape", "class Shape:\n    pass\nprint(Shape)\n"),
    "class-shown-by-type": ("Shape", "class Shape:\n    pass\nprint(type(Shape()))\n"),
    "class-shown-by-__class__": ("Shape", "class Shape:\n    pass\nprint([Shape().__class__])\n"),
    "annotation-read-back-by-get-type-hints": (
        "Shape",
        """
        from typing import get_type_hints
        class Shape:
            pass
        def f(s: Shape):
            return s
        print(get_type_hints(f))
        """,
    ),
    "keyword-only-through-an-unknown-callee": (
        "scale",
        """
        def f(a, *, scale):
            return a * scale
        g = f
        print(g(2, scale=3))
        """,
    ),
    "keyword-only-under-an-unknown-double-star": (
        "scale",
        """
        def f(a, *, scale):
            return a * scale
        def h(c, **d):
            return c(2, **d)
        print(h(f, scale=3))
        """,
    ),
    "keyword-only-of-a-decorated-function": (
        "scale",
        """
        import functools
        @functools.lru_cache
        def f(a, *, scale):
            return a * scale
        print(f(2, scale=3))
        """,
    ),
}


@pytest.mark.parametrize(("name", "code"), KEPT.values(), ids=KEPT.keys())
def test_names_the_analysis_cannot_prove_keep_their_spelling(name: str, code: str) -> None:
    code = dedent(code)
    renamed = code
    for transform in TRANSFORMS:
        renamed = apply_sites(transform(), renamed)
    assert name in renamed
    assert run_program(renamed) == run_program(code)


ONLY_CALLED = dedent("""
    import functools
    def scaled(value, *, factor):
        return value * factor
    def shifted(value, *, offset):
        return value + offset
    def call(function, **options):
        return function(1, **options)
    print(scaled(2, factor=3), call(shifted, offset=4), functools.partial(shifted, offset=5)(1))
    print(dict(factor=6, offset=7), 'factor offset')
    """)


def test_a_function_only_called_by_name_is_out_of_reach_of_unknown_calls() -> None:
    # function(1, **options) and partial(..., offset=5) may reach shifted, which escapes
    # into call() and partial(); scaled is only ever called by its name.
    renamed = apply_sites(RenameLocals(), ONLY_CALLED)
    assert "factor=3" not in renamed and "offset=4" in renamed and "*, offset)" in renamed
    assert run_program(renamed) == run_program(ONLY_CALLED)
    escaped = ONLY_CALLED.replace("print(dict(", "handler = scaled\nprint(dict(")
    assert "factor=3" in apply_sites(RenameLocals(), escaped)
