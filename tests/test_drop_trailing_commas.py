"""drop_trailing_commas: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

import ast

import pytest
from transform_check import apply_sites, assert_transform

from minimizer.transforms.drop_trailing_commas import DropTrailingCommas

PAIRS = [
    ("d={'a':1,}\nf(1,)\nt=(1,)\n", "d={'a':1}\nf(1)\nt=(1,)\n"),
]


@pytest.mark.parametrize(("before", "after"), PAIRS)
def test_before_after(before: str, after: str) -> None:
    assert_transform(DropTrailingCommas(), before, after)


def test_trailing_commas_go_without_changing_the_ast() -> None:
    source = "x=[1,2,]\ns={3,}\ndef g(a,b,):pass\nh=lambda a,:a\nf(*x,)\nt=(1,)\n"
    dropped = apply_sites(DropTrailingCommas(), source)
    assert ",]" not in dropped and ",}" not in dropped and "b,)" not in dropped
    assert ast.dump(ast.parse(dropped)) == ast.dump(ast.parse(source))
