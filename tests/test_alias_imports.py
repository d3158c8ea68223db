"""alias_imports: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

import pytest
from transform_check import assert_transform, assert_unchanged

from minimizer.transforms.alias_imports import AliasImports

PAIRS = [
    (
        "import random\nrandom.seed(1)\nrandom.seed(2)\nprint(random.random())\n",
        "import random as a\na.seed(1)\na.seed(2)\nprint(a.random())\n",
    ),
]


@pytest.mark.parametrize(("before", "after"), PAIRS)
def test_before_after(before: str, after: str) -> None:
    assert_transform(AliasImports(), before, after)


LEFT_ALONE = [
    "import os\nprint(os.sep)\n",  # one use does not pay for ' as a'
    "import random\nexec('print(random.random())')\nrandom.seed(1)\nrandom.seed(2)\n",
    "import os.path\nos.path.join('a')\nos.path.join('b')\nos.path.join('c')\n",
]


@pytest.mark.parametrize("program", LEFT_ALONE)
def test_left_alone(program: str) -> None:
    assert_unchanged(AliasImports(), program)
