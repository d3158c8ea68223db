"""The one way transform tests are written: a before/after pair, and both programs run.

``assert_transform(transform, before, after)`` applies the transform (all of
its sites, or the ones given) to ``before``, checks that the text is exactly
``after``, and then runs both programs in this process and checks that they
print the same and end the same way. A pair whose ``after`` text is right but
whose behaviour changed fails here, so a test cannot bless a broken rewrite.
(A ``before`` that is only a fragment, such as a ``return`` outside a function,
does not compile: then only its text is checked.)

For a rewrite that is *meant* to change floats (a RISKY one the verifier
judges), pass ``same_output=False``: the text is still checked, and the
verifier-level tests show the rejection.

A transform's test file lists its pairs and refusals as data and gets the two
tests that check them from :func:`pair_tests`.
"""

from __future__ import annotations

import contextlib
import io
import resource
import textwrap
from collections.abc import Iterator
from pathlib import Path
from collections.abc import Callable, Collection

import libcst as cst
import pytest

from minimizer.transforms.base import Safety, Transform


def dedent(source: str) -> str:
    """Test sources are written indented inside the test; programs start at column 0."""
    return textwrap.dedent(source).lstrip("\n")


def apply_sites(transform: Transform, source: str, sites: Collection[int] | None = None) -> str:
    """``source`` with the given sites of ``transform`` applied (default: every site)."""
    module = cst.parse_module(source)
    chosen = range(transform.count_sites(module)) if sites is None else sites
    return transform.apply(module, chosen).code


#: Memory a program run here may take beyond what the test process already holds.
PROGRAM_MEMORY = 1 << 30
STATM = Path("/proc/self/statm")


@contextlib.contextmanager
def _memory_cap() -> Iterator[None]:
    """Generated programs can be memory bombs (a string that doubles at each level of a
    recursion): capped, they end in MemoryError, which counts as behaviour, instead of
    taking the machine. Where the process size cannot be read, there is no cap."""
    if not STATM.exists():
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    in_use = int(STATM.read_text().split()[0]) * resource.getpagesize()
    limits = [in_use + PROGRAM_MEMORY, soft, hard]
    cap = min(limit for limit in limits if limit != resource.RLIM_INFINITY)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def run_program(source: str) -> tuple[str, str | None]:
    """What ``source`` prints when run as a script, and the exception that ended it, if any."""
    output = io.StringIO()
    error = None
    with contextlib.redirect_stdout(output), _memory_cap():
        try:
            exec(compile(source, "<program>", "exec"), {"__name__": "__main__"})
        except Exception as exception:  # how a program fails is part of its behaviour
            error = type(exception).__name__
    return output.getvalue(), error


def _compiles(source: str) -> bool:
    try:
        compile(source, "<before>", "exec")
    except SyntaxError:
        return False
    return True


def assert_transform(
    transform: Transform,
    before: str,
    after: str,
    *,
    sites: Collection[int] | None = None,
    same_output: bool = True,
) -> None:
    """``transform`` turns ``before`` into exactly ``after``, and both behave alike."""
    before, after = dedent(before), dedent(after)
    result = apply_sites(transform, before, sites)
    assert result == after, f"{transform.name} gave:\n{result}\nexpected:\n{after}"
    if not _compiles(before):
        return  # a fragment (``return`` outside a function): its text is all there is
    compile(result, "<after>", "exec")
    if same_output:
        assert run_program(before) == run_program(result)


def assert_risky_rewrite(transform: Transform, before: str, after: str) -> None:
    """A RISKY ``transform`` turns ``before`` into exactly ``after``, and the two print
    differently: the case that makes the verifier's judgement necessary."""
    assert transform.safety is Safety.RISKY
    assert_transform(transform, before, after, same_output=False)
    assert run_program(dedent(before)) != run_program(dedent(after))


def assert_unchanged(transform: Transform, source: str) -> None:
    """``transform`` proposes nothing in ``source`` (a refusal, or nothing to do)."""
    source = dedent(source)
    module = cst.parse_module(source)
    assert transform.count_sites(module) == 0, f"{transform.name} proposed sites in:\n{source}"


def pair_tests(
    transform: Transform, pairs: list[tuple[str, str]], left_alone: list[str] = ()
) -> tuple[Callable[[str, str], None], Callable[[str], None]]:
    """The two tests of a transform's file: every ``(before, after)`` pair through
    :func:`assert_transform`, and every program it must leave alone through
    :func:`assert_unchanged`. Bind them to ``test_`` names for pytest to collect."""

    @pytest.mark.parametrize(("before", "after"), pairs)
    def test_before_after(before: str, after: str) -> None:
        assert_transform(transform, before, after)

    @pytest.mark.parametrize("program", left_alone)
    def test_left_alone(program: str) -> None:
        assert_unchanged(transform, program)

    return test_before_after, test_left_alone
