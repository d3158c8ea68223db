"""Before/after pairs for the data-structure rewrites of issue 11, and a merge of dict
stores the verifier refuses because a float it prints changes."""

from __future__ import annotations

from pathlib import Path

from rewrite_verdicts import standalone_verdict
from transform_check import assert_transform, assert_unchanged

from minimizer.transforms.accumulate_strings import AccumulateStrings
from minimizer.transforms.convert_dict_to_list import ConvertDictToList
from minimizer.transforms.merge_dict_stores import MergeDictStores
from minimizer.transforms.merge_list_concatenations import MergeListConcatenations
from minimizer.transforms.unwrap_singleton_lists import UnwrapSingletonLists


def test_a_dict_read_only_by_constant_keys_becomes_a_list() -> None:
    assert_transform(
        ConvertDictToList(),
        """
        c={'i':[1,2],'h':[3]}
        def f(s):return c['h'][0]+s
        print(c['i'][1],f(1),[p for a in c.values()for p in a])
        """,
        """
        c=[[1,2],[3]]
        def f(s):return c[1][0]+s
        print(c[0][1],f(1),[p for a in c for p in a])
        """,
    )


def test_a_dict_iterated_by_key_or_read_otherwise_stays_a_dict() -> None:
    assert_unchanged(ConvertDictToList(), "c={'i':1,'h':2}\nprint(c['i'],len(c))\n")
    assert_unchanged(ConvertDictToList(), "c={'i':1,'h':2}\nprint(c['i'],c['x'] if 0 else 0)\n")


def test_a_list_only_joined_becomes_a_string() -> None:
    assert_transform(
        AccumulateStrings(),
        """
        for Q in range(2):
         J=[]
         for u in 'abc':J.append(u*Q)
         print(f"{Q}: {''.join(J)}")
        """,
        """
        for Q in range(2):
         J=''
         for u in 'abc':J+=u*Q
         print(f"{Q}: {J}")
        """,
    )


def test_a_list_read_in_any_other_way_stays_a_list() -> None:
    assert_unchanged(AccumulateStrings(), "J=[]\nJ.append('a')\nprint(''.join(J),len(J))\n")


def test_concatenated_lists_become_one_display() -> None:
    assert_transform(
        MergeListConcatenations(),
        "r=0;g='ab'\nprint([r]+[*map(ord,g)]+[r], [1]+[2]+list(g))\n",
        "r=0;g='ab'\nprint([r,*map(ord,g),r], [1,2,*list(g)])\n",
    )


def test_a_single_display_added_to_a_name_is_not_worth_merging() -> None:
    assert_unchanged(MergeListConcatenations(), "g=[1]\nprint([0]+g)\n")


def test_a_list_of_one_list_read_only_through_its_first_item_is_unwrapped() -> None:
    assert_transform(
        UnwrapSingletonLists(),
        """
        def G(s,l):l[0].append(s);return len(l[0])
        for j in range(2):
         C=[[]];print(G(1,C),G(2,C))
        """,
        """
        def G(s,l):l.append(s);return len(l)
        for j in range(2):
         C=[];print(G(1,C),G(2,C))
        """,
    )


def test_a_wrapped_list_read_in_any_other_way_keeps_its_wrapper() -> None:
    assert_unchanged(UnwrapSingletonLists(), "def G(l):return l[0]\nC=[[]];print(G(C),C)\n")
    assert_unchanged(UnwrapSingletonLists(), "def G(l):return l[0],l\nC=[[]];print(G(C))\n")


def test_the_verifier_refuses_a_merged_store_whose_value_reads_the_old_dict(
    tmp_path: Path,
) -> None:
    """``d={'w':g};d['v']=f()`` calls ``f`` once the new dict is bound; merged into
    ``d={'w':g,'v':f()}`` it calls ``f`` before, so ``f`` reads the previous step's
    weight: the float printed at step 0 changes, and the divergence says where."""
    rewritten, verdict = standalone_verdict(
        tmp_path,
        MergeDictStores(),
        """
        import random
        random.seed(2)
        d={'w':1.0}
        def f():return d['w']*random.random()
        for step in range(3):
         d={'w':random.gauss(0,1)};d['v']=f()
         print(step,d['v'])
        """,
    )
    assert "d={'w':random.gauss(0,1), 'v': f()}" in rewritten
    assert not verdict.equivalent
    divergence = verdict.divergence
    assert (divergence.quantity, divergence.step, divergence.index) == ("stdout", 0, 1)
    reference, candidate = (float(line.strip("b'").split()[1]) for line in
                            (divergence.reference, divergence.candidate))  # fmt: skip
    assert reference != candidate
