"""Shared fixtures: a tiny microgpt that runs in a fraction of a second, and verifiers for it.

The tiny reference is the text of ``reference/microgpt.py`` with only its
configuration constants made small, so every test exercises the real program's
code paths. Its corpus is made up here from syllables, so the tests depend on
no file but the reference. Traces are cached in a temporary directory shared by
the xdist workers of one run (never in ``~/.cache``), and the expensive full-size
trace is recorded under a file lock so that only one worker pays for it.
"""

from __future__ import annotations

import fcntl
import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from verifier.sandbox import Limits
from verifier.verification import Verifier

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "reference" / "microgpt.py"
SHARED_DATA = ROOT.parent / "shared" / "data"
FULL_DATA = SHARED_DATA / "names.txt"
#: Set in CI, which has the real corpus: there a missing corpus fails instead of skipping.
REQUIRE_CORPUS = "BABBLETEST_REQUIRE_CORPUS"

#: Exact lines of the reference and their tiny replacements. head_dim stays 4 (8 // 2)
#: as in the reference, so that mutants touching the attention scale mean the same.
TINY_CONFIGURATION = (
    ("n_embd = 16  #", "n_embd = 8  #"),
    ("n_head = 4  #", "n_head = 2  #"),
    ("block_size = 8  #", "block_size = 4  #"),
    ("num_steps = 30\n", "num_steps = 3\n"),
    ("for sample_idx in range(20):", "for sample_idx in range(3):"),
)
TINY_STEPS = 3

ONSETS = ("b", "d", "k", "l", "m", "n", "r", "s", "t", "v", "z")
VOWELS = ("a", "e", "i", "o", "u", "y")


# CI runs the property tests on a fixed set of examples, so that a submission's
# verdict does not depend on the draw; local runs keep exploring new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def require_corpus(path: Path = FULL_DATA) -> Path:
    """``path`` when the real corpus is beside this clone; otherwise skip, visibly.

    A user's clone has no ``../shared``, so these tests skip there with the reason
    in pytest's summary. CI sets ``BABBLETEST_REQUIRE_CORPUS``, which turns the skip
    into a failure: CI can never go green without having run them."""
    if path.exists():
        return path
    reason = f"the real corpus is not beside this clone: {path} is missing"
    if os.environ.get(REQUIRE_CORPUS):
        pytest.fail(f"{reason} (and {REQUIRE_CORPUS} is set)", pytrace=False)
    pytest.skip(reason)


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with its single occurrence of ``old`` replaced; fails loudly otherwise."""
    count = text.count(old)
    assert count == 1, f"expected exactly one {old!r} in the program, found {count}"
    return text.replace(old, new)


def reference_text() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def tiny_reference_text() -> str:
    text = reference_text()
    for old, new in TINY_CONFIGURATION:
        text = replace_once(text, old, new)
    return text


def tiny_corpus(count: int = 50) -> str:
    """``count`` distinct names of one to four syllables, the same on every call.

    The lengths vary so that some names fill the tiny context (block_size 4) and
    some end before it, and the alphabet is small so the vocabulary is too.
    """
    syllables = [onset + vowel for onset, vowel in itertools.product(ONSETS, VOWELS)]
    names = []
    for number in range(count):
        syllable_count = 1 + number % 4
        # A stride coprime with the syllable count walks through all of them.
        picks = [syllables[(number * 7 + 13 * k) % len(syllables)] for k in range(syllable_count)]
        names.append("".join(picks)[: 2 + number % 7])
    assert len(set(names)) == len(names), "the made-up names must be distinct"
    return "\n".join(names) + "\n"


class LimitedVerifier(Verifier):
    """A verifier whose candidates get fixed, short limits instead of ones derived
    from the reference's cost, so that sandbox tests end in seconds."""

    def __init__(self, reference: Path, data: Path | None, limits: Limits) -> None:
        super().__init__(reference, data)
        self.limits = limits

    def candidate_limits(self) -> Limits:
        return self.limits


def write_workspace(directory: Path, program: str, corpus: str) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    program_path = directory / "microgpt.py"
    data_path = directory / "input.txt"
    program_path.write_text(program, encoding="utf-8")
    data_path.write_text(corpus, encoding="utf-8")
    return program_path, data_path


@pytest.fixture(scope="session", autouse=True)
def trace_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A trace cache in a temporary directory, shared by the xdist workers of this run."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # every worker's basetemp sits in this run's directory
    directory = root / "trace-cache"
    directory.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BABBLETEST_CACHE", str(directory))
        yield directory


@pytest.fixture(scope="session")
def tiny_workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(program, data) of the tiny reference, written once per session."""
    return write_workspace(
        tmp_path_factory.mktemp("tiny-reference"), tiny_reference_text(), tiny_corpus()
    )


@pytest.fixture(scope="session")
def tiny_verifier(tiny_workspace: tuple[Path, Path], trace_cache: Path) -> Verifier:
    verifier = Verifier(*tiny_workspace)
    verifier.trace  # record (or load) it once, before any candidate
    return verifier


@pytest.fixture(scope="session")
def full_verifier(trace_cache: Path) -> Verifier:
    """The real reference on the real corpus; its trace costs a full run, recorded once."""
    verifier = Verifier(REFERENCE, require_corpus())
    with (trace_cache / "full-size.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other workers wait, then load the cache
        verifier.trace
    return verifier
