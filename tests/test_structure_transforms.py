"""merge_dict_stores, alias_imports and drop_trailing_commas: before/after pairs and kept output."""

from __future__ import annotations

import ast

import libcst as cst
import pytest

from generated_programs import run
from minimizer.transforms.alias_imports import AliasImports
from minimizer.transforms.base import Transform
from minimizer.transforms.drop_trailing_commas import DropTrailingCommas
from minimizer.transforms.merge_dict_stores import MergeDictStores


def apply(transform: Transform, source: str, sites: list[int] | None = None) -> str:
    module = cst.parse_module(source)
    chosen = range(transform.count_sites(module)) if sites is None else sites
    return transform.apply(module, chosen).code


PAIRS = [
    (MergeDictStores(), "d={'a':1}\nd['b']=2\nd[3]=4\nprint(d)\n", "d={'a':1, 'b': 2, 3: 4}\nprint(d)\n"),
    (MergeDictStores(), "d={}\nd['b']=[]\nx=1\nd['c']=2\nprint(d,x)\n", "d={'b': []}\nx=1\nd['c']=2\nprint(d,x)\n"),
    (AliasImports(), "import random\nrandom.seed(1)\nrandom.seed(2)\nprint(random.random())\n",
     "import random as a\na.seed(1)\na.seed(2)\nprint(a.random())\n"),
    (DropTrailingCommas(), "d={'a':1,}\nf(1,)\nt=(1,)\n", "d={'a':1}\nf(1)\nt=(1,)\n"),
]  # fmt: skip


@pytest.mark.parametrize(("transform", "before", "after"), PAIRS)
def test_before_after(transform: Transform, before: str, after: str) -> None:
    assert apply(transform, before) == after
    assert run(after) == run(before)


@pytest.mark.parametrize(
    ("transform", "source"),
    [
        (MergeDictStores(), "d={}\nd['x']=len(d)\nprint(d)\n"),  # the value reads the dict
        (MergeDictStores(), "d={}\nk='x'\nd[k]=1\nprint(d)\n"),  # not a literal key, not next
        (AliasImports(), "import os\nprint(os.sep)\n"),  # one use does not pay for ' as a'
        (
            AliasImports(),
            "import random\nexec('print(random.random())')\nrandom.seed(1)\nrandom.seed(2)\n",
        ),
        (
            AliasImports(),
            "import os.path\nos.path.join('a')\nos.path.join('b')\nos.path.join('c')\n",
        ),
    ],
)
def test_leaves_alone(transform: Transform, source: str) -> None:
    assert apply(transform, source) == source


def test_a_store_left_out_ends_its_run_so_insertion_order_is_kept() -> None:
    source = "d={'a':1}\nd['b']=2\nd['c']=3\nprint(list(d))\n"
    assert run(apply(MergeDictStores(), source, [1])) == run(source)
    assert apply(MergeDictStores(), source, [1]) == source


def test_trailing_commas_go_without_changing_the_ast() -> None:
    source = "x=[1,2,]\ns={3,}\ndef g(a,b,):pass\nh=lambda a,:a\nf(*x,)\nt=(1,)\n"
    dropped = apply(DropTrailingCommas(), source)
    assert ",]" not in dropped and ",}" not in dropped and "b,)" not in dropped
    assert ast.dump(ast.parse(dropped)) == ast.dump(ast.parse(source))


def test_a_comprehensions_first_iterable_counts_as_evaluated_once() -> None:
    from minimizer.transforms.inline_variables import InlineVariables

    source = "g=[[1,2],[3]]\nfor j in range(2):\n    L=g[j]\n    print([a*2 for a in L])\n"
    inlined = apply(InlineVariables(), source)
    assert "for a in g[j]]" in inlined
    assert run(inlined) == run(source)
    inner = "g=[1,2]\nfor j in range(2):\n    L=g[j]\n    print([a*L for a in g])\n"
    assert apply(InlineVariables(), inner) == inner  # read once per element: left alone
