"""alias_imports: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import pair_tests

from minimizer.transforms.alias_imports import AliasImports

PAIRS = [
    (
        "import random\nrandom.seed(1)\nrandom.seed(2)\nprint(random.random())\n",
        "import random as a\na.seed(1)\na.seed(2)\nprint(a.random())\n",
    ),
]

LEFT_ALONE = [
    "import os\nprint(os.sep)\n",  # one use does not pay for ' as a'
    "import random\nexec('print(random.random())')\nrandom.seed(1)\nrandom.seed(2)\n",
    "import os.path\nos.path.join('a')\nos.path.join('b')\nos.path.join('c')\n",
]


test_before_after, test_left_alone = pair_tests(AliasImports(), PAIRS, LEFT_ALONE)
