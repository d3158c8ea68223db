"""extend_with_tuples and unpack_into_displays: shorter spellings of building collections."""

from __future__ import annotations

from transform_check import assert_risky_rewrite, assert_transform, assert_unchanged

from minimizer.transforms.extend_with_tuples import ExtendWithTuples
from minimizer.transforms.unpack_into_displays import UnpackIntoDisplays


def test_extend_with_tuples_extends_by_a_bare_tuple() -> None:
    assert_transform(
        ExtendWithTuples(),
        "l=[1];l+=[2];l+=[(3,4)];l+=[5,6];l*=[1][0]\nprint(l)\n",
        "l=[1];l+=2,;l+=(3,4),;l+=[5,6];l*=[1][0]\nprint(l)\n",
    )


def test_extend_with_tuples_on_a_tuple_target_changes_the_type() -> None:
    assert_risky_rewrite(
        ExtendWithTuples(), "t=(1,)\nt+=[2]\nprint(t)\n", "t=(1,)\nt+=2,\nprint(t)\n"
    )


def test_extend_with_tuples_leaves_other_additions_alone() -> None:
    assert_unchanged(
        ExtendWithTuples(),
        "l=[1];l+=[2,3];l+=[*l];l-=1\nfor i in l:l+=[i]\nfor i in l:\n j=i;l+=[j]\n",
    )


def test_unpack_into_displays_builds_by_unpacking() -> None:
    assert_transform(
        UnpackIntoDisplays(),
        "W=list\nprint(sorted(set('bab')),W('ab'),tuple('ab'),(list)('x'))\n",
        "W=list\nprint(sorted({*'bab'}),[*'ab'],(*'ab',),[*'x'])\n",
    )


def test_unpack_into_displays_leaves_other_calls_alone() -> None:
    for program in (
        "print(set(),list('a','b'),tuple(x=1))\n",
        "set=len\nprint(set('ab'))\n",
        "def f(list):return list('ab')\nprint(f(len))\n",
    ):
        assert_unchanged(UnpackIntoDisplays(), program)
