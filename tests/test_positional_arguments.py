"""positional_arguments: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import pair_tests

from minimizer.transforms.positional_arguments import PositionalArguments

PAIRS = [
    (
        "import random\nrandom.seed(3)\nprint(random.choices(range(4), weights=[1, 2, 3, 4], k=2))\n",
        "import random\nrandom.seed(3)\nprint(random.choices(range(4), [1, 2, 3, 4], k=2))\n",
    ),
    (
        "from math import isclose as close\nprint(close(a=1.0, b=1.0, abs_tol=0.1))\n",
        "from math import isclose as close\nprint(close(1.0, 1.0, abs_tol=0.1))\n",
    ),
]

LEFT_ALONE = [
    "print(1, end='')\n",
    "import random\nrandom.seed(1)\nprint(random.choices([1, 2], k=1))\n",
    "def choices(a, b=1):\n    return a + b\nprint(choices(1, b=2))\n",
    "import math\nprint(math.isclose(b=1.0, a=1.0))\n",
    "import math\nprint(math.isclose(*[1.0], b=1.0))\n",
]


test_before_after, test_left_alone = pair_tests(PositionalArguments(), PAIRS, LEFT_ALONE)
