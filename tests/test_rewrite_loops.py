"""Before/after pairs for the loop rewrites of issue 11, a flattening the verifier
refuses because one level of the nesting is a tuple, and a direct iteration it refuses
because a sum of floats changes."""

from __future__ import annotations

from pathlib import Path

from conftest import replace_once, tiny_reference_text
from rewrite_verdicts import rewritten_verdict, standalone_verdict
from transform_check import assert_transform, assert_unchanged

from minimizer.transforms.collect_appends import CollectAppends
from minimizer.transforms.flatten_with_sum import FlattenWithSum
from minimizer.transforms.generate_arguments import GenerateArguments
from minimizer.transforms.iterate_directly import IterateDirectly
from minimizer.transforms.iterate_file_lines import IterateFileLines
from minimizer.transforms.map_comprehensions import MapComprehensions
from minimizer.transforms.repeat_as_comprehension import RepeatAsComprehension
from minimizer.transforms.reverse_by_slice import ReverseBySlice
from minimizer.transforms.split_stripped_lines import SplitStrippedLines


def test_an_appending_loop_after_an_empty_list_becomes_a_comprehension() -> None:
    assert_transform(
        CollectAppends(),
        "H=[]\nfor l in range(3):H.append(l*2)\nG=[]\nfor l in 'ab':G+=[l]\nprint(H,G)\n",
        "H=[l*2 for l in range(3)]\nG=[l for l in 'ab']\nprint(H,G)\n",
    )


def test_a_loop_that_reads_the_list_it_builds_is_left_alone() -> None:
    assert_unchanged(CollectAppends(), "H=[]\nfor l in range(3):H.append(len(H))\nprint(H)\n")


def test_an_index_used_only_to_read_items_becomes_the_item() -> None:
    assert_transform(
        IterateDirectly(),
        "K=range;L=len;o=[3,4]\nprint([o[t]*2 for t in K(L(o))])\nfor i in range(len(o)):print(o[i])\n",
        "K=range;L=len;o=[3,4]\nprint([t*2 for t in o])\nfor i in o:print(i)\n",
    )


def test_an_index_used_for_anything_else_is_left_alone() -> None:
    assert_unchanged(IterateDirectly(), "o=[3,4]\nprint([o[t]*t for t in range(len(o))])\n")


def test_a_comprehension_of_one_call_becomes_map() -> None:
    assert_transform(
        MapComprehensions(),
        "o='abc';R=zip\nprint([o.index(a)for a in 'cab'], [pow(a,b)for a,b in R([2,3],[3,2])])\n",
        "o='abc';R=zip\nprint([*map(o.index,'cab')], [*map(pow,[2,3],[3,2])])\n",
    )


def test_a_call_whose_arguments_are_not_the_loop_variables_is_left_alone() -> None:
    assert_unchanged(MapComprehensions(), "print([pow(b,a)for a,b in zip([2],[3])])\n")


def test_reversed_iteration_becomes_a_backward_slice() -> None:
    assert_transform(
        ReverseBySlice(),
        "d=[1,2]\nfor b in reversed(d):print(b)\n",
        "d=[1,2]\nfor b in d[::-1]:print(b)\n",
    )


def test_a_run_of_identical_calls_becomes_a_comprehension() -> None:
    assert_transform(
        RepeatAsComprehension(),
        "import random as T;K=range;T.seed(1)\nd=lambda a,b:[T.random()]*a\nprint([d(1,1),d(2,2),d(2,2),d(2,2),d(2,2),d(3,3)])\n",
        "import random as T;K=range;T.seed(1)\nd=lambda a,b:[T.random()]*a\nprint([d(1,1),*[d(2,2)for _ in K(4)],d(3,3)])\n",
    )


def test_two_repeated_calls_are_not_worth_a_comprehension() -> None:
    assert_unchanged(RepeatAsComprehension(), "d=len\nprint([d('a'),d('a')])\n")


def test_a_comprehension_that_only_descends_becomes_nested_sums() -> None:
    assert_transform(
        FlattenWithSum(),
        "P=sum;c={'a':[[1,2],[3]],'b':[[4]]}\nprint([p for a in c.values()for b in a for p in b])\n",
        "P=sum;c={'a':[[1,2],[3]],'b':[[4]]}\nprint(P(P(c.values(),[]),[]))\n",
    )


def test_a_comprehension_with_a_condition_is_not_flattened() -> None:
    assert_unchanged(FlattenWithSum(), "c=[[1],[2]]\nprint([p for a in c for p in a if p])\n")


def test_stripped_lines_of_a_file_are_read_by_iterating_it() -> None:
    assert_transform(
        IterateFileLines(),
        """
        import tempfile
        f=tempfile.NamedTemporaryFile('w',suffix='.txt',delete=False);f.write('ab\\n\\n cd \\n');f.close()
        print([a.strip()for a in open(f.name).read().strip().split('\\n')if a.strip()])
        """,
        """
        import tempfile
        f=tempfile.NamedTemporaryFile('w',suffix='.txt',delete=False);f.write('ab\\n\\n cd \\n');f.close()
        print([a.strip()for a in open(f.name)if a.strip()])
        """,
    )


def test_lines_used_unstripped_keep_the_split() -> None:
    assert_unchanged(IterateFileLines(), "print([a for a in open('x').read().split('\\n')])\n")


def test_the_verifier_refuses_a_flattening_of_tuples(tiny_verifier) -> None:
    """``sum(rows, [])`` cannot add a tuple to a list: the run that kept the rows in
    tuples crashes before training, where the reference went on."""
    tuple_rows = replace_once(
        tiny_reference_text(),
        "return [[Value(random.gauss(0, std)) for _ in range(nin)] for _ in range(nout)]",
        "return tuple([Value(random.gauss(0, std)) for _ in range(nin)] for _ in range(nout))",
    )
    verdict = rewritten_verdict(tiny_verifier, FlattenWithSum(), tuple_rows)
    assert not verdict.equivalent
    assert "crash" in verdict.divergence.describe()


def test_stripped_non_blank_lines_of_a_file_are_its_words() -> None:
    assert_transform(
        SplitStrippedLines(),
        """
        import tempfile
        f=tempfile.NamedTemporaryFile('w',suffix='.txt',delete=False);f.write('ab\\n\\n cd \\n');f.close()
        print([a.strip()for a in open(f.name)if a.strip()])
        """,
        """
        import tempfile
        f=tempfile.NamedTemporaryFile('w',suffix='.txt',delete=False);f.write('ab\\n\\n cd \\n');f.close()
        print(open(f.name).read().split())
        """,
    )


def test_lines_kept_whole_are_not_split_into_words() -> None:
    assert_unchanged(SplitStrippedLines(), "print([a.strip()for a in open('x')if a])\n")


def test_a_list_comprehension_consumed_by_sum_becomes_a_generator() -> None:
    assert_transform(
        GenerateArguments(),
        "P=sum\nprint(P([x*x for x in range(4)]), ''.join([c*2 for c in 'ab']), sum([1],[]))\n",
        "P=sum\nprint(P(x*x for x in range(4)), ''.join(c*2 for c in 'ab'), sum([1],[]))\n",
    )


def test_a_list_passed_to_an_unknown_function_stays_a_list() -> None:
    assert_unchanged(GenerateArguments(), "f=len\nprint(f([x for x in 'ab']))\n")


def test_the_verifier_refuses_iterating_a_list_that_a_call_in_the_loop_rebinds(
    tmp_path: Path,
) -> None:
    """``o[t]`` reads whatever list ``o`` names at that moment; ``for t in o`` iterates the
    list ``o`` named when the loop began. A call in the element that rebinds ``o`` to a
    scaled copy makes the sum of products come out another float."""
    rewritten, verdict = standalone_verdict(
        tmp_path,
        IterateDirectly(),
        """
        import random
        random.seed(6)
        o=[random.random() for _ in range(4)]
        def g():
         global o
         o=[v*1.1 for v in o];return .5
        print(sum([o[t]*g() for t in range(len(o))]))
        """,
    )
    assert "for t in o]" in rewritten
    assert not verdict.equivalent
    divergence = verdict.divergence
    assert (divergence.quantity, divergence.step, divergence.index) == ("stdout", 0, 1)
    assert float(divergence.reference.strip("b'")) != float(divergence.candidate.strip("b'"))
