"""Before/after pairs for the class-body rewrites of issue 11, and a dunder alias the
verifier refuses because a subclass's sum changes."""

from __future__ import annotations

from pathlib import Path

from rewrite_verdicts import standalone_verdict
from transform_check import assert_transform, assert_unchanged

from minimizer.transforms.alias_reflected_dunders import AliasReflectedDunders
from minimizer.transforms.fold_def_with_walrus import FoldDefWithWalrus

VALUE_CLASS = """
class V:
 def __init__(a,d):a.d=d
 def __add__(a,b):return V(a.d+(b.d if type(b)==V else b))
 def __mul__(a,b):return V(a.d*(b.d if type(b)==V else b))
 __radd__=lambda a,b:a+b
 __rmul__=lambda a,b:a*b
 __rsub__=lambda a,b:b-a
"""


def test_a_reflected_dunder_that_only_forwards_becomes_an_alias() -> None:
    assert_transform(
        AliasReflectedDunders(),
        VALUE_CLASS + "print((2+V(3)).d,(2*V(3)).d)\n",
        VALUE_CLASS.replace("lambda a,b:a+b", "__add__").replace("lambda a,b:a*b", "__mul__")
        + "print((2+V(3)).d,(2*V(3)).d)\n",
    )


def test_a_reflected_dunder_before_its_forward_one_is_left_alone() -> None:
    assert_unchanged(
        AliasReflectedDunders(),
        "class V:\n __radd__=lambda a,b:a+b\n def __add__(a,b):return 1\n",
    )


def test_a_binding_then_return_becomes_a_lambda_with_a_walrus() -> None:
    assert_transform(
        FoldDefWithWalrus(),
        """
        class V:
         def __init__(a,d):a.d=d
         def __add__(c,a):a=a if type(a)==V else V(a);return V(c.d+a.d)
        print((V(1)+2).d)
        """,
        """
        class V:
         def __init__(a,d):a.d=d
         __add__=lambda c,a:V(c.d+(a:=a if type(a)==V else V(a)).d)
        print((V(1)+2).d)
        """,
    )


def test_a_function_whose_result_reads_the_name_conditionally_is_left_alone() -> None:
    assert_unchanged(FoldDefWithWalrus(), "def f(a):b=a*2;return b if a else 0\n")


def test_the_verifier_refuses_a_dunder_alias_that_skips_a_subclass_override(
    tmp_path: Path,
) -> None:
    """``__radd__=lambda a,b:a+b`` dispatches ``a+b`` on the instance's own class, so a
    subclass's ``__add__`` (here a running mean) answers ``2.0+W(x)``; the alias
    ``__radd__=__add__`` binds the base class's sum instead, and the float printed differs."""
    rewritten, verdict = standalone_verdict(
        tmp_path,
        AliasReflectedDunders(),
        """
        import random
        random.seed(4)
        class V:
         def __init__(a,d):a.d=d
         def __add__(a,b):return V(a.d+b)
         __radd__=lambda a,b:a+b
        class W(V):
         def __add__(a,b):return W((a.d+b)/2)
        print((random.random()+W(random.random())).d)
        """,
    )
    assert "__radd__=__add__" in rewritten
    assert not verdict.equivalent
    divergence = verdict.divergence
    assert (divergence.quantity, divergence.step, divergence.index) == ("stdout", 0, 1)
    assert float(divergence.reference.strip("b'")) != float(divergence.candidate.strip("b'"))
