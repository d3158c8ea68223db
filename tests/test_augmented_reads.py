"""``x += 1`` reads ``x``: no transform may treat the first binding as unread (corpus go, mdp)."""

from __future__ import annotations

import pytest
from transform_check import apply_sites, assert_transform, assert_unchanged, dedent, run_program

from minimizer.transforms.base import Transform
from minimizer.transforms.fold_assignments import FoldAssignments
from minimizer.transforms.inline_constants import InlineConstants
from minimizer.transforms.inline_variables import InlineVariables
from minimizer.transforms.remove_unused import RemoveUnused

AUGMENTED_ONLY = [
    "n = 0\nfor i in range(3): n += 1\nprint(1)\n",
    dedent("""
        MOVES = 0
        class Square:
            def move(self):
                global MOVES
                MOVES += 1
        Square().move()
        print(2)
        """),
    dedent("""
        def evaluate():
            itercount = 0
            for _ in range(4):
                itercount += 1
            return 5
        print(evaluate())
        """),
    "def f():\n    total = 1\n    def g():\n        nonlocal total\n        total *= 2\n    g()\nf()\n",
]


@pytest.mark.parametrize("program", AUGMENTED_ONLY)
def test_remove_unused_keeps_a_binding_that_is_augmented(program: str) -> None:
    assert_unchanged(RemoveUnused(), program)


def test_remove_unused_still_removes_an_unread_name_next_to_an_augmented_one() -> None:
    assert_transform(
        RemoveUnused(),
        "n = 0\nspare = 1\nn += 1\nprint(n)\n",
        "n = 0\nn += 1\nprint(n)\n",
    )


@pytest.mark.parametrize(
    "transform", [InlineVariables(), InlineConstants(), FoldAssignments()], ids=lambda t: t.name
)
@pytest.mark.parametrize("program", AUGMENTED_ONLY)
def test_reasoning_transforms_keep_augmented_programs_running(
    transform: Transform, program: str
) -> None:
    assert run_program(apply_sites(transform, program)) == run_program(program)


@pytest.mark.parametrize("transform", [InlineVariables(), InlineConstants()], ids=lambda t: t.name)
def test_an_augmented_name_is_not_inlined_as_a_constant(transform: Transform) -> None:
    assert_unchanged(transform, "K = 3\nK += 1\nprint(K)\n")
