"""The cheap proofs that let the search skip a training run must never be wrong."""

import pytest

from minimizer.checks import CheckKind
from minimizer.equivalence import proof_of_equivalence


@pytest.mark.parametrize(
    ("first", "second", "proof"),
    [
        ("x=1\nprint(x)\n", "x = 1\nprint( x )  # layout\n", CheckKind.SAME_AST),
        (
            "def f(a):\n b=a+1\n return b\n",
            "def f(a):\n c=a+1\n return c\n",
            CheckKind.SAME_BYTECODE,
        ),
        ("x=0.0\n", "x=0.\n", CheckKind.SAME_AST),
    ],
)
def test_proofs(first: str, second: str, proof: CheckKind) -> None:
    assert proof_of_equivalence(first, second) == proof


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("x=0.0\n", "x=-0.0\n"),  # equal floats, different bits
        ("x=1\n", "x=1.0\n"),  # equal values, different types
        ("y=1\n", "z=1\n"),  # a global is renamed: other code may read it
        # a parameter is renamed: a keyword call would break
        ("def f(a):\n return a\nprint(f(a=1))\n", "def f(x):\n return x\nprint(f(a=1))\n"),
        ("def f(*a):\n return a\n", "def f(*x):\n return x\n"),
        # the function shows its locals' names
        ("def f():\n b=1\n return locals()\n", "def f():\n c=1\n return locals()\n"),
    ],
)
def test_no_proof_where_behaviour_could_differ(first: str, second: str) -> None:
    assert proof_of_equivalence(first, second) is None
