"""Before/after pairs for the name and literal rewrites of issue 11, and a builtin alias
the verifier refuses because a sum comes out one ULP apart."""

from __future__ import annotations

import math
from pathlib import Path

from rewrite_verdicts import standalone_verdict
from transform_check import assert_transform, assert_unchanged

from minimizer.transforms.alias_names import AliasNames
from minimizer.transforms.hoist_repeated_literals import HoistRepeatedLiterals
from minimizer.transforms.import_star import ImportStar
from minimizer.transforms.inline_unpassed_defaults import InlineUnpassedDefaults


def test_a_module_used_only_through_long_qualified_names_is_star_imported() -> None:
    assert_transform(
        ImportStar(),
        "import os,urllib.parse\nprint(urllib.parse.quote('a b'), urllib.parse.unquote('%41'), os.sep)\n",
        "import os;from urllib.parse import*\nprint(quote('a b'), unquote('%41'), os.sep)\n",
    )


def test_an_alias_star_import_pays_only_with_enough_uses() -> None:
    assert_transform(
        ImportStar(),
        "import statistics as S\nprint(S.mean([1,2]),S.median([1]),S.mode([1]),S.stdev([1,2]))\n",
        "from statistics import*\nprint(mean([1,2]),median([1]),mode([1]),stdev([1,2]))\n",
    )
    assert_unchanged(ImportStar(), "import os,statistics as S\nprint(S.mean([1,2]),os.sep)\n")


def test_a_module_whose_names_the_program_also_uses_is_not_star_imported() -> None:
    assert_unchanged(ImportStar(), "import math\ne=2\nprint(math.log(e),math.exp(e),math.cos(e))\n")
    assert_unchanged(ImportStar(), "import urllib.parse\nq=urllib.parse\nprint(q.quote('a'))\n")


def test_a_string_spelled_three_times_is_named_once() -> None:
    assert_transform(
        HoistRepeatedLiterals(),
        "a=1\nprint('input.txt',len('input.txt'),'input.txt'[0],'ab','ab')\n",
        "A='input.txt'\na=1\nprint(A,len(A),A[0],'ab','ab')\n",
    )


def test_a_docstring_and_a_short_literal_are_not_named() -> None:
    assert_unchanged(HoistRepeatedLiterals(), '"""doc"""\nprint("doc","doc","x","x","x")\n')


def test_a_default_no_call_overrides_becomes_a_constant() -> None:
    assert_transform(
        InlineUnpassedDefaults(),
        "import random as T\nT.seed(1)\nd=lambda a,d=.08:[T.gauss(0,d)for _ in range(a)]\nprint(d(2),d(1))\n",
        "import random as T\nT.seed(1)\nd=lambda a:[T.gauss(0,.08)for _ in range(a)]\nprint(d(2),d(1))\n",
    )


def test_a_default_some_call_passes_or_a_function_passed_around_is_left_alone() -> None:
    assert_unchanged(InlineUnpassedDefaults(), "d=lambda a,s=.5:a*s\nprint(d(2),d(1,2))\n")
    assert_unchanged(InlineUnpassedDefaults(), "d=lambda a,s=.5:a*s\nprint(list(map(d,[1])))\n")


def test_a_named_literal_is_bound_after_the_docstring_and_future_imports() -> None:
    assert_transform(
        HoistRepeatedLiterals(),
        '"""doc."""\nfrom __future__ import annotations\nprint("input.txt","input.txt","input.txt")\n',
        '"""doc."""\nfrom __future__ import annotations\nA="input.txt"\nprint(A,A,A)\n',
    )


def test_the_verifier_refuses_a_builtin_alias_taken_before_the_builtin_is_replaced(
    tmp_path: Path,
) -> None:
    """``a=sum`` reads the builtin once, at the top; the program later puts ``math.fsum``
    in its place, which every plain ``sum(...)`` then finds, but the alias does not.
    ``fsum`` rounds once where ``sum`` rounds at every addition: a sum on the second
    line comes out a few ULPs apart, and the divergence names that line."""
    rewritten, verdict = standalone_verdict(
        tmp_path,
        AliasNames(),
        """
        import builtins,math,random
        random.seed(3)
        x=[random.random()/7 for _ in range(9)]
        print(sum(x),sum(x[1:]),sum(x[2:]),sum(x[3:]),sum(x[4:]))
        builtins.sum=math.fsum
        print(sum(x),sum(x[1:]),sum(x[2:]),sum(x[3:]),sum(x[4:]))
        """,
    )
    assert "\na=sum\n" in rewritten and "sum(" not in rewritten
    assert not verdict.equivalent
    divergence = verdict.divergence
    assert (divergence.quantity, divergence.step, divergence.index) == ("stdout", 0, 2)
    pairs = zip(
        *(text.strip("b'").split() for text in (divergence.reference, divergence.candidate))
    )
    apart = [(float(r), float(c)) for r, c in pairs if r != c]
    assert apart and all(abs(r - c) <= 4 * math.ulp(r) for r, c in apart), apart
