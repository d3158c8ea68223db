"""index_through_slices: slices read only by index become indexes into the source."""

from __future__ import annotations

from conftest import replace_once, tiny_reference_text
from rewrite_verdicts import rewritten_verdict
from transform_check import assert_transform, assert_unchanged

from minimizer.transforms.index_through_slices import IndexThroughSlices
from verifier.verification import Verifier


def test_index_through_slices_reads_the_source_instead_of_a_copy() -> None:
    assert_transform(
        IndexThroughSlices(),
        """
        K=range;L=len
        def f(q,l,g):
         w=q[g:g+2];o=[a[g:g+2]for a in l];r=[a[g:g+2]for a in l]
         return[w[j]*t[j]for t in o for j in K(2)],[r[i][1]for i in K(L(r))]
        print(f([1,2,3,4],[[5,6,7],[8,9,1]],1))
        """,
        """
        K=range;L=len
        def f(q,l,g):
         return[q[g+j]*t[g+j]for t in l for j in K(2)],[l[i][g+1]for i in K(L(l))]
        print(f([1,2,3,4],[[5,6,7],[8,9,1]],1))
        """,
    )


def test_index_through_slices_from_the_start_needs_no_offset() -> None:
    assert_transform(
        IndexThroughSlices(),
        "q=[4,5,6]\nw=q[:2]\nprint(w[1]+w[0])\n",
        "q=[4,5,6]\nprint(q[1]+q[0])\n",
    )


def test_index_through_slices_keeps_an_offset_whole() -> None:
    assert_transform(
        IndexThroughSlices(),
        "q=[4,5,6,7];a=1\nw=q[a|0:3]\nprint(w[a+0])\n",
        "q=[4,5,6,7];a=1\nprint(q[(a|0)+(a+0)])\n",
    )


def test_index_through_slices_leaves_slices_read_otherwise_alone() -> None:
    for program in (
        "q=[1,2,3]\nw=q[1:3]\nprint(w)\n",  # read whole
        "q=[1,2,3]\nw=q[1:3]\nprint(w[-1])\n",  # from the end
        "q=[1,2,3]\nw=q[1:3]\nw[0]=5\nprint(q,w[0])\n",  # written
        "q=[1,2,3];g=1\nw=q[g:3]\ng=0\nprint(w[0])\n",  # offset rebound first
        "q=[1,2,3]\nw=q[1:len(q)]\nprint(w[0])\n",  # a bound that calls
        "q=[1,2,3]\nw=q[0:3:2]\nprint(w[1])\n",  # a step
        "l=[[1,2],[3,4]]\no=[a[1:]for a in l]\nprint([t for t in o])\n",  # rows read whole
        "l=[[1,2],[3,4]]\no=[a[a[0]:]for a in l]\nprint(o[0][0])\n",  # offset per row
    ):
        assert_unchanged(IndexThroughSlices(), program)


def test_index_through_slices_past_the_slice_is_rejected_by_the_verifier(
    tiny_verifier: Verifier,
) -> None:
    """``q_h[j-head_dim]`` reads ``q_h`` from its end, the same items as ``q_h[j]``;
    through the source it reads ``q[hs+j-head_dim]``, the previous head's query."""
    from_the_end = replace_once(
        tiny_reference_text(), "sum(q_h[j] * k_h[t][j]", "sum(q_h[j - head_dim] * k_h[t][j]"
    )
    verdict = rewritten_verdict(tiny_verifier, IndexThroughSlices(), from_the_end)
    assert not verdict.equivalent
    assert verdict.divergence.quantity == "loss"
    assert "after step 1" in verdict.divergence.describe()
