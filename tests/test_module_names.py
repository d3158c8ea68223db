"""The name map's spellings (``minimizer.analysis.module_names``) from Python's symbol table.

The golfer keeps a golfed name in its name map only while the program still binds it
at module level (or spells it as an attribute). That set was read from libcst's scope
resolution; it is now read from ``symtable``. It must name the same bindings as
libcst's global scope on real programs, and be right where libcst misses a binding.
"""

from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst
import libcst.matchers as m
import pytest
from libcst.metadata import MetadataWrapper, ScopeProvider

from minimizer.analysis.module_names import (
    attribute_spellings,
    module_bindings,
    name_map_spellings,
)

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = sorted(
    [*(ROOT / "corpus" / "programs").glob("*.py"), ROOT / "reference" / "microgpt.py"],
    key=lambda path: path.name,
)


def libcst_spellings(source: str) -> set[str]:
    """The same question answered by libcst's scopes, as the golfer answered it before."""
    wrapper = MetadataWrapper(cst.parse_module(source))
    global_scope = wrapper.resolve(ScopeProvider)[wrapper.module]
    attributes = {f".{node.attr.value}" for node in m.findall(wrapper.module, m.Attribute())}
    bound = {assignment.name for assignment in global_scope.assignments}
    # libcst names ``import a.b`` as "a", "a.b": a dotted name is never a golfed name.
    return {name for name in attributes | bound if "." not in name[1:]}


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda path: path.stem)
def test_the_symbol_table_names_what_libcst_scopes_name(path: Path) -> None:
    source = path.read_text()
    assert name_map_spellings(source) == libcst_spellings(source)


TRICKY = """
import os.path
import json as j
from xml.dom import minidom as md
x: int
for p, (q, *r) in []:
    pass
with open("f") as (s, t):
    pass
try:
    pass
except OSError as u:
    pass
[w := 1 for v in []]
def function(argument):
    global assigned_there, only_read
    assigned_there = argument.field
    local = only_read
    return local
class Klass:
    class_attribute = 1
match 1:
    case [m1, *m2]:
        pass
    case {"k": m3, **m4}:
        pass
lam = lambda inner: inner
gone = 1
del gone
print(undefined)
"""


def test_what_the_module_binds_and_what_it_does_not() -> None:
    bound = module_bindings(TRICKY)
    assert {"os", "j", "md", "x", "p", "q", "r", "s", "t", "u", "function", "Klass"} <= bound
    assert {"lam", "gone", "assigned_there"} <= bound
    # Where libcst's scopes miss a binding: a walrus in a comprehension and match captures.
    assert {"w", "m1", "m2", "m3", "m4"} <= bound
    assert not {"w", "m1"} <= libcst_spellings(TRICKY)
    # Not module bindings: locals, parameters, class attributes, a global only read,
    # comprehension and lambda variables, builtins and unbound names.
    not_bound = {"argument", "local", "class_attribute", "only_read", "v", "inner"}
    assert not_bound.isdisjoint(bound)
    assert {"print", "undefined", "open"}.isdisjoint(bound)


def test_attributes_include_the_parts_of_dotted_imports() -> None:
    spelled = attribute_spellings(ast.parse(TRICKY))
    assert {".path", ".field", ".dom"} <= spelled
    assert ".os" not in spelled and ".json" not in spelled
    assert name_map_spellings(TRICKY) == module_bindings(TRICKY) | spelled
