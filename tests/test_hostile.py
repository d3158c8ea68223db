"""Hostile and broken candidates: the verdict is right, and nothing escapes the run.

Each case is the tiny reference with something hostile added, one or more per
class of the security review (issue 10): 1 code execution in the verifier,
2 forged verdicts, 3 escaping the audit hook, 4 the end of a real run, 5 source
read as the interpreter reads it, 6 crashes and unbounded memory, 7 a false
reject. Every case asserts, besides its verdict:

- nothing was written outside the run's folder (canary folders, one in /tmp and
  one in the repository, stay empty);
- no process of the run is left (no process's command line names the run's
  unique program file, which every process forked from it keeps);
- no code ran in the parent (the comparator is still the original function and
  no file a decoded payload would write exists).

Every case runs twice: inside bubblewrap, and with the sandbox forced off
(the audit hook alone). Where the hook cannot enforce a guarantee, the
fallback run is marked ``xfail(strict=True)`` with the reason: it must fail,
visibly, rather than pass without testing anything.
"""

from __future__ import annotations

import os
import pickle
import resource
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, LimitedVerifier, replace_once, tiny_reference_text

from verifier import isolation
from verifier.compare import StreamComparator
from verifier.divergence import Quantity
from verifier.cli import main as cli_main
from verifier.sandbox import Limits, run_observed

LIMITS = Limits(wall_seconds=8.0, memory_bytes=1024**3, stdout_bytes=64 * 1024)
ORIGINAL_FEED = StreamComparator.feed
#: Seconds the grandchild waits before writing: the test waits longer.
GRANDCHILD_DELAY = 2
#: How much the verifier's own peak memory may grow while judging one case.
PARENT_MEMORY_SLACK_KIB = 200 * 1024

#: The event descriptor, as the child's command line gives it to the harness.
EVENT_FD = "_fd = int(sys.orig_argv[3])\n"
DISABLE_HOOK = (
    "import gc\n"
    "for _hook in [o for o in gc.get_objects() if type(o).__name__ == 'SandboxAudit']:\n"
    "    type(_hook).__call__ = lambda self, event, args: None\n"
)
SWALLOW = "try:\n{body}except OSError:\n    pass\n"


def swallowed(body: str) -> str:
    return SWALLOW.format(body="".join(f"    {line}\n" for line in body.splitlines()))


@dataclass(frozen=True)
class Case:
    name: str
    hostile_class: int
    code: str  # appended to the tiny reference (``{canary}`` etc. filled in per run)
    quantities: tuple[Quantity | None, ...]  # None: equivalent
    fallback_gap: str | None = None  # what the audit hook alone cannot guarantee here
    prepend: bool = False


CASES = [
    Case(
        "pickle-frame-to-the-event-fd",
        1,
        "import pickle\n" + EVENT_FD + "_payload = {pickle}\n"
        "os.write(_fd, struct.pack('>I', len(_payload)) + _payload)\n",
        (Quantity.PROTOCOL,),
    ),
    Case(
        "junk-frame",
        1,
        EVENT_FD + "os.write(_fd, b'\\x00\\x00\\x00\\x01\\xc1')\n",
        (Quantity.PROTOCOL,),
    ),
    Case(
        "four-gib-frame-header",
        1,
        EVENT_FD + "os.write(_fd, b'\\xff\\xff\\xff\\xff' + b'x' * 65536)\n",
        (Quantity.PROTOCOL,),
    ),
    Case(
        "frame-against-the-schema",
        1,
        "import msgpack\n" + EVENT_FD + "_payload = msgpack.packb([1, 2, 99, b'x', None, 'no'])\n"
        "os.write(_fd, struct.pack('>I', len(_payload)) + _payload)\n",
        (Quantity.PROTOCOL,),
    ),
    Case(
        "forged-finish-then-exit-3",
        2,
        "import msgpack\n" + EVENT_FD + "_payload = msgpack.packb([1, 5, None, {final}])\n"
        "os.write(_fd, struct.pack('>I', len(_payload)) + _payload)\nos._exit(3)\n",
        (Quantity.EXIT_STATUS,),
    ),
    Case(
        "forged-finish-then-a-normal-end",
        2,
        "import msgpack\n" + EVENT_FD + "_payload = msgpack.packb([1, 5, None, {final}])\n"
        "os.write(_fd, struct.pack('>I', len(_payload)) + _payload)\n",
        (Quantity.PROTOCOL,),
    ),
    Case(
        "parameter-changed-in-a-late-atexit-handler",
        2,
        "import atexit\natexit.register(lambda: setattr(params[0], 'data', 0.5))\n",
        (Quantity.PARAMETER,),
    ),
    Case(
        "looks-for-the-trace-cache-and-home",
        2,
        "if os.path.exists({cache!r}) or os.path.exists({home_entry!r}):\n"
        "    print('found the reference trace to replay')\n",
        (None,),
        fallback_gap="the audit hook raises no event for stat: the cache and home are visible",
    ),
    Case(
        "disables-the-hook-and-writes-outside",
        3,
        DISABLE_HOOK
        + swallowed(
            "open({canary!r} + '/escaped', 'w').write('x')\n"
            "open({repo_canary!r} + '/escaped', 'w').write('x')"
        ),
        (None,),
        fallback_gap="an audit hook lives in the program's process: it can be switched off",
    ),
    Case(
        "writes-through-dir-fd",
        3,
        # the hook lets it read the interpreter's folder, and judges 'escaped' by the cwd
        swallowed(
            "_dir = os.open(os.path.dirname({prefix_target!r}), os.O_RDONLY)\n"
            "_name = os.path.basename({prefix_target!r})\n"
            "os.close(os.open(_name, os.O_WRONLY | os.O_CREAT, dir_fd=_dir))"
        ),
        (None,),
        fallback_gap="the open audit event does not carry dir_fd: the hook resolves the wrong path",
    ),
    Case(
        "mkfifo-outside",
        3,
        swallowed("os.mkfifo({repo_canary!r} + '/fifo')"),
        (None,),
        fallback_gap="os.mkfifo raises no audit event",
    ),
    Case(
        "udp-sendto",
        3,
        swallowed(
            "import socket\n"
            "socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', {udp!r})"
        ),
        (Quantity.SANDBOX,),
    ),
    Case(
        "dns-lookup",
        3,
        swallowed("import socket\nsocket.gethostbyname('example.com')"),
        (Quantity.SANDBOX,),
    ),
    Case(
        "setsid-grandchild-writes-later",
        3,
        DISABLE_HOOK + "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
        f"        import time\n        time.sleep({GRANDCHILD_DELAY})\n"
        "        open({repo_canary!r} + '/late', 'w').write('x')\n    os._exit(0)\n",
        (None,),
        fallback_gap="without a PID namespace a setsid grandchild outlives the run",
    ),
    Case(
        "atexit-prints-and-exits-3",
        4,
        "import atexit\natexit.register(lambda: (print('one more line'), os._exit(3)))\n",
        (Quantity.STDOUT,),
    ),
    Case(
        "non-daemon-thread-never-ends",
        4,
        "import threading, time\nthreading.Thread(target=lambda: time.sleep(3600)).start()\n",
        (Quantity.TIMEOUT,),
    ),
    Case("sys-exit-256", 4, "sys.exit(256)\n", (None,)),
    Case("closes-stdout-at-the-end", 4, "sys.stdout.close()\n", (None,)),
    Case("latin-1-comment-with-its-cookie", 5, "# caf\xe9\n", (None,), prepend=True),
    Case(
        "huge-stdout-line-then-normal",
        6,
        "sys.stdout.write('x' * 10**6)\n",
        (Quantity.STDOUT_FLOOD,),
    ),
    Case("shuffle-after-the-first-print", 7, "", (None,)),
]


def shuffle_moved(text: str) -> str:
    text = replace_once(text, "random.shuffle(docs)", "pass")
    first_print = 'print(f"num docs: {len(docs)}")\n'
    return replace_once(text, first_print, first_print + "random.shuffle(docs)\n")


@pytest.fixture
def canaries(tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    """Two empty folders outside any run, one in /tmp and one inside the repository, and a
    path in the interpreter's folder that must not come to exist."""
    repo_canary = ROOT / f".hostile-canary-{uuid.uuid4().hex}"
    repo_canary.mkdir()
    (tmp_path / "canary").mkdir()
    prefix_target = Path(sys.prefix) / f".hostile-escape-{uuid.uuid4().hex}"
    yield tmp_path / "canary", repo_canary, prefix_target
    shutil.rmtree(repo_canary, ignore_errors=True)
    prefix_target.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def hostile_verifiers() -> dict:
    """One verifier per isolation, each with the reference's trace recorded under it."""
    return {}


def verifier_for(mode: isolation.Isolation, cache: dict, workspace: tuple[Path, Path]):
    if mode not in cache:
        cache[mode] = LimitedVerifier(*workspace, limits=LIMITS)
        cache[mode].trace  # noqa: B018 - recorded under this isolation
    return cache[mode]


def leftover_processes(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def home_entry() -> str:
    """Something in the user's home that is not the interpreter the sandbox binds back."""
    home = Path.home()
    entries = sorted(p for p in home.iterdir() if not p.name.startswith(".pyenv"))
    return str(entries[0]) if entries else str(home / "nothing-here")


def candidate_source(case: Case, verifier, canaries: tuple[Path, Path, Path], udp) -> str:
    canary, repo_canary, prefix_target = canaries
    final = next(e for e in verifier.trace.events if type(e).__name__ == "Finish").params
    payload = pickle.dumps(_WritesAFile(str(canary / "parent-ran")))
    code = case.code.format(
        canary=str(canary), repo_canary=str(repo_canary), prefix_target=str(prefix_target),
        pickle=repr(payload),
        final=repr(final), cache=str(isolation.cache_root()), home_entry=home_entry(), udp=udp,
    )  # fmt: skip
    text = tiny_reference_text()
    if case.name == "shuffle-after-the-first-print":
        return shuffle_moved(text)
    if case.prepend:
        return "# -*- coding: latin-1 -*-\n" + code + text
    return text + "\nimport os, struct, sys\n" + code


class _WritesAFile:
    """Unpickling this would run code in whoever unpickles it: it must never happen."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def case_params():
    for case in CASES:
        for mode in ("bubblewrap", "hook-only"):
            marks = []
            if mode == "hook-only" and case.fallback_gap:
                marks.append(pytest.mark.xfail(strict=True, reason=case.fallback_gap))
            yield pytest.param(
                case, mode, id=f"{case.hostile_class}-{case.name}-{mode}", marks=marks
            )


@pytest.mark.parametrize(("case", "mode_name"), list(case_params()))
def test_hostile_candidate(
    case: Case, mode_name: str, monkeypatch: pytest.MonkeyPatch, canaries, hostile_verifiers,
    tiny_workspace,
) -> None:  # fmt: skip
    wanted = {"bubblewrap": isolation.Isolation.BUBBLEWRAP}.get(
        mode_name, isolation.Isolation.AUDIT_HOOK_ONLY
    )
    _enter_mode(wanted, monkeypatch)
    canary, repo_canary, prefix_target = canaries
    verifier = verifier_for(wanted, hostile_verifiers, tiny_workspace)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.setblocking(False)
        marker = f"hostile_{uuid.uuid4().hex}.py"
        source = candidate_source(case, verifier, canaries, listener.getsockname())
        encoding = "latin-1" if case.prepend else "utf-8"
        memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        verdict = verifier.verify(source.encode(encoding), marker)
        memory_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with pytest.raises(BlockingIOError):
            listener.recv(16)  # no datagram reached the host
    quantity = verdict.divergence.quantity if verdict.divergence else None
    assert quantity in case.quantities, verdict.describe()
    assert verdict.elapsed < LIMITS.wall_seconds + 10
    if case.name == "setsid-grandchild-writes-later":
        time.sleep(GRANDCHILD_DELAY + 1)
    assert leftover_processes(marker) == [], "a process of the run is still alive"
    assert list(canary.iterdir()) == [] and list(repo_canary.iterdir()) == []
    assert not prefix_target.exists()
    assert StreamComparator.feed is ORIGINAL_FEED, "the parent's comparator was patched"
    assert memory_after - memory_before < PARENT_MEMORY_SLACK_KIB


def _enter_mode(wanted: isolation.Isolation, monkeypatch: pytest.MonkeyPatch) -> None:
    if wanted is isolation.Isolation.BUBBLEWRAP:
        if isolation.find_bubblewrap() is None:
            if os.environ.get(isolation.REQUIRE_SANDBOX):
                pytest.fail("bubblewrap is required here and not usable")
            pytest.skip("bubblewrap is not usable on this machine")
        return
    monkeypatch.setattr(isolation, "find_bubblewrap", lambda: None)
    monkeypatch.delenv(isolation.REQUIRE_SANDBOX, raising=False)


def test_a_forced_fallback_says_so_loudly(capsys, monkeypatch) -> None:
    monkeypatch.setattr(isolation, "find_bubblewrap", lambda: None)
    monkeypatch.delenv(isolation.REQUIRE_SANDBOX, raising=False)
    isolation._warn_once.cache_clear()
    assert isolation.choose_isolation() is isolation.Isolation.AUDIT_HOOK_ONLY
    assert "WARNING: bubblewrap" in capsys.readouterr().err


def test_requiring_the_sandbox_refuses_the_fallback(monkeypatch) -> None:
    monkeypatch.setattr(isolation, "find_bubblewrap", lambda: None)
    monkeypatch.setenv(isolation.REQUIRE_SANDBOX, "1")
    with pytest.raises(isolation.SandboxMissing):
        isolation.choose_isolation()


# --- class 5 and 6 on the command line: exit 2 and one line, never a traceback -------------

BAD_INPUTS = [
    ("latin-1-byte-in-a-comment", b"import os\nimport sys\n# caf\xe9\n", "not valid utf-8"),
    ("utf-16-file", "print('hi')\n".encode("utf-16"), "encoding"),
    ("unknown-declared-encoding", b"# -*- coding: klingon -*-\n", "encoding"),
]


@pytest.mark.parametrize(
    ("prefix", "message"), [pytest.param(p, m, id=n) for n, p, m in BAD_INPUTS]
)
def test_a_file_python_would_not_decode_exits_2_with_one_line(
    tiny_workspace, tmp_path: Path, capsys, prefix: bytes, message: str
) -> None:
    program, data = tiny_workspace
    candidate = tmp_path / "candidate.py"
    candidate.write_bytes(prefix + tiny_reference_text().encode())
    status = cli_main([str(program), str(candidate), "--data", str(data)])
    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1 and message in err.lower(), err


@pytest.mark.parametrize(
    "name_map",
    ['{"names": [1, 2]}', '{"names": {"a": 1}}', "[1, 2]", "{not json", None],
    ids=["names-a-list", "names-not-strings", "not-an-object", "bad-json", "a-directory"],
)
def test_a_bad_name_map_exits_2_with_one_line(tiny_workspace, tmp_path: Path, capsys, name_map):
    program, data = tiny_workspace
    map_path = tmp_path / "map.json"
    if name_map is None:
        map_path.mkdir()
    else:
        map_path.write_text(name_map, encoding="utf-8")
    status = cli_main([str(program), str(program), "--data", str(data), "--map", str(map_path)])
    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1 and "name map" in err, err


def test_a_run_fails_as_python3_fails_on_a_latin_1_comment(tmp_path: Path) -> None:
    """Below the command line too: the harness decodes as the interpreter does."""
    source = b"print('before')\n# caf\xe9\nprint('after')\n"
    script = tmp_path / "script.py"
    script.write_bytes(source)
    bare = subprocess.run([sys.executable, str(script)], capture_output=True, cwd=tmp_path)
    observed = run_observed(source, "script.py", None, LIMITS, lambda event: None)
    assert (observed.status, observed.stdout) == (bare.returncode, bare.stdout) == (1, b"")
