"""``--effort``: the level as an option (command line, [tool.golf], API), and what each
level buys the search, shown with toy rewrites on a program that runs in milliseconds.

The toy rewrites respell one expression of the program; they are test doubles for
the search (which only sees sites, candidates and verdicts), not transforms of
``minimizer.transforms``. Each one's candidate is still verified by a real run.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import libcst as cst
import pytest

from minimizer.api import golf
from minimizer.effort import Effort
from minimizer.golf_cli import TRANSFORM_NAMES, main
from minimizer.options import GolfOptions, OptionError, resolve
from minimizer.problem import Problem
from minimizer.search import Search
from minimizer.transforms import GOLF_TIERS, load_tiers
from minimizer.transforms.base import Safety, Transform
from verifier.verification import Verifier

PROGRAM = "import random\nrandom.seed(5)\nprint(random.random(), 1+1+1)\n"


class Respell(Transform):
    """A toy risky rewrite: the first ``old`` in the program becomes ``new``."""

    safety = Safety.RISKY

    def __init__(self, name: str, old: str, new: str) -> None:
        self.name, self.old, self.new = name, old, new

    def count_sites(self, module: cst.Module) -> int:
        return int(self.old in module.code)

    def apply(self, module: cst.Module, sites: Collection[int]) -> cst.Module:
        return cst.parse_module(
            module.code.replace(self.old, self.new, 1) if sites else module.code
        )


#: Two rewrites of the same code: whichever goes first takes it from the other.
PARTLY = Respell("fold_partly", "1+1+1", "1+2")
WHOLLY = Respell("fold_wholly", "1+1+1", "3")
#: A rewrite that only has a site once ``PARTLY`` has been kept.
FINISH = Respell("fold_rest", "1+2", "3")


def searched(tmp_path: Path, risky: list[Transform], effort: int) -> Problem:
    reference = tmp_path / "program.py"
    reference.write_text(PROGRAM)
    written: list[str] = []
    problem = Problem(PROGRAM, Verifier(reference, None), written.append)
    Search(problem, [risky], jobs=1, effort=effort).run()
    assert problem.best == problem.verified and (not written or written[-1] == problem.verified)
    # What reaches the output folder only ever gets smaller, whichever path found it.
    assert [len(program) for program in written] == sorted(map(len, written), reverse=True)
    return problem


# --- the option ----------------------------------------------------------------------


@pytest.mark.parametrize("value, level", [(1, 1), ("2", 2), (3, 3), ("fast", 1), ("thorough", 3)])
def test_effort_is_read_as_a_number_or_a_name(value: object, level: int) -> None:
    assert resolve({"effort": value}, {}, TRANSFORM_NAMES).effort == level
    assert resolve({}, {"effort": value}, TRANSFORM_NAMES).effort == level


def test_the_default_effort_is_the_default_level_and_the_command_line_wins() -> None:
    assert GolfOptions().effort == resolve({}, {}, TRANSFORM_NAMES).effort == 2
    assert resolve({"effort": 3}, {"effort": "fast"}, TRANSFORM_NAMES).effort == 1


@pytest.mark.parametrize(
    "value, message",
    [("thorogh", "did you mean 'thorough'?"), ("fst", "did you mean 'fast'?"), (0, "not 0"),
     (4, "not 4"), (True, "not True"), (2.5, "not 2.5")],
)  # fmt: skip
def test_a_wrong_effort_is_refused_with_the_closest_level(value: object, message: str) -> None:
    with pytest.raises(OptionError, match="effort must be one of 1 \\(fast\\), 2 \\(default\\)"):
        resolve({"effort": value}, {}, TRANSFORM_NAMES)
    with pytest.raises(OptionError, match=message.replace("?", r"\?")):
        GolfOptions(effort=value)  # type: ignore[arg-type]  # the API refuses it too


def test_a_wrong_effort_on_the_command_line_or_in_pyproject_exits_2(tmp_path: Path, capsys) -> None:
    program = tmp_path / "src" / "prog.py"
    program.parent.mkdir()
    program.write_text(PROGRAM)
    assert main([str(program), "-o", str(tmp_path / "out"), "--effort", "thourough"]) == 2
    assert "did you mean 'thorough'?" in capsys.readouterr().err
    (program.parent / "pyproject.toml").write_text("[tool.golf]\neffort = 9\n")
    assert main([str(program), "-o", str(tmp_path / "out")]) == 2
    assert "effort must be one of" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_thorough_tries_the_risky_tier_in_other_orders_and_leaves_the_others_alone() -> None:
    tiers = load_tiers(GOLF_TIERS)
    risky = next(index for index, tier in enumerate(tiers) if tier[0].safety is Safety.RISKY)
    assert Effort(2).orders(tiers) == [tiers] and Effort(1).orders(tiers) == [tiers]
    declared, reversed_, rotated = Effort(3).orders(tiers)
    assert declared == tiers
    assert reversed_[risky] == tiers[risky][::-1] and sorted(map(id, rotated[risky])) == sorted(
        map(id, tiers[risky])
    )
    assert rotated[risky] not in (tiers[risky], reversed_[risky])
    for index, tier in enumerate(tiers):
        if index != risky:
            assert reversed_[index] == rotated[index] == tier


# --- what each level buys ----------------------------------------------------------------


def test_fast_stops_after_one_round_where_the_default_goes_on(tmp_path: Path) -> None:
    fast = searched(tmp_path, [FINISH, PARTLY], effort=1)
    default = searched(tmp_path, [FINISH, PARTLY], effort=2)
    assert "1+2" in fast.best and "1+2" not in default.best and ", 3)" in default.best
    assert len(default.best) < len(fast.best)


def test_thorough_finds_the_order_in_which_a_bigger_rewrite_goes_first(tmp_path: Path) -> None:
    default = searched(tmp_path, [PARTLY, WHOLLY], effort=2)
    thorough = searched(tmp_path, [PARTLY, WHOLLY], effort=3)
    assert "1+2" in default.best  # the partial fold took the code first
    assert ", 3)" in thorough.best and len(thorough.best) < len(default.best)
    assert thorough.stats["fold_wholly"].kept == 1


def test_thorough_keeps_the_first_path_when_another_order_ends_larger(tmp_path: Path) -> None:
    thorough = searched(tmp_path, [WHOLLY, PARTLY], effort=3)
    assert ", 3)" in thorough.best  # the reversed order's `1+2` did not replace it


def test_every_level_golfs_a_program_through_the_api_and_verifies_it(tmp_path: Path) -> None:
    source = tmp_path / "src" / "prog.py"
    source.parent.mkdir()
    source.write_text("import random\nrandom.seed(7)\nvalues = [random.random() for _ in range(3)]\n"
                      "total = 0.0\nfor value in values:\n    total = total + value\nprint(total)\n")  # fmt: skip
    sizes = {}
    for level in (1, 2, 3):
        result = golf(source, tmp_path / f"out{level}", options=GolfOptions(effort=level, jobs=1))
        assert (tmp_path / f"out{level}" / "prog.py").read_text() == result.program
        verdict = Verifier(source, None).verify(result.program.encode(), "prog.py")
        assert verdict.equivalent, verdict.describe()
        sizes[level] = len(result.program)
    assert sizes[3] <= sizes[2] < len(source.read_text())
