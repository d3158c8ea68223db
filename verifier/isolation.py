"""Where a run happens: inside a bubblewrap sandbox, or, without bubblewrap, in a bare process.

With bubblewrap (``bwrap``, a Debian package) every run gets a read-only view
of the whole file system, a private writable working folder at the fixed path
:func:`workdir_inside` holding only the program and ``input.txt``, a private
``/tmp``, no network, its own PID namespace (so every descendant dies with the
run), no capabilities, uid and gid 65534 (mapped to the caller's own outside),
and an empty ``tmpfs`` over the user's home and the trace cache; only the
interpreter and the observer's folder are bound back, read-only, when they live
there or under ``/tmp``. Resource caps (CPU time, address space, file size, process count) are
set by the harness before the program starts.

Without bubblewrap the verifier says so in one loud line on stderr and falls
back to the in-process audit hook alone. ``BABBLETEST_REQUIRE_SANDBOX=1`` (or
``--require-sandbox``) makes that fallback an error instead.
"""

from __future__ import annotations

import argparse
import enum
import functools
import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import msgpack

from verifier.inputs import BadInput

#: Where the working folder appears inside the sandbox, unless something the child needs
#: lives there already (see :func:`workdir_inside`).
WORKDIR_INSIDE = "/tmp/babbletest"
#: The environment variable that refuses to run without the sandbox (CI sets it).
REQUIRE_SANDBOX = "BABBLETEST_REQUIRE_SANDBOX"
#: The environment variable that moves the trace cache.
CACHE_VARIABLE = "BABBLETEST_CACHE"
#: ``nobody``: the uid and gid the program has inside the sandbox.
SANDBOX_ID = "65534"
OBSERVER_FOLDER = Path(__file__).resolve().parent
MISSING_WARNING = (
    "babbletest: WARNING: bubblewrap (bwrap) is not usable here, so candidates run WITHOUT an "
    "OS sandbox, behind an in-process audit hook a hostile program can switch off; install "
    "bubblewrap (apt-get install bubblewrap) for isolation, or set "
    f"{REQUIRE_SANDBOX}=1 to refuse such runs"
)


class Isolation(enum.Enum):
    """How a run is isolated from the machine."""

    BUBBLEWRAP = "bubblewrap"
    AUDIT_HOOK_ONLY = "audit hook only"


class SandboxMissing(BadInput):
    """The sandbox was required and is not usable."""


def cache_root() -> Path:
    """The verifier's cache folder: ``$BABBLETEST_CACHE``, else ``~/.cache/babbletest``."""
    configured = os.environ.get(CACHE_VARIABLE)
    return Path(configured) if configured else Path.home() / ".cache" / "babbletest"


def find_bubblewrap() -> str | None:
    """The path of a ``bwrap`` that can start a sandbox on this machine, if any."""
    found = shutil.which("bwrap")
    return found if found is not None and _starts(found) else None


@functools.lru_cache(maxsize=None)
def _starts(bwrap: str) -> bool:
    """Whether ``bwrap`` works here (user namespaces may be disabled, e.g. in some containers)."""
    probe = [bwrap, *_namespaces(), "--ro-bind", "/", "/", "--", "/bin/true"]
    try:
        return subprocess.run(probe, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def choose_isolation() -> Isolation:
    """Bubblewrap when usable; else the fallback, loudly, or an error when it is required."""
    if find_bubblewrap() is not None:
        return Isolation.BUBBLEWRAP
    if os.environ.get(REQUIRE_SANDBOX, "") not in ("", "0"):
        raise SandboxMissing(
            f"bubblewrap (bwrap) is required ({REQUIRE_SANDBOX} or --require-sandbox) and is "
            "not usable here: install it (apt-get install bubblewrap)"
        )
    _warn_once()
    return Isolation.AUDIT_HOOK_ONLY


@functools.lru_cache(maxsize=None)
def _warn_once() -> None:
    print(MISSING_WARNING, file=sys.stderr)


def _namespaces() -> list[str]:
    # Not ``--as-pid-1``: the kernel ignores signals a namespace's init sends itself without a
    # handler, so a program that raises SIGTERM or SIGKILL would run on instead of dying.
    return [
        "--unshare-all", "--unshare-user", "--uid", SANDBOX_ID, "--gid", SANDBOX_ID,
        "--die-with-parent", "--new-session", "--cap-drop", "ALL",
    ]  # fmt: skip


def _needed_paths() -> set[Path]:
    """What the child must read: the interpreter, the observer and msgpack."""
    return {
        Path(sys.prefix).resolve(),
        Path(sys.base_prefix).resolve(),
        Path(sys.exec_prefix).resolve(),
        Path(sys.executable).resolve().parent,
        OBSERVER_FOLDER,
        Path(msgpack.__file__).resolve().parent,
    }


def _hidden_paths() -> list[Path]:
    """The user's home and the trace cache, where they exist outside the private /tmp."""
    hidden = []
    for path in (Path.home(), cache_root()):
        resolved = path.resolve()
        if resolved.is_dir() and not resolved.is_relative_to("/tmp") and resolved != Path("/"):
            hidden.append(resolved)
    return hidden


@functools.lru_cache(maxsize=None)
def workdir_inside() -> str:
    """The working folder's path inside the sandbox, the same for every run of this process:
    :data:`WORKDIR_INSIDE`, or a numbered variant where a clone, a virtual environment or the
    interpreter lives at or under it (the working folder's bind would hide it)."""
    needed = _needed_paths()
    for number in itertools.count():
        candidate = Path(WORKDIR_INSIDE + (f"-{number}" if number else ""))
        if not any(path.is_relative_to(candidate) for path in needed):
            return str(candidate)
    raise AssertionError("unreachable: itertools.count never ends")


def bubblewrap_command(bwrap: str, workdir: Path, command: list[str]) -> list[str]:
    """``command`` wrapped in a bubblewrap sandbox whose working folder is ``workdir``."""
    mounts = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    hidden = _hidden_paths()
    for path in hidden:
        mounts += ["--tmpfs", str(path)]
    # A clone, a virtual environment or a cache may live under /tmp too (CI's may):
    # what the child needs is bound back, read-only, from under whatever covers it.
    covered = [Path("/tmp"), *hidden]
    for path in sorted(_needed_paths()):
        if any(path.is_relative_to(folder) for folder in covered):
            mounts += ["--ro-bind", str(path), str(path)]
    inside = workdir_inside()
    mounts += ["--bind", str(workdir), inside, "--chdir", inside]
    return [bwrap, *_namespaces(), *mounts, "--", *command]


def add_require_sandbox(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--require-sandbox",
        action="store_true",
        help=f"refuse to run without bubblewrap (also: {REQUIRE_SANDBOX}=1)",
    )


def apply_require_sandbox(args: argparse.Namespace) -> None:
    """``--require-sandbox`` sets the variable every run checks, for this process."""
    if args.require_sandbox:
        os.environ[REQUIRE_SANDBOX] = "1"
