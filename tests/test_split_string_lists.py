"""split_string_lists: lists of words as one split string, what it leaves alone, and a
program that can tell the two apart (constants are shared objects, split's are new)."""

from __future__ import annotations

from transform_check import assert_risky_rewrite, pair_tests

from minimizer.transforms.split_string_lists import SplitStringLists

PAIRS = [
    (
        "names = ['ab', 'cd', 'ef', 'g', 'h']\nprint(names, len(names))\n",
        "names = 'ab cd ef g h'.split()\nprint(names, len(names))\n",
    ),
    (
        "print(['ab', \"it's\", 'x', 'y', 'z'][1])\n",
        "print(\"ab it's x y z\".split()[1])\n",
    ),
]

LEFT_ALONE = [
    # four words: the split would not be shorter
    "print(['a', 'b', 'c', 'd'])\n",
    # whitespace, an empty string, bytes, a name, both quotes, a starred element
    "print(['a', 'b c', 'd', 'e', 'f'])\n",
    "print(['a', '', 'd', 'e', 'f'])\n",
    "print([b'a', b'b', b'c', b'd', b'e'])\n",
    "x = 'x'\nprint(['a', x, 'd', 'e', 'f'])\n",
    "print(['a', \"b'\", 'c\"', 'e', 'f'])\n",
    "print(['a', *'bc', 'd', 'e', 'f'])\n",
]

test_before_after, test_left_alone = pair_tests(SplitStringLists(), PAIRS, LEFT_ALONE)


def test_a_program_comparing_identities_sees_new_strings() -> None:
    assert_risky_rewrite(
        SplitStringLists(),
        "k = 'ab'\nprint(['ab', 'cd', 'ef', 'g', 'h'][0] is k)\n",
        "k = 'ab'\nprint('ab cd ef g h'.split()[0] is k)\n",
    )
