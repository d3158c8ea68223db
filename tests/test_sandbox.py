"""Candidates that misbehave are stopped inside their limits and rejected for the right reason.

Each candidate is the tiny reference with something appended (so everything
observable agrees up to the misbehaviour) or prepended (so it misbehaves
before the first event). The verifier gives them short, fixed limits, and
every verdict must come back within those limits plus a small margin: the
verifier itself never hangs, whatever the child does to its streams.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from conftest import LimitedVerifier, tiny_reference_text

from verifier import isolation
from verifier.sandbox import Limits
from verifier.verification import Verifier

LIMITS = Limits(wall_seconds=4.0, memory_bytes=512 * 1024**2, stdout_bytes=64 * 1024)
#: Start-up, killing and reaping: what a verdict may take beyond the wall limit.
MARGIN_SECONDS = 5.0
ESCAPE_NAME = f"babbletest-escape-{uuid.uuid4().hex}"

AFTER_TRAINING = [
    ("hang", "while True:\n    pass\n", "timeout"),
    ("sleep", "import time\ntime.sleep(600)\n", "timeout"),
    (
        "hang-with-streams-closed",
        "import os\nos.closerange(0, 1024)\nwhile True:\n    pass\n",
        "timeout",
    ),
    (
        "memory-grows",
        "hoard = []\nwhile True:\n    hoard.append(bytearray(128 * 1024**2))\n",
        "memory",
    ),
    ("memory-at-once", "hoard = [0.0] * 10**10\n", "memory"),
    ("raises", "raise RuntimeError('a careless golfer')\n", "crash"),
    ("raises-inside-random", "random.choice([])\n", "crash"),
    ("exits-abruptly", "os._exit(0)\n", "crash"),
    ("prints-without-end", "while True:\n    print('x', end='')\n", "stdout flood"),
    ("reads-outside", "open('/etc/hostname').read()\n", "sandbox"),
    ("writes-outside", f"open('../{ESCAPE_NAME}', 'w').write('x')\n", "sandbox"),
    (
        "writes-into-the-interpreter-with-os-open",
        f"import sysconfig\nos.open(sysconfig.get_paths()['purelib'] + '/{ESCAPE_NAME}', os.O_WRONLY | os.O_CREAT)\n",
        "sandbox",
    ),
    ("removes-outside", f"os.remove('../{ESCAPE_NAME}')\n", "sandbox"),
    ("lists-outside", "os.listdir('/')\n", "sandbox"),
    (
        "swallows-the-refusal",
        "try:\n    open('/etc/hostname')\nexcept PermissionError:\n    pass\n",
        "sandbox",
    ),
    ("starts-a-subprocess", "import subprocess\nsubprocess.run(['true'])\n", "sandbox"),
    ("runs-a-shell", "os.system('true')\n", "sandbox"),
    ("forks", "os.fork()\n", "sandbox"),
    ("kills-its-parent", "os.kill(os.getppid(), 9)\n", "sandbox"),
    (
        "opens-a-socket",
        "import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)\n",
        "sandbox",
    ),
    ("loads-a-library", "import ctypes\nctypes.CDLL(None)\n", "sandbox"),
    # fork_exec raises no audit event of its own: importing it is what is refused.
    ("forks-below-the-audit-events", "import _posixsubprocess\n", "sandbox"),
]

BEFORE_ANYTHING = [
    ("hang-first", "while True:\n    pass\n", "timeout"),
    ("raises-first", "1 / 0\n", "crash"),
    ("reads-outside-first", "open('/etc/hostname')\n", "sandbox"),
]


@pytest.fixture(scope="session")
def limited_verifier(tiny_workspace: tuple[Path, Path], trace_cache: Path) -> Verifier:
    verifier = LimitedVerifier(*tiny_workspace, limits=LIMITS)
    verifier.trace
    return verifier


def check_rejected(verifier: Verifier, source: str, quantity: str) -> None:
    verdict = verifier.verify(source.encode(), "microgpt.py")
    assert not verdict.equivalent
    assert verdict.divergence is not None
    assert verdict.divergence.quantity == quantity, verdict.describe()
    assert verdict.elapsed < LIMITS.wall_seconds + MARGIN_SECONDS


@pytest.mark.parametrize(
    ("appended", "quantity"),
    [pytest.param(code, quantity, id=name) for name, code, quantity in AFTER_TRAINING],
)
def test_misbehaviour_after_training(
    limited_verifier: Verifier, appended: str, quantity: str
) -> None:
    check_rejected(limited_verifier, tiny_reference_text() + "\n" + appended, quantity)
    # nothing escaped: the files the candidates tried to create outside do not exist
    assert not (Path("/tmp") / ESCAPE_NAME).exists()


@pytest.mark.parametrize(
    ("prepended", "quantity"),
    [pytest.param(code, quantity, id=name) for name, code, quantity in BEFORE_ANYTHING],
)
def test_misbehaviour_before_anything(
    limited_verifier: Verifier, prepended: str, quantity: str
) -> None:
    check_rejected(limited_verifier, prepended + tiny_reference_text(), quantity)


def test_divergences_after_training_name_the_last_step(limited_verifier: Verifier) -> None:
    """A misbehaviour after everything agreed is placed after the last training step."""
    verdict = limited_verifier.verify((tiny_reference_text() + "\n1 / 0\n").encode())
    assert verdict.divergence is not None
    assert verdict.divergence.step == limited_verifier.trace.training_steps
    assert "sample" in verdict.divergence.last_agreed or "line" in verdict.divergence.last_agreed


def test_a_well_behaved_candidate_is_accepted_under_the_same_limits(
    limited_verifier: Verifier,
) -> None:
    verdict = limited_verifier.verify(tiny_reference_text().encode())
    assert verdict.equivalent, verdict.describe()


def test_derived_limits_scale_with_the_reference(tiny_verifier: Verifier) -> None:
    limits = tiny_verifier.candidate_limits()
    trace = tiny_verifier.trace
    assert limits.wall_seconds > trace.elapsed
    assert limits.stdout_bytes >= 4 * len(trace.stdout)
    assert limits.memory_bytes >= 8 * trace.peak_rss_kib * 1024


@pytest.mark.parametrize(
    "escape",
    [
        "os.rename('input.txt', '/tmp/babbletest-moved-out')\n",
        "os.symlink('input.txt', '/tmp/babbletest-link-out')\n",
        "os.link('input.txt', '/tmp/babbletest-hardlink-out')\n",
    ],
)
def test_moving_or_linking_a_file_out_of_the_sandbox_is_refused(
    limited_verifier: Verifier, escape: str
) -> None:
    source = tiny_reference_text() + "import os\n" + escape
    verdict = limited_verifier.verify(source.encode(), "microgpt.py")
    assert not verdict.equivalent and verdict.divergence.quantity == "sandbox"


def _enter(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if mode == "hook-only":
        monkeypatch.setattr(isolation, "find_bubblewrap", lambda: None)
        monkeypatch.delenv(isolation.REQUIRE_SANDBOX, raising=False)
    elif isolation.find_bubblewrap() is None:
        if os.environ.get(isolation.REQUIRE_SANDBOX):
            pytest.fail("bubblewrap is required here and not usable")
        pytest.skip("bubblewrap is not usable on this machine")


#: Ways out of the working folder once the program has changed folder. The hook judged a
#: relative path from the working folder, not from where the program stood: in hook-only
#: mode both listed the host's folders (and wrote there) with the verdict "equivalent".
CHANGED_FOLDER = [
    (
        "within-the-folder-then-up-through-a-symlink",
        "os.makedirs('a/b/c'); os.symlink('a/b/c', 's'); os.makedirs('p/s'); os.chdir('p')\n"
        "os.listdir('s/../../..')\n",
    ),
    (
        "into-the-interpreter-by-descriptor-then-up-past-a-symlink-of-its-name",
        "import sys\nos.makedirs('a/b/c/d/e/f/g/h'); os.symlink('a/b/c/d/e/f/g/h', 'lib')\n"
        "os.chdir(os.open(sys.base_prefix, os.O_RDONLY)); os.listdir()\n"
        "os.chdir('lib/' + '/'.join(['..'] * 6)); os.listdir()\n",
    ),
]


@pytest.mark.parametrize("mode", ["bubblewrap", "hook-only"])
@pytest.mark.parametrize("appended", [pytest.param(code, id=name) for name, code in CHANGED_FOLDER])
def test_a_relative_path_is_judged_from_where_the_program_stands(
    limited_verifier: Verifier, mode: str, appended: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _enter(mode, monkeypatch)
    check_rejected(limited_verifier, tiny_reference_text() + "\n" + appended, "sandbox")


@pytest.mark.parametrize("mode", ["bubblewrap", "hook-only"])
def test_a_candidate_that_imports_a_package_module_is_accepted_in_both_modes(
    limited_verifier: Verifier, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python finds a package's submodules by listing its folder. The audit hook refused
    every listing outside the working folder, and the import system takes a refused
    listing for an empty folder: ``import xml.dom.minidom`` failed with "No module named
    'xml.dom'" in both modes (numpy failed the same way). Listing is now allowed wherever
    reading is; a listing outside those places is still refused (``lists-outside``)."""
    _enter(mode, monkeypatch)
    imports = (
        "import sys\n"
        "assert 'xml.dom' not in sys.modules and 'email.mime' not in sys.modules\n"
        "import xml.dom.minidom, email.mime.text, os\n"
        "os.listdir(); os.listdir(os.path.dirname(xml.dom.__file__))\n"
    )
    verdict = limited_verifier.verify((imports + tiny_reference_text()).encode())
    assert verdict.equivalent, verdict.describe()
    refused = limited_verifier.verify(
        (imports + tiny_reference_text() + "\nos.listdir('/etc')\n").encode()
    )
    assert not refused.equivalent and refused.divergence.quantity == "sandbox"
