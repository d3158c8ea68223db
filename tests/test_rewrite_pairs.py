"""pair_parallel_attributes: two parallel attributes become one tuple of pairs."""

from __future__ import annotations

from transform_check import assert_risky_rewrite, assert_transform, assert_unchanged

from minimizer.transforms.pair_parallel_attributes import PairParallelAttributes

BEFORE = """
class V:
 def __init__(a,x,c=(),d=()):a.x=x;a.l=c;a.m=d
 def walk(s):
  for g in s.l:print(g.x)
  print([h.x*i for h,i in zip(s.l,s.m)])
p=V(2);q=V(3)
V(5,(p,q),(10,20)).walk();V(1,(p,),(7,)).walk();V(0).walk()
"""
AFTER = """
class V:
 def __init__(a,x,c=()):a.x=x;a.l=c
 def walk(s):
  for g,_ in s.l:print(g.x)
  print([h.x*i for h,i in s.l])
p=V(2);q=V(3)
V(5,((p,10),(q,20))).walk();V(1,((p,7),)).walk();V(0).walk()
"""


def test_pair_parallel_attributes_keeps_children_and_grads_as_pairs() -> None:
    assert_transform(PairParallelAttributes(), BEFORE, AFTER)


def test_pair_parallel_attributes_interleaves_evaluation() -> None:
    """Children were all evaluated before the grads; pairs interleave them."""
    counting = "k=[0]\ndef t():k[0]+=1;return k[0]\n"
    assert_risky_rewrite(
        PairParallelAttributes(),
        counting + "class V:\n def __init__(a,c=(),d=()):a.l=c;a.m=d\n"
        "v=V((t(),t()),(t(),t()))\nprint([(h,i)for h,i in zip(v.l,v.m)])\n",
        counting + "class V:\n def __init__(a,c=()):a.l=c\n"
        "v=V(((t(),t()),(t(),t())))\nprint([(h,i)for h,i in v.l])\n",
    )


def test_pair_parallel_attributes_leaves_other_uses_alone() -> None:
    for change in (
        ("print([h.x*i for h,i in zip(s.l,s.m)])", "print(s.m)"),  # the second read alone
        ("V(1,(p,),(7,))", "V(1,(p,q),(7,))"),  # lengths differ
        ("V(0).walk()", "V(0,d=()).walk()"),  # a keyword
        ("for g in s.l", "for g in[*s.l]"),  # the first read otherwise
        ("V(0).walk()", "V(0).walk();print(_)"),  # _ is read
    ):
        assert_unchanged(PairParallelAttributes(), BEFORE.replace(*change))


def test_pair_parallel_attributes_drops_a_store_on_its_own_line() -> None:
    assert_transform(
        PairParallelAttributes(),
        BEFORE.replace(" def __init__(a,x,c=(),d=()):a.x=x;a.l=c;a.m=d\n",
                       " def __init__(a,x,c=(),d=()):\n  a.x=x\n  a.l=c\n  a.m=d\n"),
        AFTER.replace(" def __init__(a,x,c=()):a.x=x;a.l=c\n",
                      " def __init__(a,x,c=()):\n  a.x=x\n  a.l=c\n"),
    )  # fmt: skip
