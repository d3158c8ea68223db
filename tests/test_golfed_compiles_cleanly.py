"""Every committed golfed program compiles without a warning.

Newer Pythons warn (and will refuse) where a number touches a keyword, as in
``1if`` or ``2for``; a golfer that squeezes whitespace must keep those spaces."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

GOLFED = sorted((Path(__file__).resolve().parent.parent / "golfed").glob("*.py"))


def test_there_are_golfed_programs_to_check() -> None:
    assert GOLFED


@pytest.mark.parametrize("program", GOLFED, ids=lambda path: path.name)
def test_a_golfed_program_compiles_with_warnings_as_errors(program: Path) -> None:
    source = program.read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compile(source, str(program), "exec")
