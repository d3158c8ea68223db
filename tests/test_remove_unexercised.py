"""remove_unexercised: statements no run reached go (under --drop-unexercised), the rest stays.

The lines are those a coverage run of the very program reported as never run;
here they are given by hand.
"""

from __future__ import annotations

from transform_check import assert_transform, assert_unchanged

from minimizer.transforms.base import Safety
from minimizer.transforms.remove_unexercised import RemoveUnexercised

PROGRAM = """
    x = 1
    if not x:
        print('never')
    def unused_op(a):
        return a * 2
    def used(a):
        return a + 1
    print(used(x))
    """
#: Line 3 is the body of the ``if`` that never ran, line 5 that of the uncalled function.
NEVER_RAN = [3, 5]


def test_a_branch_and_a_function_no_run_reached_go() -> None:
    assert_transform(
        RemoveUnexercised(NEVER_RAN),
        PROGRAM,
        """
        x = 1
        def used(a):
            return a + 1
        print(used(x))
        """,
    )


def test_each_statement_is_its_own_site() -> None:
    kept_branch = """
        x = 1
        if not x:
            print('never')
        def used(a):
            return a + 1
        print(used(x))
        """
    assert_transform(RemoveUnexercised(NEVER_RAN), PROGRAM, kept_branch, sites=[1])


def test_a_branch_inside_a_function_that_ran_goes_and_the_function_stays() -> None:
    assert_transform(
        RemoveUnexercised([3]),
        """
        def f(a):
            if a:
                return 1
            return 2
        print(f(0))
        """,
        """
        def f(a):
            return 2
        print(f(0))
        """,
    )


def test_an_if_with_an_else_and_code_that_ran_stay() -> None:
    with_else = "x = 1\nif not x:\n    print(0)\nelse:\n    print(1)\n"
    assert_unchanged(RemoveUnexercised([3]), with_else)
    assert_unchanged(RemoveUnexercised([]), PROGRAM)
    assert_unchanged(RemoveUnexercised([4]), PROGRAM)  # only a def line: its body ran


def test_it_is_risky_since_other_inputs_may_reach_that_code() -> None:
    assert RemoveUnexercised.safety is Safety.RISKY
