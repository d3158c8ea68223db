"""merge_dict_stores: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import assert_transform, pair_tests

from minimizer.transforms.merge_dict_stores import MergeDictStores

PAIRS = [
    ("d={'a':1}\nd['b']=2\nd[3]=4\nprint(d)\n", "d={'a':1, 'b': 2, 3: 4}\nprint(d)\n"),
    ("d={}\nd['b']=[]\nx=1\nd['c']=2\nprint(d,x)\n", "d={'b': []}\nx=1\nd['c']=2\nprint(d,x)\n"),
]

LEFT_ALONE = [
    "d={}\nd['x']=len(d)\nprint(d)\n",  # the value reads the dict
    "d={}\nk='x'\nd[k]=1\nprint(d)\n",  # not a literal key, not next
]


test_before_after, test_left_alone = pair_tests(MergeDictStores(), PAIRS, LEFT_ALONE)


def test_a_store_left_out_ends_its_run_so_insertion_order_is_kept() -> None:
    source = "d={'a':1}\nd['b']=2\nd['c']=3\nprint(list(d))\n"
    assert_transform(MergeDictStores(), source, source, sites=[1])
