"""roll_repetitions: runs of repeated statements written once in a loop, what it leaves
alone, and a run whose copies only look the same (the verifier refuses the loop)."""

from __future__ import annotations

from transform_check import apply_sites, assert_risky_rewrite, pair_tests

from minimizer.transforms.roll_repetitions import RollRepetitions

LINE = "a, b, c, d = values\n"
GROUP = "total = total * 3 + 1\nseen.append(total)\n"

PAIRS = [
    (
        "values = (1, 2, 3, 4)\n" + LINE * 6 + "print(a + d)\n",
        "values = (1, 2, 3, 4)\nfor e in range(6):\n    " + LINE + "print(a + d)\n",
    ),
    (
        # a group of two statements, inside a function, after comments
        "def grow(total):\n    seen = []\n    # four rounds\n"
        + "".join("    " + line + "\n" for line in GROUP.splitlines()) * 4
        + "    return seen\nprint(grow(1))\n",
        "def grow(total):\n    seen = []\n    # four rounds\n    for a in range(4):\n"
        + "".join("        " + line + "\n" for line in GROUP.splitlines())
        + "    return seen\nprint(grow(1))\n",
    ),
]

LEFT_ALONE = [
    # the loop would be longer than the copies
    "x = 1\nprint(x)\nprint(x)\n",
    # a jump would leave the new loop instead of the old one
    "for i in range(3):\n" + "    if i > 1: break; print('stop here')\n" * 4,
    # a docstring is not a statement to repeat
    '"""doc"""\n"""doc"""\n"""doc"""\n"""doc"""\nprint(__doc__)\n',
]

test_before_after, test_left_alone = pair_tests(RollRepetitions(), PAIRS, LEFT_ALONE)


def test_copies_that_read_their_own_line_number_differ_in_a_loop() -> None:
    line = "print('at line', sys._getframe().f_lineno)\n"
    assert_risky_rewrite(
        RollRepetitions(),
        "import sys\n" + line * 3,
        "import sys\nfor a in range(3):\n    " + line,
    )


def test_the_loop_variable_is_spelled_nowhere_in_the_module() -> None:
    # a..f are taken: as variables, a parameter, a function and words of a string
    program = "a = b = 0\ndef f(e):\n    return e\n" + "print(f(a), f(b), 'c d')\n" * 3
    assert "for g in range(3):\n" in apply_sites(RollRepetitions(), program)
