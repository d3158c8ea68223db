"""Running one program under observation, inside limits it cannot escape.

Every run gets a fresh temporary working directory holding the data as
``input.txt``, a fixed ``PYTHONHASHSEED``, a closed stdin, a wall-clock limit,
caps on CPU time, address space, file size and processes, and a cap on what it
may print; it runs inside bubblewrap when that is usable
(:mod:`verifier.isolation`). The observer (:mod:`verifier.harness`) streams
typed events (:mod:`verifier.events`) through a pipe; each one is handed to
``on_event`` as it arrives, and the run is killed as soon as that callback
finds a divergence, so a wrong candidate costs only the time up to its first
wrong bit. A malformed or oversized frame stops the run as a protocol
violation; the parent's memory stays bounded by one frame, the stdout cap and
the stderr tail, whatever the child writes.
"""

from __future__ import annotations

import enum
import json
import math
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verifier import isolation
from verifier.events import Event, FrameReader, ProtocolError

HARNESS = Path(__file__).with_name("harness.py")
#: Every file the child runs: a change to any of them changes what a trace means.
CHILD_FILES = tuple(
    HARNESS.with_name(name)
    for name in (
        "harness.py",
        "observer.py",
        "stdout_observer.py",
        "binding.py",
        "audit.py",
        "events.py",
    )
)
HASH_SEED = "0"
STDERR_KEPT = 16 * 1024
FILE_SIZE_CAP = 64 * 1024 * 1024


class StopReason(enum.StrEnum):
    """Why the parent ended a run before it ended by itself."""

    DIVERGENCE = "divergence"
    TIMEOUT = "timeout"
    STDOUT_FLOOD = "stdout flood"
    PROTOCOL = "protocol violation"


@dataclass(frozen=True)
class Limits:
    """What a run may spend before it is stopped."""

    wall_seconds: float = 1800.0
    memory_bytes: int = 8 * 1024**3
    stdout_bytes: int = 16 * 1024 * 1024


@dataclass
class RunResult:
    """What the parent saw of one run."""

    status: int | None  # exit status from wait4; negative for a signal; None if never reaped
    stdout: bytes
    stderr_tail: bytes
    elapsed: float
    peak_rss_kib: int
    isolation: isolation.Isolation = isolation.Isolation.BUBBLEWRAP
    stopped_because: StopReason | None = None
    verdict: Any = None  # what on_event returned when it stopped the run
    protocol_error: str | None = None


def run_observed(
    source: bytes,
    program_name: str,
    data: bytes | None,
    limits: Limits,
    on_event: Callable[[Event], Any],
    hints: dict[str, str] | None = None,
) -> RunResult:
    """Run ``source`` as ``program_name`` in a fresh sandbox, feeding events to ``on_event``.

    ``on_event`` returns ``None`` to continue, anything else to stop the run
    at once; that value ends up in :attr:`RunResult.verdict`.
    """
    how = isolation.choose_isolation()
    workdir = Path(tempfile.mkdtemp(prefix="babbletest-"))
    try:
        program = workdir / program_name
        program.write_bytes(source)
        if data is not None:
            (workdir / "input.txt").write_bytes(data)
        return _run_in(workdir, program, limits, on_event, hints or {}, how)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _start(
    workdir: Path,
    program: Path,
    limits: Limits,
    hints: dict[str, str],
    how: isolation.Isolation,
    fd: int,
) -> subprocess.Popen:
    inside = isolation.workdir_inside() if how is isolation.Isolation.BUBBLEWRAP else str(workdir)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONHASHSEED": HASH_SEED,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
        "BABBLETEST_HINTS": json.dumps(hints),
        "HOME": inside,
        "LANG": "C.UTF-8",
    }
    command = [
        sys.executable, str(HARNESS), program.name, str(fd), str(limits.memory_bytes),
        str(FILE_SIZE_CAP), str(math.ceil(limits.wall_seconds)),
    ]  # fmt: skip
    if how is isolation.Isolation.BUBBLEWRAP:
        bwrap = isolation.find_bubblewrap()
        assert bwrap is not None
        command = isolation.bubblewrap_command(bwrap, workdir, command)
    return subprocess.Popen(
        command, cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, pass_fds=(fd,), start_new_session=True,
    )  # fmt: skip


def _run_in(
    workdir: Path,
    program: Path,
    limits: Limits,
    on_event: Callable[[Event], Any],
    hints: dict[str, str],
    how: isolation.Isolation,
) -> RunResult:
    read_end, write_end = os.pipe()
    started = time.perf_counter()
    try:
        child = _start(workdir, program, limits, hints, how, write_end)
    finally:
        os.close(write_end)
    result = RunResult(None, b"", b"", 0.0, 0, how)
    stdout, stderr = bytearray(), bytearray()
    frames = FrameReader()
    selector = selectors.DefaultSelector()
    assert child.stdout is not None and child.stderr is not None
    selector.register(child.stdout, selectors.EVENT_READ, "stdout")
    selector.register(child.stderr, selectors.EVENT_READ, "stderr")
    selector.register(read_end, selectors.EVENT_READ, "events")
    deadline = started + limits.wall_seconds
    open_streams = 3
    try:
        while open_streams and result.stopped_because is None:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                result.stopped_because = StopReason.TIMEOUT
                break
            for key, _ in selector.select(timeout=min(remaining, 1.0)):
                fd = key.fd if key.data == "events" else key.fileobj.fileno()  # type: ignore[union-attr]
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    selector.unregister(key.fileobj)
                    open_streams -= 1
                    if key.data == "events":
                        _read_events(frames, b"", on_event, result, at_end=True)
                elif key.data == "stdout":
                    stdout += chunk
                    if len(stdout) > limits.stdout_bytes:
                        result.stopped_because = StopReason.STDOUT_FLOOD
                elif key.data == "stderr":
                    stderr += chunk
                    del stderr[:-STDERR_KEPT]
                else:
                    _read_events(frames, chunk, on_event, result)
                if result.stopped_because:
                    break
    except BaseException:
        _stop(child.pid, how)  # an error on our side must not leave the child running
        raise
    finally:
        if result.stopped_because is None and not _exits_before(child.pid, deadline):
            result.stopped_because = StopReason.TIMEOUT  # it closed its streams but kept running
        if result.stopped_because is not None:
            _stop(child.pid, how)
        selector.close()
        os.close(read_end)
        _, wait_status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(wait_status)
        child.stdout.close()
        child.stderr.close()
    result.status = child.returncode
    result.elapsed = time.perf_counter() - started
    result.peak_rss_kib = usage.ru_maxrss
    result.stdout, result.stderr_tail = bytes(stdout), bytes(stderr)
    return result


def _read_events(
    frames: FrameReader,
    chunk: bytes,
    on_event: Callable[[Event], Any],
    result: RunResult,
    at_end: bool = False,
) -> None:
    """Decode what ``chunk`` completes and hand it on; a bad frame stops the run."""
    try:
        decoded = frames.feed(chunk)
        if at_end:
            frames.close()
    except ProtocolError as error:
        result.stopped_because, result.protocol_error = StopReason.PROTOCOL, str(error)
        return
    for event in decoded:
        verdict = on_event(event)
        if verdict is not None:
            result.stopped_because, result.verdict = StopReason.DIVERGENCE, verdict
            return


def _exits_before(pid: int, deadline: float) -> bool:
    """Whether the child ends by ``deadline``; it is left unreaped for ``wait4``'s usage."""
    while os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        if time.perf_counter() >= deadline:
            return False
        time.sleep(0.01)
    return True


def _stop(pid: int, how: isolation.Isolation) -> None:
    """Kill the run. Inside bubblewrap its init (bubblewrap's own, the program's parent) is killed first:
    the kernel empties a PID namespace before its init can be reaped, so once ``wait4`` has
    reaped bubblewrap, which reaps the init, no process of the run is left."""
    if how is isolation.Isolation.BUBBLEWRAP:
        for inner in _children(pid):
            try:
                os.kill(inner, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if _exits_before(pid, time.perf_counter() + 5.0):
            return
    _kill_group(pid)


def _children(pid: int) -> list[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in listed.split()]


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
