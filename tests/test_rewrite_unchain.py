"""unchain_rebound_targets: a chained target that the next statement rebinds leaves the chain."""

from __future__ import annotations

from transform_check import assert_transform, assert_unchanged

from minimizer.transforms.unchain_rebound_targets import UnchainReboundTargets


def test_unchain_rebound_targets_reads_the_other_target() -> None:
    assert_transform(
        UnchainReboundTargets(),
        "def f(y):\n i=x=[y];x=x+[2];return i,x\nprint(f(1))\n",
        "def f(y):\n i=[y];x=i+[2];return i,x\nprint(f(1))\n",
    )


def test_unchain_rebound_targets_leaves_other_chains_alone() -> None:
    for program in (
        "i=x=[1];x=x+x\nprint(i,x)\n",  # two reads
        "i=x=[1];print(x);x=x+[2]\nprint(i,x)\n",  # not adjacent
        "i=x=[1];x=[i for i in x]\nprint(i,x)\n",  # the other target is rebound inside
        "i=x=[1];x=(i:=[3])+x\nprint(i,x)\n",  # a walrus
        "i=x=[1];y=x+[2]\nprint(i,x,y)\n",  # not rebound
    ):
        assert_unchanged(UnchainReboundTargets(), program)
