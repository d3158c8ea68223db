"""remove_annotations: before/after pairs (text and behaviour), and what it leaves alone."""

from __future__ import annotations

from transform_check import pair_tests

from minimizer.transforms.remove_annotations import RemoveAnnotations

PAIRS = [
    (
        "def f(n: int, *rest: str, k: 'Foo' = 2) -> int:\n    return n + k\nprint(f(1))\n",
        "def f(n, *rest, k = 2):\n    return n + k\nprint(f(1))\n",
    ),
    (
        "def f():\n    total: int | None = 3\n    return total\nprint(f())\n",
        "def f():\n    total = 3\n    return total\nprint(f())\n",
    ),
    ("value: list[int] = [1]\nprint(value)\n", "value = [1]\nprint(value)\n"),
    (
        "class Plain:\n    size: int = 4\n    def get(self) -> int:\n        return self.size\n"
        "print(Plain().get())\n",
        "class Plain:\n    size = 4\n    def get(self):\n        return self.size\n"
        "print(Plain().get())\n",
    ),
]

LEFT_ALONE = [
    # a bare annotation makes the name local to its function
    "count = 1\ndef f():\n    count: int\n    return 2\nprint(f())\n",
    # evaluating these could do something
    "def f(n: print('hi')):\n    return n\nprint(f(1))\n",
    # programs that read annotations
    "def f(n: int):\n    return n\nprint(f.__annotations__)\n",
    "import typing\ndef f(n: int):\n    return n\nprint(typing.get_type_hints(f))\n",
    "import inspect\ndef f(n: int):\n    return n\nprint(inspect.signature(f))\n",
    # annotations that become fields
    "from dataclasses import dataclass\n@dataclass\nclass P:\n    x: int = 1\nprint(P())\n",
    "from typing import NamedTuple\nclass P(NamedTuple):\n    x: int = 1\nprint(P())\n",
]

test_before_after, test_left_alone = pair_tests(RemoveAnnotations(), PAIRS, LEFT_ALONE)
