"""Programs whose parameters the observer could misread (found by attacking the faster
observer): it must never claim to compare parameters it cannot read, nor crash on a
program ``python3`` runs fine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LimitedVerifier

from verifier.divergence import Quantity
from verifier.sandbox import Limits

LIMITS = Limits(wall_seconds=8.0, memory_bytes=1024**3, stdout_bytes=64 * 1024)

DOTTED_ATTRIBUTE = """\
import random
random.seed(42)
class V:
    def __init__(self, d):
        setattr(self, "w.data", d)
params = [V(random.gauss(0, 0.1)) for _ in range(8)]
print("init")
for step in range(3):
    for p in params:
        setattr(p, "w.data", getattr(p, "w.data") * 0.99)
    print(f"step {step}")
"""

NON_STRING_KEY = """\
import random
random.seed(42)
class V:
    def __init__(self, d):
        self.data = d
        self.__dict__[1] = 0.5
params = [V(random.gauss(0, 0.1)) for _ in range(4)]
print("init", params[0].data)
"""

FLOAT_SUBCLASS = """\
import random
random.seed(42)
class F(float):
    pass
params = [F(random.gauss(0, 0.1)) for _ in range(4)]
loss = F(1.5)
print("init")
for step in range(2):
    params = [F(p * 0.99) for p in params]
    loss = F(loss * 0.5)
    print(f"step {step} loss {loss:.4f}")
"""

SHUFFLE_BY_KEYWORD = (
    "import random\nrandom.seed(1)\nl = list(range(10))\nrandom.shuffle(x=l)\nprint(l)\n"
)


def _verify(tmp_path: Path, reference: str, candidate: str):
    program = tmp_path / "program.py"
    program.write_text(reference)
    return LimitedVerifier(program, None, LIMITS).verify(candidate.encode(), "program.py")


def test_parameters_behind_a_dotted_attribute_are_not_claimed_as_compared(tmp_path: Path) -> None:
    # attrgetter reads "w.data" as a path: such floats cannot be read, so they are not found
    verdict = _verify(tmp_path, DOTTED_ATTRIBUTE, DOTTED_ATTRIBUTE.replace("0.99", "0.98"))
    assert "parameters" in verdict.not_found, verdict.describe()
    assert not any(item.startswith("parameters") for item in verdict.compared)


def test_a_leaf_with_a_non_string_attribute_key_is_equivalent_to_itself(tmp_path: Path) -> None:
    verdict = _verify(tmp_path, NON_STRING_KEY, NON_STRING_KEY)
    assert verdict.equivalent, verdict.describe() + verdict.stderr_tail.decode()


def test_parameters_of_a_float_subclass_are_compared(tmp_path: Path) -> None:
    verdict = _verify(tmp_path, FLOAT_SUBCLASS, FLOAT_SUBCLASS.replace("0.99", "0.98"))
    assert verdict.divergence is not None, verdict.describe()
    assert verdict.divergence.quantity in (Quantity.PARAMETER, Quantity.PARAMETERS)
    assert _verify(tmp_path, FLOAT_SUBCLASS, FLOAT_SUBCLASS).equivalent


def test_shuffle_called_by_keyword_is_equivalent_to_itself(tmp_path: Path) -> None:
    verdict = _verify(tmp_path, SHUFFLE_BY_KEYWORD, SHUFFLE_BY_KEYWORD)
    assert verdict.equivalent, verdict.describe() + verdict.stderr_tail.decode()


#: Random calls that differ only in a value the fingerprint once summarised by its type
#: (or merged: ``True == 1``): reference, and the text that the candidate changes.
ARGUMENTS_ONCE_MERGED = {
    "bool-for-int": (
        "import random\nrandom.seed(1)\nprint(random.randint(1, 5))\n",
        "(1,",
        "(True,",
    ),
    "deque": (
        "import random\nfrom collections import deque\nrandom.seed(1)\n"
        "print(random.choice(deque([1, 1, 1, 2])) > 0)\n",
        "2]",
        "3]",
    ),
    "bytearray": (
        "import random\nrandom.seed(1)\nb = bytearray(b'abcd')\nrandom.shuffle(b)\nprint(len(b))\n",
        "abcd",
        "wxyz",
    ),
    "fraction-weights": (
        "import random\nfrom fractions import Fraction\nrandom.seed(1)\n"
        "print(random.choices('ab', weights=[Fraction(1000), Fraction(1)]))\n",
        "1000",
        "999",
    ),
}


@pytest.mark.parametrize(
    ("reference", "old", "new"), ARGUMENTS_ONCE_MERGED.values(), ids=ARGUMENTS_ONCE_MERGED
)
def test_random_arguments_that_differ_only_in_kind_or_contents_diverge(
    tmp_path: Path, reference: str, old: str, new: str
) -> None:
    assert _verify(tmp_path, reference, reference).equivalent
    verdict = _verify(tmp_path, reference, reference.replace(old, new, 1))
    assert verdict.divergence is not None, verdict.describe()
    assert verdict.divergence.quantity is Quantity.RANDOM_CALL
