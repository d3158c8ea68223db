"""New names: what a program binds and spells, which short names are free, and the plan.

Renaming is the largest single saving, and also the easiest way to break a
program silently: a name reached as a string, a keyword argument, a name-mangled
``__x`` or an ``{x=}`` f-string all tie the *spelling* of a name to behaviour.
:func:`analyze` gathers, once per module, the symbols the scope and attribute
analyses found and whether the program refuses renaming; :func:`plan_renames`
then gives the most-spelled symbols the shortest names, once per module, so
that any subset of the plan can be applied without collisions.
"""

from __future__ import annotations

import builtins
import itertools
import keyword
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import libcst as cst
import libcst.matchers as m

from minimizer.analysis.attributes import Attributes
from minimizer.analysis.index import literal_words, module_index
from minimizer.analysis.pin_notes import literal_pin_notes
from minimizer.analysis.reach import RefusalNote, line_of, pin_reached, scoped_reaches
from minimizer.analysis.refusal import refusing_node
from minimizer.analysis.resolution import fact_of, wrapper_for
from minimizer.analysis.scopes import Variables
from minimizer.analysis.symbols import Symbol

#: Names a new name must never be: it would shadow or clash with the language itself.
FORBIDDEN_NEW_NAMES = (
    frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | frozenset(dir(builtins))
)

_FIRST_CHARACTERS = string.ascii_lowercase + string.ascii_uppercase + "_"
_LATER_CHARACTERS = _FIRST_CHARACTERS + string.digits


def short_names() -> Iterator[str]:
    """Every identifier spelling, shortest first: a..z, A..Z, _, then two characters."""
    yield from _FIRST_CHARACTERS
    for length in itertools.count(2):
        for rest in itertools.product(_LATER_CHARACTERS, repeat=length - 1):
            for first in _FIRST_CHARACTERS:
                yield first + "".join(rest)


def variable_spellings(node: cst.CSTNode) -> frozenset[str]:
    """Every spelling under ``node`` that a variable could collide with: names, except
    those that only follow a dot (attributes live in their own namespace), and the
    words of string literals (names reached as strings)."""
    if isinstance(node, cst.Module):  # asked by several transforms: derived once per module
        return fact_of(node, variable_spellings, _variable_spellings)
    return _variable_spellings(node)


class _Spellings(cst.CSTVisitor):
    """One walk for :func:`variable_spellings` (three ``findall`` walks cost three times)."""

    def __init__(self) -> None:
        super().__init__()
        self.attribute_names: set[int] = set()
        self.names: list[cst.Name] = []
        self.words: set[str] = set()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.attribute_names.add(id(node.attr))

    def visit_Name(self, node: cst.Name) -> None:
        self.names.append(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.words.update(literal_words(node))


def _variable_spellings(node: cst.CSTNode) -> frozenset[str]:
    found = _Spellings()
    node.visit(found)
    names = {name.value for name in found.names if id(name) not in found.attribute_names}
    return frozenset(names | found.words)


@dataclass
class NameAnalysis:
    """Everything the renaming transforms need to know about one module.

    ``module`` is the copy the metadata was computed on; the nodes of every
    symbol belong to it, so renamings must be applied to it.
    """

    module: cst.Module
    refusal: str | None
    #: Every construct that pinned names or refused renaming, for the report.
    refusals: list[RefusalNote]
    variables: list[Symbol]
    attributes: list[Symbol]
    #: Every spelling the program already uses, so that a new name cannot meet one.
    taken_spellings: frozenset[str]
    #: Source order of every Name and string node, to number sites deterministically.
    order: dict[int, int]

    def first_seen(self, symbol: Symbol) -> int:
        return min(self.order.get(id(node), len(self.order)) for node in symbol.nodes)


def analyze(module: cst.Module) -> NameAnalysis:
    """Bindings, references and refusals of ``module`` (see :class:`NameAnalysis`), derived
    once per module and shared by the renaming transforms (``analysis.resolution``)."""
    return fact_of(wrapper_for(module).module, analyze, _analyze)


def _analyze(module: cst.Module) -> NameAnalysis:
    index = module_index(module)
    spelled = {name.value for name in index.find(m.Name())}
    nodes = index.find(m.Name() | m.SimpleString())
    reaches = scoped_reaches(index)
    refused = refusing_node(index, frozenset(id(reach.call.func) for reach in reaches))
    scoped = Variables(index)
    variables = scoped.symbols()
    attributes = Attributes(index).symbols()
    if refused is None:
        notes = pin_reached(index, variables + attributes, reaches)
        notes += literal_pin_notes(index, variables + attributes, scoped.unknown_keywords)
        notes.sort(key=lambda note: note.line)
    else:
        notes = [RefusalNote(line_of(index, refused[1]), refused[0], "every name")]
    return NameAnalysis(
        module=index.module,
        refusal=None if refused is None else refused[0],
        refusals=notes,
        variables=variables,
        attributes=attributes,
        taken_spellings=frozenset(spelled | index.literal_words),
        order={id(node): position for position, node in enumerate(nodes)},
    )


@dataclass
class RenamePlan:
    """New names for the symbols of one module, numbered as sites in source order."""

    module: cst.Module
    sites: list[tuple[Symbol, str]]


def plan_renames(
    analysis: NameAnalysis,
    symbols: list[Symbol],
    meet: Callable[[Symbol, Symbol], bool],
    forbidden: frozenset[str] = FORBIDDEN_NEW_NAMES,
    taken_for: Callable[[Symbol], frozenset[str]] | None = None,
) -> RenamePlan:
    """Give the most-spelled symbols the shortest names that meet nothing they could see.

    A new name is never a keyword, a builtin, or any spelling the module already
    uses, so every subset of the plan can be applied; two planned symbols share a
    name only when ``meet`` says their scopes do not meet.
    """
    if taken_for is None:
        taken_for = lambda symbol: analysis.taken_spellings  # noqa: E731
    candidates = [symbol for symbol in symbols if symbol.pinned is None and symbol.nodes]
    candidates.sort(key=lambda symbol: (-len(symbol.nodes), analysis.first_seen(symbol)))
    holders: dict[str, list[Symbol]] = {}
    planned: list[tuple[Symbol, str]] = []
    for symbol in candidates:
        for new_name in short_names():
            if len(new_name) >= len(symbol.name):
                break
            if (
                new_name in forbidden
                or new_name in taken_for(symbol)
                or any(meet(symbol, other) for other in holders.get(new_name, ()))
            ):
                continue
            holders.setdefault(new_name, []).append(symbol)
            planned.append((symbol, new_name))
            break
    planned.sort(key=lambda pair: analysis.first_seen(pair[0]))
    return RenamePlan(analysis.module, planned)
