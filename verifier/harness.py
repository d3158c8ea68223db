"""The child's entry point: run one program exactly as ``python3 program.py`` would, observed.

The program is compiled from its source read as the interpreter reads a
script (PEP 263: a BOM or a coding cookie, else strict UTF-8), and runs as the
real ``__main__`` module, with the ``__file__``, ``sys.argv`` and ``sys.path[0]``
that ``python3 program.py`` gives it; this harness is no longer
``sys.modules['__main__']`` once the program starts. Its exceptions and
``SystemExit`` propagate to the interpreter, which reports them and sets the
exit status as it always does; the interpreter's normal shutdown (joining
non-daemon threads, ``atexit`` handlers, flushing) runs too, and the parent
reads the exit status from the OS. The observer's last word, the final
parameters, is sent from an ``atexit`` handler registered before the program
runs, so that it runs after every handler the program registers.

The observer (:mod:`verifier.observer`, with :mod:`verifier.binding` and
:mod:`verifier.stdout_observer`) and the audit hook
(:mod:`verifier.audit`) are imported as top-level modules from this file's
folder and then dropped from ``sys.modules``, so that a program's own module
of the same name is not shadowed. Only the standard library and msgpack are
imported, so that the child starts fast.

Usage (by :mod:`verifier.sandbox`): ``python harness.py PROGRAM FD MEMORY FILESIZE CPU``
(the event pipe's descriptor and the caps), with the hints in the environment
variable ``BABBLETEST_HINTS`` (JSON).
"""

from __future__ import annotations

import atexit
import builtins
import json
import os
import resource
import sys
import tokenize
import types
from importlib.machinery import SourceFileLoader
from types import CodeType, FrameType
from typing import Any

import audit  # type: ignore[import-not-found]  # beside this file
import events  # type: ignore[import-not-found]
import observer  # type: ignore[import-not-found]
import stdout_observer  # type: ignore[import-not-found]

for _name in ("audit", "binding", "events", "observer", "stdout_observer"):
    del sys.modules[_name]

#: Threads of the program's own, at most: the kernel's count includes every thread.
PROCESS_CAP = 1024


class LineCoverage:
    """Which lines of the program ran, for reporting code that no run exercised.

    A code object stops being traced once all of its lines have run, so hot
    functions cost one cheap call per frame rather than one per line.
    """

    def __init__(self, code: CodeType) -> None:
        self.filename = code.co_filename
        self.executed: set[int] = set()
        self.complete: set[CodeType] = set()
        self.all_lines = self._lines(code)

    def _lines(self, code: CodeType) -> set[int]:
        lines = {line for _, _, line in code.co_lines() if line is not None}
        for constant in code.co_consts:
            if isinstance(constant, CodeType):
                lines |= self._lines(constant)
        return lines

    def _on_frame(self, frame: FrameType, event: str, arg: Any) -> Any:
        code = frame.f_code
        if code.co_filename != self.filename or code in self.complete:
            return None
        return self._on_line

    def _on_line(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            self.executed.add(frame.f_lineno)
        elif event == "return":
            code = frame.f_code
            own = {line for _, _, line in code.co_lines() if line is not None}
            if own <= self.executed:
                self.complete.add(code)
        return self._on_line

    def start(self) -> None:
        sys.settrace(self._on_frame)

    def unexercised(self) -> list[int]:
        sys.settrace(None)
        return sorted(self.all_lines - self.executed - {0})


def limit_resources(memory_bytes: int, file_bytes: int, cpu_seconds: int) -> None:
    """Caps set by the child itself (a ``preexec_fn`` could deadlock a threaded parent)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    resource.setrlimit(resource.RLIMIT_NPROC, (PROCESS_CAP, PROCESS_CAP))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def read_source(path: str) -> str:
    """The program's text as the interpreter decodes a script; ``SyntaxError`` where it would."""
    with open(path, "rb") as handle:
        encoding, _ = tokenize.detect_encoding(handle.readline)
        handle.seek(0)
        raw = handle.read()
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise SyntaxError(f"{path} is not valid {encoding}: {error}") from None


def main_module(path: str) -> types.ModuleType:
    """A fresh ``__main__`` with the attributes ``python3 path`` gives its script."""
    module = types.ModuleType("__main__")
    module.__dict__.update(
        __file__=path, __cached__=None, __loader__=SourceFileLoader("__main__", path),
        __builtins__=builtins,
    )  # fmt: skip
    return module


def run(program: str, channel: Any, hints: dict[str, Any]) -> None:
    path = os.path.abspath(program)
    module = main_module(path)
    watcher = observer.Observer(channel, hints)
    watcher.globals = module.__dict__
    coverage: list[LineCoverage] = []
    # The uncaught exception's name: not ``sys.last_type``, which the program can set itself.
    # One slot made ahead, so that recording a MemoryError allocates nothing.
    uncaught = [""]

    def finish() -> None:
        error = uncaught[0] or None
        if error == "MemoryError":
            module.__dict__.clear()  # free what the program holds so that we can report
        for lines in coverage:
            channel.send(events.Coverage(tuple(lines.unexercised())))
        watcher.finish(error)  # lets go of the program's module, which python3 then frees

    atexit.register(finish)  # registered first, so it runs after the program's handlers
    # Not the harness's own ``from __future__`` imports: the program runs as python runs it.
    code = compile(read_source(program), path, "exec", dont_inherit=True)
    watcher.wrap_random()
    watcher.watch_the_collector()
    sys.stdout = sys.__stdout__ = stdout_observer.observed_stdout(watcher, sys.stdout)
    sys.argv = [program]
    sys.path[0] = os.path.dirname(path)
    sys.modules["__main__"] = module
    sys.addaudithook(audit.SandboxAudit(channel, os.getcwd()))
    if hints.get("coverage"):
        coverage.append(LineCoverage(code))
        coverage[0].start()
    try:
        exec(code, module.__dict__)
    except SystemExit:
        raise
    except BaseException as error:  # still the interpreter's to report, with the status
        uncaught[0] = type(error).__name__
        raise


if __name__ == "__main__":
    limit_resources(int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    run(
        sys.argv[1],
        observer.Channel(int(sys.argv[2])),
        json.loads(os.environ.pop("BABBLETEST_HINTS", "{}")),
    )
