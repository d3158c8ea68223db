"""Before/after pairs for the output rewrites of issue 11, and two ``%`` formats the
verifier refuses: one because the value it formats is a pair of floats, one because it
rounds a decimal number as a binary float."""

from __future__ import annotations

from pathlib import Path

from rewrite_verdicts import standalone_verdict
from transform_check import apply_sites, assert_transform, assert_unchanged

from minimizer.transforms.format_with_percent import FormatWithPercent
from minimizer.transforms.split_print_fstrings import SplitPrintFstrings
from verifier.verification import Verifier


def test_values_between_spaces_become_print_arguments() -> None:
    assert_transform(
        SplitPrintFstrings(),
        """
        n=3;J='ab'
        print(f"num docs: {n}")
        print(f"sample {n+1:2d}: {J}")
        print(f"{n} {J}  {n}")
        """,
        """
        n=3;J='ab'
        print("num docs:",n)
        print(f"sample {n+1:2d}:",J)
        print(n,J,"",n)
        """,
    )


def test_print_through_an_alias_is_split_too() -> None:
    assert_transform(
        SplitPrintFstrings(),
        "M=print\nn=3\nM(f'vocab size: {n}')\n",
        "M=print\nn=3\nM('vocab size:',n)\n",
    )


def test_a_value_glued_to_text_or_with_a_separator_stays_in_the_string() -> None:
    assert_unchanged(SplitPrintFstrings(), "n=3\nprint(f'n={n}')\nprint(f'a {n}', sep='')\n")


def test_an_fstring_argument_becomes_a_percent_format_where_shorter() -> None:
    assert_transform(
        FormatWithPercent(),
        'j=1;x=.5\nprint(f"step {j+1:4d} /   30 | loss {x:.4f}")\n',
        'j=1;x=.5\nprint("step %4d /   30 | loss %.4f"%(j+1,x))\n',
    )


def test_a_field_percent_cannot_spell_is_left_alone() -> None:
    assert_unchanged(FormatWithPercent(), "x=5\nprint(f'{x:>4} and {x!r:>3}', f'{x:,}')\n")


def test_the_verifier_refuses_a_percent_format_of_a_pair_of_floats(tmp_path: Path) -> None:
    """``%`` unpacks a tuple into its fields, so ``"%r"%w`` of a pair is a different
    program: the first divergence is the crash where the reference printed the pair."""
    reference = tmp_path / "pair.py"
    reference.write_text(
        "import random\nrandom.seed(1)\nw=(random.random(),random.random())\n"
        'print(f"weights {w!r} drawn")\n'
    )
    verifier = Verifier(reference, None)
    candidate = apply_sites(FormatWithPercent(), reference.read_text())
    assert '"weights %r drawn"%w' in candidate
    verdict = verifier.verify(candidate.encode(), "pair.py")
    assert not verdict.equivalent
    assert "crash" in verdict.divergence.describe()


def test_the_verifier_refuses_a_percent_format_that_rounds_a_decimal_as_a_float(
    tmp_path: Path,
) -> None:
    """The output rewrites compute no float; what they can change is how a number is
    written. ``{w:.4f}`` rounds a ``Decimal`` half to even, in decimal; ``%.4f`` first
    turns it into the nearest binary float, just above the half, and rounds up: the
    weight printed at the first line changes, and the divergence says so."""
    rewritten, verdict = standalone_verdict(
        tmp_path,
        FormatWithPercent(),
        """
        from decimal import Decimal
        for k in range(1,4):
         w=Decimal(k)/Decimal(20000)
         print(f"weight {w:.4f} at step {k:d}")
        """,
    )
    assert '"weight %.4f at step %d"%(w,k)' in rewritten
    assert not verdict.equivalent
    divergence = verdict.divergence
    assert (divergence.quantity, divergence.step, divergence.index) == ("stdout", 0, 1)
    written = [text.split()[1] for text in (divergence.reference, divergence.candidate)]
    assert written[0] != written[1] and float(written[0]) < float(written[1]), written
