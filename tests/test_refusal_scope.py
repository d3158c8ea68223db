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
