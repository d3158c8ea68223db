"""The contract for any deterministic script, end to end: small programs that do not
train, read no ``input.txt`` or use no ``random`` are golfed, verified by ``golf
verify``, and the report and the verdict say what was compared and what was not
found.

Each program is golfed by the renaming and layout transforms only (the ones that
meet classes, closures and the rest), so that a run takes a few seconds; the
golfed program must be smaller, verified, and print what the original printed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from transform_check import dedent, run_program

from minimizer import GolfOptions, golf

ONLY = ("rename_globals", "rename_locals", "rename_attributes", "minimize_whitespace")

PROGRAMS = {
    "no-input-no-random": """
        total_sum = 0
        for number in range(5):
            total_sum += number * number
        print(total_sum)
        """,
    "classes": """
        class Counter:
            def __init__(self, start):
                self.value = start
            def advance(self, step):
                self.value += step
                return self.value
        counter = Counter(3)
        print([counter.advance(number) for number in range(4)])
        """,
    "generators": """
        def countdown(start):
            while start > 0:
                yield start
                start -= 1
        print(list(countdown(4)), sum(value for value in countdown(3)))
        """,
    "closures": """
        def make_adder(amount):
            def add(value):
                return value + amount
            return add
        add_three = make_adder(3)
        print(add_three(4), make_adder(10)(1))
        """,
    "exceptions": """
        class Problem(Exception):
            pass
        def risky(value):
            if value > 2:
                raise Problem(f'too big: {value}')
            return value
        for value in range(4):
            try:
                print(risky(value))
            except Problem as problem:
                print('caught', problem, repr(problem))
        """,
    "slots": """
        class Point:
            __slots__ = ('horizontal', 'vertical')
            def __init__(self, horizontal, vertical):
                self.horizontal, self.vertical = horizontal, vertical
        point = Point(3, 4)
        print(point.horizontal ** 2 + point.vertical ** 2)
        """,
    "dataclasses": """
        from dataclasses import dataclass, field
        @dataclass
        class Item:
            label: str
            weight: int = 1
            tags: list = field(default_factory=list)
        items = [Item('first'), Item('second', weight=3)]
        print(items, sum(item.weight for item in items))
        """,
    "namedtuples": """
        from collections import namedtuple
        Pair = namedtuple('Pair', 'left right')
        def swapped(pair):
            return pair._replace(left=pair.right, right=pair.left)
        print(swapped(Pair(1, 2)), Pair(3, 4).left)
        """,
    "decorators": """
        import functools
        def twice(function):
            @functools.wraps(function)
            def wrapper(value):
                return function(function(value))
            return wrapper
        @twice
        def increment(value):
            return value + 1
        print(increment(5), increment.__wrapped__(5))
        """,
    "debug-f-strings": """
        width = 3
        height = 4
        area = width * height
        print(f"{width=} {height=}", f"{area = }")
        """,
}


@pytest.fixture(autouse=True)
def _golf_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent), prepend=":")


@pytest.mark.parametrize("code", PROGRAMS.values(), ids=PROGRAMS.keys())
def test_a_deterministic_program_is_golfed_verified_and_says_what_was_compared(
    code: str, tmp_path: Path
) -> None:
    code = dedent(code)
    source = tmp_path / "program.py"
    source.write_text(code, encoding="utf-8")
    result = golf(source, tmp_path / "out", options=GolfOptions(only=ONLY, jobs=1))
    assert result.sizes["golfed"].chars < result.sizes["original"].chars
    assert run_program(result.program) == run_program(code)
    contract = result.report["contract"]
    assert contract == {
        "compared": ["stdout", "exit status", "random stream (0 calls)"],
        "not_found": ["parameters", "loss"],
    }
    report = (tmp_path / "out" / "program.report.md").read_text(encoding="utf-8")
    assert (
        "compared: stdout, exit status, random stream (0 calls); not found: parameters, loss"
        in report
    )
    verify = subprocess.run(
        [sys.executable, "-m", "minimizer.cli", "verify", str(source), str(result.path), "--json"],
        capture_output=True,
        text=True,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    verdict = json.loads(verify.stdout)
    assert verdict["compared"] == contract["compared"]
    assert verdict["not_found"] == contract["not_found"]


def test_golf_verify_says_what_it_compared_and_what_it_found_not(tmp_path: Path) -> None:
    reference = tmp_path / "reference.py"
    reference.write_text(
        "import random\nrandom.seed(1)\nprint(random.random(), random.randint(1, 6))\n",
        encoding="utf-8",
    )
    candidate = tmp_path / "candidate.py"
    candidate.write_text(
        "import random as r\nr.seed(1)\nprint(r.random(), r.randint(1, 6))\n", encoding="utf-8"
    )
    verify = subprocess.run(
        [sys.executable, "-m", "minimizer.cli", "verify", str(reference), str(candidate)],
        capture_output=True,
        text=True,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    # seed, random and randint's own calls into the generator: the stream is not empty
    lines = verify.stdout.splitlines()
    contract = next(line for line in lines if line.startswith("compared: "))
    assert contract.startswith("compared: stdout, exit status, random stream (")
    assert "(0 calls)" not in contract
    assert contract.endswith("; not found: parameters, loss")


ANNOTATED = 'def f(x: print("evaluated")):\n    pass\nprint("end")\n'


def test_a_program_runs_without_the_verifiers_own_future_imports(tmp_path: Path) -> None:
    """The harness and the golfer are written with ``from __future__ import annotations``;
    a program they compile must not inherit it, or an annotation a program evaluates for
    its effect would be skipped in both runs, and its removal found equivalent."""
    from verifier.verification import Verifier

    reference = tmp_path / "annotated.py"
    reference.write_text(ANNOTATED)
    verifier = Verifier(reference, None)
    assert verifier.trace.stdout == b"evaluated\nend\n"
    assert not verifier.verify(b'def f(x):\n    pass\nprint("end")\n').equivalent


def test_a_walrus_in_an_annotation_compiles_for_the_gate() -> None:
    """Valid without the future import (and invalid with it)."""
    from minimizer.problem import Problem

    program = "def f(a: (z := int)):\n    return z\nprint(f(1))\n"
    problem = Problem.__new__(Problem)
    problem.best = program
    check = problem._without_a_run(program, None)
    assert check is not None and check.accepted
