"""Running one program under observation, inside limits it cannot escape.

Every run gets a fresh temporary working directory holding the data as
``input.txt``, a fixed ``PYTHONHASHSEED``, a closed stdin, a wall-clock limit,
an address-space cap, a file-size cap and a cap on what it may print. The
observer (:mod:`verifier.harness`) streams events through a pipe; each one is
handed to ``on_event`` as it arrives, and the run is killed as soon as that
callback finds a divergence, so a wrong candidate costs only the time up to
its first wrong bit.
"""

from __future__ import annotations

import json
import os
import pickle
import selectors
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HARNESS = Path(__file__).with_name("harness.py")
HASH_SEED = "0"
STDERR_KEPT = 16 * 1024
FILE_SIZE_CAP = 64 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a run may spend before it is stopped."""

    wall_seconds: float = 1800.0
    memory_bytes: int = 8 * 1024**3
    stdout_bytes: int = 16 * 1024 * 1024


@dataclass
class RunResult:
    """What the parent saw of one run."""

    status: int | None  # exit status; negative for a signal; None if never reaped
    stdout: bytes
    stderr_tail: bytes
    elapsed: float
    peak_rss_kib: int
    stopped_because: str | None = None  # "divergence", "timeout", "stdout flood"
    verdict: Any = None  # what on_event returned when it stopped the run


class _Frames:
    """Reassembles length-prefixed pickles from pipe chunks."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def feed(self, chunk: bytes) -> list[tuple]:
        self.buffer += chunk
        events = []
        while len(self.buffer) >= 4:
            (size,) = struct.unpack_from("<I", self.buffer)
            if len(self.buffer) < 4 + size:
                break
            events.append(pickle.loads(self.buffer[4 : 4 + size]))
            del self.buffer[: 4 + size]
        return events


def run_observed(
    source: bytes,
    program_name: str,
    data: bytes | None,
    limits: Limits,
    on_event: Callable[[tuple], Any],
    hints: dict[str, str] | None = None,
) -> RunResult:
    """Run ``source`` as ``program_name`` in a fresh sandbox, feeding events to ``on_event``.

    ``on_event`` returns ``None`` to continue, anything else to stop the run
    at once; that value ends up in :attr:`RunResult.verdict`.
    """
    workdir = Path(tempfile.mkdtemp(prefix="babbletest-"))
    try:
        program = workdir / program_name
        program.write_bytes(source)
        if data is not None:
            (workdir / "input.txt").write_bytes(data)
        return _run_in(workdir, program, limits, on_event, hints or {})
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _run_in(
    workdir: Path,
    program: Path,
    limits: Limits,
    on_event: Callable[[tuple], Any],
    hints: dict[str, str],
) -> RunResult:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONHASHSEED": HASH_SEED,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
        "BABBLETEST_HINTS": json.dumps(hints),
        "HOME": str(workdir),
        "LANG": "C.UTF-8",
    }
    read_end, write_end = os.pipe()
    started = time.perf_counter()
    child = subprocess.Popen(
        [
            sys.executable,
            str(HARNESS),
            program.name,
            str(write_end),
            str(limits.memory_bytes),
            str(FILE_SIZE_CAP),
        ],
        cwd=workdir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        pass_fds=(write_end,),
        start_new_session=True,
    )
    os.close(write_end)
    result = RunResult(None, b"", b"", 0.0, 0)
    stdout, stderr = bytearray(), bytearray()
    frames = _Frames()
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
                result.stopped_because = "timeout"
                break
            for key, _ in selector.select(timeout=min(remaining, 1.0)):
                fd = key.fd if key.data == "events" else key.fileobj.fileno()  # type: ignore[union-attr]
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    selector.unregister(key.fileobj)
                    open_streams -= 1
                    continue
                if key.data == "stdout":
                    stdout += chunk
                    if len(stdout) > limits.stdout_bytes:
                        result.stopped_because = "stdout flood"
                elif key.data == "stderr":
                    stderr += chunk
                    del stderr[:-STDERR_KEPT]
                else:
                    for event in frames.feed(chunk):
                        verdict = on_event(event)
                        if verdict is not None:
                            result.stopped_because, result.verdict = "divergence", verdict
                            break
                if result.stopped_because:
                    break
    except BaseException:
        _kill_group(child.pid)  # an error on our side must not leave the child running
        raise
    finally:
        if result.stopped_because is None and not _exits_before(child.pid, deadline):
            result.stopped_because = "timeout"  # it closed its streams but kept running
        if result.stopped_because is not None:
            _kill_group(child.pid)
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


def _exits_before(pid: int, deadline: float) -> bool:
    """Whether the child ends by ``deadline``; it is left unreaped for ``wait4``'s usage."""
    while os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        if time.perf_counter() >= deadline:
            return False
        time.sleep(0.01)
    return True


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
