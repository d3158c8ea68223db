"""drop_trailing_commas: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

import ast

from transform_check import apply_sites, pair_tests

from minimizer.transforms.drop_trailing_commas import DropTrailingCommas

PAIRS = [
    ("d={'a':1,}\nf(1,)\nt=(1,)\n", "d={'a':1}\nf(1)\nt=(1,)\n"),
]


test_before_after, _ = pair_tests(DropTrailingCommas(), PAIRS)


def test_trailing_commas_go_without_changing_the_ast() -> None:
    source = "x=[1,2,]\ns={3,}\ndef g(a,b,):pass\nh=lambda a,:a\nf(*x,)\nt=(1,)\n"
    dropped = apply_sites(DropTrailingCommas(), source)
    assert ",]" not in dropped and ",}" not in dropped and "b,)" not in dropped
    assert ast.dump(ast.parse(dropped)) == ast.dump(ast.parse(source))
