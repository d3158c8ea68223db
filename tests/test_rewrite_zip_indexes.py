"""zip_indexed_sequences: an index that only reads items of a few sequences becomes a zip."""

from __future__ import annotations

from transform_check import assert_risky_rewrite, assert_transform, assert_unchanged

from minimizer.transforms.zip_indexed_sequences import ZipIndexedSequences


def test_zip_indexed_sequences_iterates_the_items() -> None:
    assert_transform(
        ZipIndexedSequences(),
        "B=[1,2];m=[[3,4],[5,6]];K=range;L=len\nprint(sum(B[t]*m[t][1]for t in K(L(m))))\n",
        "B=[1,2];m=[[3,4],[5,6]];K=range;L=len\nprint(sum(t*a[1]for t,a in zip(B,m)))\n",
    )


def test_zip_indexed_sequences_stops_at_the_shorter_sequence() -> None:
    assert_risky_rewrite(
        ZipIndexedSequences(),
        "B=[1];m=[3,4]\nprint([B[t]+m[t] for t in range(len(m))])\n",
        "B=[1];m=[3,4]\nprint([t+a for t,a in zip(B,m)])\n",
    )


def test_zip_indexed_sequences_leaves_other_indexes_alone() -> None:
    for program in (
        "B=[1];m=[3]\nprint([B[t]+m[t]+t for t in range(len(m))])\n",  # the index itself
        "B=[1];m=[3]\nprint([m[t] for t in range(len(m))])\n",  # one sequence
        "B=[1];m=[3];o=[2]\nprint([B[t]+o[t] for t in range(len(m))])\n",  # not the measured
        "B=[1];m=[3]\nprint([B[t]+m[t] for t in range(len(m)) if t])\n",  # a condition
    ):
        assert_unchanged(ZipIndexedSequences(), program)
