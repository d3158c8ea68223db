"""The in-process audit hook: a second layer behind the OS sandbox, and the only one without it.

PEP 578 audit hooks are not a sandbox: the program runs in the same process
and can reach the hook's state. Behind bubblewrap (:mod:`verifier.isolation`)
the hook adds early, well-named verdicts ("sandbox: touched a file outside its
directory"); where bubblewrap is missing it is all there is, and the README's
security model says what it cannot stop. Refusals are reported as
:class:`~verifier.events.Violation` events before the ``PermissionError`` is
raised, so that a program that swallows the error is still rejected.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import events  # type: ignore[import-not-found]  # beside this file in the child
from observer import Channel  # type: ignore[import-not-found]

#: Audit events that start processes or reach the network: always refused.
FORBIDDEN_EVENTS = frozenset(
    {
        "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
        "os.forkpty", "pty.spawn", "socket.connect", "socket.bind", "socket.getaddrinfo",
        "urllib.Request", "ctypes.dlopen", "os.kill", "os.killpg", "socket.sendto",
        "socket.sendmsg", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo",
        "os.setxattr", "os.removexattr",
    }
)  # fmt: skip
#: Modules that reach the operating system below the audit events.
FORBIDDEN_MODULES = frozenset({"_posixsubprocess", "subprocess", "multiprocessing", "pty"})
#: Audit events whose first argument is a path that must stay inside the sandbox.
PATH_EVENTS = frozenset(
    {
        "os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.chmod", "os.chown", "os.link",
        "os.symlink", "os.truncate", "os.utime", "shutil.rmtree", "shutil.copyfile",
        "shutil.move", "os.chdir",
    }
)  # fmt: skip
#: Audit events that only list a folder: allowed wherever reading a file is. Python's
#: import system lists a package's folder to find its submodules, and takes a refusal
#: for an empty folder: ``import xml.dom.minidom`` failed with "No module named".
LIST_EVENTS = frozenset({"os.listdir", "os.scandir"})

#: ``open`` flags that let a program change a file.
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class SandboxAudit:
    """An audit hook that keeps the program inside its working directory."""

    def __init__(self, channel: Channel, sandbox: str) -> None:
        self.channel = channel
        self.sandbox = os.path.realpath(sandbox)
        self.readable = tuple(
            os.path.realpath(p)
            for p in {sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path}
            if p and os.path.isdir(p) and os.path.realpath(p) != "/"
        )
        # Tracebacks through the observer's own frames read its source.
        self.readable += (os.path.dirname(os.path.realpath(__file__)),)

    def _inside(self, path: Any, roots: tuple[str, ...]) -> bool:
        if isinstance(path, int):  # an already-open descriptor
            return True
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not isinstance(path, (str, os.PathLike)):
            return False
        # From the real current folder, as the kernel resolves it: the program may have
        # changed folder (into a readable one by descriptor, or within its own), and a
        # relative path judged from the working folder instead went wherever it liked.
        real = os.path.realpath(os.fspath(path))
        return any(real == root or real.startswith(root + os.sep) for root in roots)

    def __call__(self, event: str, args: tuple) -> None:
        if event in FORBIDDEN_EVENTS:
            self._refuse(f"{event} is not allowed in the sandbox")
        elif event == "import" and args and args[0] in FORBIDDEN_MODULES:
            # _posixsubprocess.fork_exec starts processes without an audit event.
            self._refuse(f"importing {args[0]} is not allowed in the sandbox")
        elif event == "open" and args:
            path, mode = args[0], args[1] if len(args) > 1 else "r"
            # os.open passes no mode string, only flags: read them too, or it writes anywhere.
            flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
            writing = bool(flags & WRITE_FLAGS) or (
                isinstance(mode, str) and any(c in mode for c in "wax+")
            )
            roots = (
                (self.sandbox,) if writing or args[0] is None else (self.sandbox, *self.readable)
            )
            if path is not None and not self._inside(path, roots):
                self._refuse(f"touched a file outside its directory: {path!r}")
        elif event in LIST_EVENTS and args:
            folder = "." if args[0] is None else args[0]  # None: the current folder
            if not self._inside(folder, (self.sandbox, *self.readable)):
                self._refuse(f"{event} outside its directory: {args[0]!r}")
        elif event in PATH_EVENTS:
            # rename, link, symlink, copy and move name a destination too
            for path in args[:2]:
                if isinstance(path, (str, bytes, os.PathLike)) and not self._inside(
                    path, (self.sandbox,)
                ):
                    self._refuse(f"{event} outside its directory: {path!r}")

    def _refuse(self, reason: str) -> None:
        self.channel.send(events.Violation(reason))
        raise PermissionError(f"babbletest sandbox: {reason}")
