"""The readable objective: black's lines first, and restructurings only where they save one."""

from __future__ import annotations

from types import SimpleNamespace

from minimizer.objective import BlackLines, Characters, black_line_count
from minimizer.problem import Problem
from minimizer.search import Search
from minimizer.transforms import load_transform

# Inlining `total` leaves a line that still fits; inlining `scaled` would make black split the print.
PROGRAM = """\
def report(values):
    total = sum(values)
    print(total)
    scaled = [value * 1000000 for value in values if value > 0 and value < 1000000000]
    print(sorted(scaled, key=lambda value: -value)[0], len(values), "and a long tail")
"""


class AcceptEverything:
    """A verifier stand-in: these tests are about what the search proposes, not about runs."""

    def verify(self, program: bytes, name: str, names: dict[str, str]) -> SimpleNamespace:
        compile(program, name, "exec")
        return SimpleNamespace(equivalent=True, divergence=None)


def search_with(objective: BlackLines | Characters) -> str:
    problem = Problem(PROGRAM, AcceptEverything(), lambda program: None, objective=objective)
    Search(problem, [[load_transform("inline_variables")]], jobs=1).run()
    return problem.best


def test_black_line_count_counts_black_s_layout_not_the_source_s() -> None:
    assert black_line_count("x=1;y=2\n") == 2
    assert black_line_count("def f(): return 1\nz = f()\n") == 5  # two blank lines after a def
    assert black_line_count("x = (\n\n1)\n") == 1


def test_what_black_cannot_parse_costs_more_than_anything_it_can() -> None:
    assert BlackLines().cost("print 'python 2'\n") > BlackLines().cost("x = 1\n" * 500)


def test_the_readable_objective_ranks_lines_before_characters() -> None:
    one_long_line = "value = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9\n"
    two_short_lines = "a = 1\nb = 2\n"
    assert BlackLines().cost(one_long_line) < BlackLines().cost(two_short_lines)
    assert Characters().cost(two_short_lines) < Characters().cost(one_long_line)


def test_readable_search_inlines_only_where_black_then_needs_fewer_lines() -> None:
    result = search_with(BlackLines())
    assert "print(sum(values))" in result
    assert "scaled = [" in result, result  # inlining it would have split the print
    assert black_line_count(result) == black_line_count(PROGRAM) - 1


def test_golf_search_inlines_both_whatever_the_layout() -> None:
    result = search_with(Characters())
    assert "total" not in result and "scaled" not in result, result


# Each inline alone fits on a line; both together would make black split the print.
TWO_INLINES_THAT_DO_NOT_FIT_TOGETHER = """\
def describe(measurements):
    smallest = min(v for v in measurements if v is not None)
    rounded = round_to_grid(smallest, 0.25)
    print(rounded, "is the smallest measurement on the grid")
"""


def test_readable_search_keeps_each_restructuring_that_still_saves_a_line_on_top_of_the_others() -> (
    None
):
    problem = Problem(
        TWO_INLINES_THAT_DO_NOT_FIT_TOGETHER, AcceptEverything(), lambda program: None,
        objective=BlackLines(),
    )  # fmt: skip
    Search(problem, [[load_transform("inline_variables")]], jobs=1).run()
    before = black_line_count(TWO_INLINES_THAT_DO_NOT_FIT_TOGETHER)
    assert black_line_count(problem.best) == before - 1, problem.best
