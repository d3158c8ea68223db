"""name_constant_indexes: items read at constant indexes get names by one unpacking."""

from __future__ import annotations

from transform_check import assert_risky_rewrite, assert_transform, assert_unchanged

from minimizer.transforms.name_constant_indexes import NameConstantIndexes


def test_name_constant_indexes_unpacks_the_list_once() -> None:
    assert_transform(
        NameConstantIndexes(),
        "c=[[1],[2],[3]]\ndef g(i):return c[0][i]+c[1][i]+c[2][i]+c[0][i]\nprint(g(0),len(c))\n",
        "c=[[1],[2],[3]];a,b,d=c\ndef g(i):return a[i]+b[i]+d[i]+a[i]\nprint(g(0),len(c))\n",
    )


def test_name_constant_indexes_misses_a_later_change_to_the_list() -> None:
    assert_risky_rewrite(
        NameConstantIndexes(),
        "c=[1,2,3]\nc.reverse()\nprint(c[0],c[1],c[2],c[0],c[1],c[2])\n",
        "c=[1,2,3];a,b,d=c\nc.reverse()\nprint(a,b,d,a,b,d)\n",
    )


def test_name_constant_indexes_leaves_other_lists_alone() -> None:
    for program in (
        "c=[1,2,3]\nprint(c[0],c[2],c[0],c[2],c[0],c[2])\n",  # index 1 is never read
        "c=[1,2]\nc[0]=5\nprint(c[0],c[1],c[0],c[1],c[0],c[1])\n",  # an item is stored
        "c=[1,2]\nc=[3,4]\nprint(c[0],c[1],c[0],c[1],c[0],c[1])\n",  # bound twice
        "c=[1,2]\nprint(c[0],c[1])\n",  # not worth it
    ):
        assert_unchanged(NameConstantIndexes(), program)
