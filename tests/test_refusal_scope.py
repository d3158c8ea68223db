"""Refusal at the narrowest scope: a dataclass or namedtuple pins the names it reaches,
not every name of the module; constructs that can reach any name still refuse."""

from __future__ import annotations

import libcst as cst
import pytest
from transform_check import apply_sites, dedent, run_program

from minimizer.analysis.refusal import reaches_names_dynamically
from minimizer.transforms.base import Transform
from minimizer.transforms.rename_attributes import RenameAttributes
from minimizer.transforms.rename_globals import RenameGlobals
from minimizer.transforms.rename_locals import RenameLocals

DATACLASS_PROGRAM = dedent("""
    from dataclasses import dataclass, field, asdict, fields, replace
    @dataclass
    class Widget:
        width: int
        height: int = 2
        tags: list = field(default_factory=list)
        def area(self):
            scale = 1
            return self.width * self.height * scale
    def build(count):
        widgets = [Widget(width=number) for number in range(count)]
        return widgets
    items = build(3)
    print(items, asdict(items[0]), [f.name for f in fields(Widget)])
    print(replace(items[1], height=5), sum(w.area() for w in items))
    """)

NAMEDTUPLE_PROGRAM = dedent("""
    import collections
    Pair = collections.namedtuple('Pair', ['left', 'right'])
    def combine(count):
        total = Pair(1, 2)
        for step in range(count):
            total = total._replace(left=total.left + step)
        return total
    print(combine(4), combine(2).right, getattr(combine(1), 'left'))
    """)

CHAIN = (RenameGlobals, RenameLocals, RenameAttributes)


def _renamed(code: str) -> str:
    for transform in CHAIN:
        code = apply_sites(transform(), code)
    return code


def test_a_dataclass_pins_its_fields_and_name_not_the_module() -> None:
    assert reaches_names_dynamically(cst.parse_module(DATACLASS_PROGRAM)) is None
    renamed = _renamed(DATACLASS_PROGRAM)
    for kept in ("class Widget", "width: int", "height: int", "tags: list", ".width *"):
        assert kept in renamed
    for gone in ("def build", "widgets", "items", "scale"):
        assert gone not in renamed
    assert run_program(renamed) == run_program(DATACLASS_PROGRAM)


def test_namedtuple_fields_replace_and_literal_getattr_pin_only_those_names() -> None:
    assert reaches_names_dynamically(cst.parse_module(NAMEDTUPLE_PROGRAM)) is None
    renamed = _renamed(NAMEDTUPLE_PROGRAM)
    assert "_replace(left=" in renamed and ".right" in renamed and "'left'" in renamed
    for gone in ("def combine", "total", "step"):
        assert gone not in renamed
    assert run_program(renamed) == run_program(NAMEDTUPLE_PROGRAM)


REFUSED = {
    "inspect": "import inspect\ndef f(value):\n    return value\nprint(inspect.signature(f))\n",
    "pickle": "import pickle\nclass C:\n    pass\nprint(len(pickle.dumps(C())) > 0)\n",
    "eval-in-a-function": "def f():\n    value = 1\n    return eval('value')\nprint(f())\n",
}


@pytest.mark.parametrize("code", REFUSED.values(), ids=REFUSED.keys())
@pytest.mark.parametrize("transform", CHAIN, ids=lambda t: t.name)
def test_constructs_that_reach_any_name_still_refuse(code: str, transform: type[Transform]) -> None:
    assert reaches_names_dynamically(cst.parse_module(code)) is not None
    assert transform().count_sites(cst.parse_module(code)) == 0


SCOPED = dedent("""
    counter = 10
    def lookup(key):
        return eval(key)
    def unrelated(first, second):
        product = first * second
        return product
    def listing():
        shown = 1
        return sorted(name for name in globals() if not name.startswith('_'))
    def own_locals():
        hidden = 2
        return sorted(locals())
    print(lookup('counter'), unrelated(3, 4), listing(), own_locals())
    print(lookup('unrelated(first=2, second=5)'))
    """)


def test_eval_and_globals_pin_what_they_reach_and_no_more() -> None:
    from minimizer.analysis.naming import analyze

    analysis = analyze(cst.parse_module(SCOPED))
    assert analysis.refusal is None
    pinned = {s.name for s in analysis.variables if s.pinned is not None}
    free = {s.name for s in analysis.variables if s.pinned is None}
    # globals (read by globals() and eval), eval's own locals, every parameter (keywords
    # in eval's string), and the locals of the function that calls locals()
    assert {"counter", "lookup", "unrelated", "key", "first", "second", "hidden"} <= pinned
    assert {"product", "shown"} <= free
    assert [(note.construct, note.line) for note in analysis.refusals] == [
        ("eval()", 3),
        ("globals()", 9),
        ("locals()", 12),
    ]
    assert "counter" in analysis.refusals[1].names
    renamed = _renamed(SCOPED)
    assert "product" not in renamed and "shown" not in renamed
    assert run_program(renamed) == run_program(SCOPED)


def test_a_module_wide_refusal_is_noted_with_its_line() -> None:
    from minimizer.analysis.naming import analyze

    analysis = analyze(cst.parse_module("x = 1\nfrom math import *\nprint(x)\n"))
    assert [(note.line, note.pinned) for note in analysis.refusals] == [(2, "every name")]
    assert analysis.refusal is not None


def test_the_report_lists_each_refusal_with_line_construct_and_names() -> None:
    from minimizer.report import renaming_refusals

    notes = renaming_refusals("value = 1\ndef f():\n    return globals()\nprint(f()['value'])\n")
    assert notes == [
        {
            "line": 3,
            "construct": "globals()",
            "pinned": "the module's globals",
            "names": ("f", "value"),
        }
    ]
    assert renaming_refusals("def f(:\n") == []


VARS_AND_DIR = dedent("""
    class Box:
        def __init__(self, content):
            self.content = content
            self.label = 'box'
    def unrelated(first, second):
        product = first * second
        return product
    def own_names(alpha):
        beta = alpha + 1
        return sorted(vars()), sorted(dir())
    box = Box(7)
    print(vars(box), [name for name in dir(box) if not name.startswith('_')])
    print(unrelated(3, 4), own_names(1))
    """)


def test_vars_and_dir_pin_attributes_globals_and_their_own_locals_only() -> None:
    from minimizer.analysis.naming import analyze

    analysis = analyze(cst.parse_module(VARS_AND_DIR))
    assert analysis.refusal is None
    pinned = {s.name for s in analysis.variables + analysis.attributes if s.pinned is not None}
    free = {s.name for s in analysis.variables if s.pinned is None}
    # vars(box)/dir(box): every attribute and (the object could be the module) every global;
    # vars()/dir() in own_names: its own locals, parameters included.
    assert {"content", "label", "Box", "unrelated", "box", "alpha", "beta"} <= pinned
    assert {"first", "second", "product", "self"} <= free
    assert [(note.line, note.construct) for note in analysis.refusals] == [
        (10, "vars()"),
        (10, "dir()"),
        (12, "vars()"),
        (12, "dir()"),
    ]
    renamed = _renamed(VARS_AND_DIR)
    assert "product" not in renamed and "'content'" not in renamed
    assert run_program(renamed) == run_program(VARS_AND_DIR)


LOCALS_SEE_PARAMETERS_AND_FREE_VARIABLES = dedent("""
    def outer(alpha):
        shared = alpha * 2
        def inner(gamma):
            return shared + gamma, sorted(locals())
        return inner(1), sorted(locals())
    print(outer(5))
    """)


def test_locals_pins_its_parameters_and_the_free_variables_it_reads() -> None:
    renamed = _renamed(LOCALS_SEE_PARAMETERS_AND_FREE_VARIABLES)
    for kept in ("alpha", "shared", "gamma", "inner"):
        assert kept in renamed
    assert run_program(renamed) == run_program(LOCALS_SEE_PARAMETERS_AND_FREE_VARIABLES)


THE_PROGRAM_AS_A_MODULE = {
    "import-main": "import __main__\nvalue = 1\nprint(__main__.value)\n",
    "sys-modules": "import sys\nvalue = 1\nprint(sys.modules[__name__].value)\n",
    "vars-passed-around": "look = vars\nclass C:\n    pass\nprint(look(C()))\n",
}


@pytest.mark.parametrize("code", THE_PROGRAM_AS_A_MODULE.values(), ids=THE_PROGRAM_AS_A_MODULE)
def test_the_program_reached_as_a_module_refuses_renaming(code: str) -> None:
    assert reaches_names_dynamically(cst.parse_module(code)) is not None
    assert _renamed(code) == code


def test_string_literals_and_unknown_keywords_are_noted_with_what_they_pinned() -> None:
    from minimizer.report import renaming_refusals

    code = dedent("""
        import collections
        Pair = collections.namedtuple('Pair', ['left', 'right'])
        class Node:
            def __init__(self, weight):
                self.weight = weight
                self.depth = 0
        def make(left, right):
            return Pair(left, right)
        builders = [make]  # make escapes: an unknown call could pass it keywords
        pair = builders[0](1, 2)._replace(left=3)
        print(pair, getattr(Node(4), 'weight'), Node(5).depth)
        """)
    notes = [(n["line"], n["construct"], n["names"]) for n in renaming_refusals(code)]
    # 'left' is pinned (and noted) first as a keyword to _replace, an unknown function
    assert notes == [
        (2, "collections.namedtuple() with 'right'", ("right",)),
        (10, "builders[0](1, 2)._replace(left=...)", ("left",)),
        (11, "getattr() with 'weight'", ("weight",)),
    ]
    renamed = _renamed(code)
    assert ".depth" not in renamed and "def make" not in renamed
    assert run_program(renamed) == run_program(code)
