"""Before/after pairs for the statement rewrites of issue 11, and a reused value the
verifier refuses because the repeated call drew random numbers."""

from __future__ import annotations

from conftest import replace_once, tiny_reference_text
from rewrite_verdicts import rewritten_verdict
from transform_check import assert_transform, assert_unchanged

from minimizer.transforms.augment_collection_calls import AugmentCollectionCalls
from minimizer.transforms.chain_assignments import ChainAssignments
from minimizer.transforms.copy_twin_lists import CopyTwinLists
from minimizer.transforms.inline_bindings import InlineBindings
from minimizer.transforms.name_repeated_calls import NameRepeatedCalls
from minimizer.transforms.order_visits_by_dict import OrderVisitsByDict
from minimizer.transforms.reuse_subexpressions import ReuseSubexpressions


def test_a_binding_read_once_before_its_next_binding_is_inlined() -> None:
    assert_transform(
        InlineBindings(),
        """
        z=lambda a:[b*2 for b in a]
        for l in range(2):E=[l,1];F=z(E);print(F[0])
        E=[5];F=z([e for e in E]);print(F)
        """,
        """
        z=lambda a:[b*2 for b in a]
        for l in range(2):F=z([l,1]);print(F[0])
        F=z([e for e in [5]]);print(F)
        """,
    )


def test_a_binding_read_twice_or_before_any_binding_of_its_block_is_kept() -> None:
    assert_unchanged(InlineBindings(), "E=2;print(E+E)\n")
    assert_unchanged(InlineBindings(), "E=2\ndef f():return E\nE=3;print(E,f())\n")


def test_an_inlined_operation_is_parenthesised_where_it_binds_looser() -> None:
    assert_transform(
        InlineBindings(),
        "a,b=3,4\nO=a/b;print(2*O/5)\n",
        "a,b=3,4\nprint(2*(a/b)/5)\n",
    )


def test_a_copy_after_a_binding_joins_it_as_a_chained_assignment() -> None:
    assert_transform(
        ChainAssignments(),
        "class V:\n __add__=lambda a,b:1\n __neg__=lambda a:2\n __radd__=__add__\nx=[1];i=x;x=[2]\nprint(i,x)\n",
        "class V:\n __radd__=__add__=lambda a,b:1\n __neg__=lambda a:2\ni=x=[1];x=[2]\nprint(i,x)\n",
    )


def test_a_copy_after_a_statement_that_reads_either_name_is_kept() -> None:
    assert_unchanged(ChainAssignments(), "x=[1];print(x);i=x\n")


def test_a_value_computed_again_reads_the_name_bound_to_it() -> None:
    assert_transform(
        ReuseSubexpressions(),
        "o=[1,2]\nr=len(o);s=len(o)+1;print(r,s)\n",
        "o=[1,2]\nr=len(o);s=r+1;print(r,s)\n",
    )


def test_a_place_stored_into_is_not_a_repeat_of_its_value() -> None:
    """``h=c[j]`` then ``c[j]=...`` stores into ``c``: ``h=...`` would only rebind ``h``."""
    assert_unchanged(ReuseSubexpressions(), "c=[1,2];j=1\nh=c[j];c[j]=c[0]-h;print(c)\n")
    assert_unchanged(ReuseSubexpressions(), "c=[1,2];j=1\nh=c[j];c[j],k=h,2;print(c)\n")
    assert_unchanged(ReuseSubexpressions(), "c=[1,2];j=1\nh=c[j];c[j]+=h;print(c)\n")
    assert_transform(
        ReuseSubexpressions(),
        "c=[1,2];j=1\nh=c[j];c[j+1-1]=c[j]*2;print(c,h)\n",
        "c=[1,2];j=1\nh=c[j];c[j+1-1]=h*2;print(c,h)\n",
    )


def test_a_fresh_list_or_a_value_whose_names_changed_is_computed_again() -> None:
    assert_unchanged(ReuseSubexpressions(), "t=[1];m=[0.]*len(t);v=[0.]*len(t)\n")
    assert_unchanged(ReuseSubexpressions(), "o=[1];r=len(o);o=[1,2];s=len(o)\n")


def test_a_twin_list_becomes_an_unpacked_copy() -> None:
    assert_transform(
        CopyTwinLists(),
        "t=[1,2]\nm=[0.]*len(t);v=[0.]*len(t);v[0]=1\nprint(m,v)\n",
        "t=[1,2]\nm=[0.]*len(t);*v,=m;v[0]=1\nprint(m,v)\n",
    )


def test_collection_growth_calls_become_augmented_assignments() -> None:
    assert_transform(
        AugmentCollectionCalls(),
        "H=[];S=set();l=[[]]\nH.append(1);H.extend([2]);S.add(3);l[0].append(4)\nprint(H,S,l)\n",
        "H=[];S=set();l=[[]]\nH+=[1];H+=[2];S|={3};l[0]+=[4]\nprint(H,S,l)\n",
    )


def test_growth_of_a_name_from_an_enclosing_function_is_left_alone() -> None:
    assert_unchanged(AugmentCollectionCalls(), "def f():\n d=[]\n def g(a):d.append(a)\n g(1)\n")


def test_the_verifier_refuses_reusing_a_call_that_draws_random_numbers(tiny_verifier) -> None:
    """Two ``matrix`` calls are two sets of draws: reading the first matrix instead of
    drawing the second skips draws and shares weights, and the parameters no longer
    match the reference's before training starts."""
    named_first = replace_once(
        tiny_reference_text(),
        "    state_dict[f'layer{i}.attn_wq'] = matrix(n_embd, n_embd)\n",
        "    wq = matrix(n_embd, n_embd)\n    state_dict[f'layer{i}.attn_wq'] = wq\n",
    )
    verdict = rewritten_verdict(tiny_verifier, ReuseSubexpressions(), named_first)
    assert not verdict.equivalent
    assert "before training" in verdict.divergence.describe()
    assert verdict.divergence.quantity.startswith("parameter")


def test_a_call_repeated_in_a_lambda_is_computed_once_with_a_walrus() -> None:
    assert_transform(
        NameRepeatedCalls(),
        "import math as S\no=lambda a:(S.exp(a),(a,),(S.exp(a),))\nprint(o(1.5))\n",
        "import math as S\no=lambda a:((b:=S.exp(a)),(a,),(b,))\nprint(o(1.5))\n",
    )


def test_a_call_repeated_under_a_condition_is_left_alone() -> None:
    assert_unchanged(NameRepeatedCalls(), "o=lambda a:abs(a) if a else abs(a)\n")


TOPOLOGICAL_SORT = """
class N:
 def __init__(a,*c):a.c=c
 def q(c):
  d=[];e=set()
  def f(a):
   if a not in e:
    e.add(a)
    for g in a.c:f(g)
    d.append(a)
  f(c)
  return [len(b.c) for b in ORDER]
x=N();y=N(x);print(N(x,y,N(y)).q())
"""


def test_a_visited_set_and_a_visit_order_become_one_dict() -> None:
    assert_transform(
        OrderVisitsByDict(),
        TOPOLOGICAL_SORT.replace("ORDER", "d[::-1]"),
        TOPOLOGICAL_SORT.replace("ORDER", "[*d][::-1]")
        .replace("d=[];e=set()", "d={}")
        .replace("a not in e", "a not in d")
        .replace("    e.add(a)\n", "")
        .replace("d.append(a)", "d[a]=0"),
    )


def test_a_visit_order_read_in_another_way_keeps_its_list() -> None:
    assert_unchanged(OrderVisitsByDict(), TOPOLOGICAL_SORT.replace("ORDER", "d"))


def test_a_binding_read_inside_an_fstring_is_kept() -> None:
    assert_unchanged(InlineBindings(), "v='a'+'b';print(f'{v}')\n")
