"""The observer that runs inside the sandboxed child, around the program under test.

It must not rely on the program's cooperation, so it watches from outside the
program's code: it wraps the module-level functions of ``random`` (every call,
its arguments and result), wraps ``sys.stdout`` (every completed line is an
observation point), finds the parameters by *structure* (the global container
whose leaves hold exactly the floats ``random`` handed out), finds the loss (a
global of the parameters' type whose value the line prints), and forbids file,
process and network access outside the sandbox with an audit hook.

Events go to the parent through a pipe as length-prefixed pickles, as soon as
they happen, so that the parent can compare them against the reference's and
kill the child at the first divergence. This file imports only the standard
library and nothing from the ``verifier`` package, so that it starts fast.

Usage (by :mod:`verifier.sandbox`): ``python harness.py PROGRAM FD MEMORY FILESIZE``
(the event pipe's descriptor and the byte caps), with the hints in the
environment variable ``BABBLETEST_HINTS`` (JSON).
"""

from __future__ import annotations

import array
import hashlib
import inspect
import json
import os
import pickle
import random
import resource
import struct
import sys
import traceback
from collections.abc import Callable, Iterator
from types import CodeType, FrameType
from typing import Any

#: ``random`` functions whose calls are part of the observable trace.
RANDOM_FUNCTIONS = (
    "seed", "random", "uniform", "triangular", "randint", "randrange", "choice", "choices",
    "shuffle", "sample", "gauss", "normalvariate", "lognormvariate", "expovariate",
    "vonmisesvariate", "gammavariate", "betavariate", "paretovariate", "weibullvariate",
    "getrandbits", "randbytes", "getstate", "setstate",
)  # fmt: skip
#: Containers larger than this are summarised by a hash in the random trace.
LARGE_CONTAINER = 64
#: Audit events that start processes or reach the network: always refused.
FORBIDDEN_EVENTS = frozenset(
    {
        "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
        "os.forkpty", "pty.spawn", "socket.connect", "socket.bind", "socket.getaddrinfo",
        "urllib.Request", "ctypes.dlopen", "os.kill", "os.killpg",
    }
)  # fmt: skip
#: Modules that reach the operating system below the audit events.
FORBIDDEN_MODULES = frozenset({"_posixsubprocess", "subprocess", "multiprocessing", "pty"})
#: Audit events whose first argument is a path that must stay inside the sandbox.
PATH_EVENTS = frozenset(
    {
        "os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.chmod", "os.chown", "os.link",
        "os.symlink", "os.truncate", "os.utime", "shutil.rmtree", "shutil.copyfile",
        "shutil.move", "os.chdir", "os.listdir", "os.scandir",
    }
)  # fmt: skip

#: ``open`` flags that let a program change a file.
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class Channel:
    """Length-prefixed pickles written straight to a pipe (no buffering, no audit events)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def send(self, event: tuple) -> None:
        payload = pickle.dumps(event, protocol=pickle.HIGHEST_PROTOCOL)
        data = struct.pack("<I", len(payload)) + payload
        view = memoryview(data)
        while view:
            written = os.write(self.fd, view)
            view = view[written:]


def float_bits(value: float) -> str:
    """The IEEE-754 bytes of a float, as hex: unlike ``float.hex`` it tells NaNs apart."""
    return struct.pack("<d", value).hex()


def fingerprint(value: Any) -> Any:
    """A comparable, picklable stand-in for a value; floats by their bits."""
    if isinstance(value, float):
        return ("f", float_bits(value))
    if value is None or isinstance(value, (bool, int, str, bytes)):
        return value
    if isinstance(value, (list, tuple, range)):
        items = [fingerprint(item) for item in value]
        if len(items) > LARGE_CONTAINER:
            digest = hashlib.sha256(repr(items).encode()).hexdigest()
            return (type(value).__name__, len(items), digest)
        return (type(value).__name__, tuple(items))
    if isinstance(value, dict):
        return ("dict", tuple((fingerprint(k), fingerprint(v)) for k, v in value.items()))
    return ("object", type(value).__name__)


def _printed_in(value: Any, line: str) -> bool:
    """Whether ``line`` shows ``value`` in one of the usual float formats."""
    if not isinstance(value, float):
        return False
    spellings = {repr(value), *(f"{value:.{digits}f}" for digits in range(2, 11))}
    return any(_shows_whole_number(line, spelling) for spelling in spellings)


def _shows_whole_number(line: str, spelling: str) -> bool:
    """Whether ``spelling`` occurs in ``line`` as a whole number: "2.88" is not shown
    by "2.8890", so that a short spelling of another value cannot make the loss ambiguous."""
    start = line.find(spelling)
    while start != -1:
        end = start + len(spelling)
        digit_before = start > 0 and line[start - 1].isdigit()
        digit_after = end < len(line) and line[end].isdigit()
        if not digit_before and not digit_after:
            return True
        start = line.find(spelling, start + 1)
    return False


class Observer:
    """Collects the trace of one run and streams it to the parent."""

    def __init__(self, channel: Channel, hints: dict[str, Any]) -> None:
        self.channel = channel
        self.globals: dict[str, Any] = {}
        self.random_floats: list[float] = []
        self.located_at_draws = -1
        self.params_name: str | None = hints.get("params")
        self.loss_name: str | None = hints.get("loss")
        self.params_attribute: str | None = None
        self.params_located = False
        self.param_ids: set[int] = set()
        self.param_type: type | None = None
        self.line_count = 0
        self.calling_random = False

    # --- random -------------------------------------------------------------------

    def wrap_random(self) -> None:
        for name in RANDOM_FUNCTIONS:
            original = getattr(random, name, None)
            if original is not None:
                setattr(random, name, self._recording(name, original))

    def _recording(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        # Arguments are compared as the function receives them: bound to its
        # parameters, defaults filled in, so ``choices(p, weights=w)`` and
        # ``choices(p, w)`` are the same call.
        try:
            signature: inspect.Signature | None = inspect.signature(original)
        except (TypeError, ValueError):
            signature = None

        def bound(args: tuple, kwargs: dict[str, Any]) -> tuple[Any, Any]:
            if signature is None:
                return fingerprint(args), fingerprint(kwargs)
            try:
                binding = signature.bind(*args, **kwargs)
            except TypeError:
                return fingerprint(args), fingerprint(kwargs)
            binding.apply_defaults()
            if name == "shuffle":  # its argument's new order is the result
                return ("list", len(args[0])), None
            return fingerprint(tuple(binding.arguments.values())), None

        def recorded(*args: Any, **kwargs: Any) -> Any:
            if self.calling_random:  # a random function calling another: one event
                return original(*args, **kwargs)
            self.calling_random = True
            try:
                result = original(*args, **kwargs)
            finally:
                self.calling_random = False
            if isinstance(result, float):
                self.random_floats.append(result)
            # shuffle works in place: its effect is the new order of its argument
            observed = args[0] if name == "shuffle" and args else result
            arguments, keywords = bound(args, kwargs)
            self.channel.send(("random", name, arguments, keywords, fingerprint(observed)))
            return result

        recorded.__name__ = name
        recorded.__wrapped__ = original  # type: ignore[attr-defined]
        return recorded

    # --- parameters and loss --------------------------------------------------------

    def _leaves(self, value: Any, path: str, depth: int = 0) -> Iterator[tuple[str, Any]]:
        """The leaves of nested lists, tuples and dicts, with a printable path."""
        if isinstance(value, (list, tuple)) and depth < 4:
            for index, item in enumerate(value):
                yield from self._leaves(item, f"{path}[{index}]", depth + 1)
        elif isinstance(value, dict) and depth < 4:
            for key, item in value.items():
                label = key if isinstance(key, str) and not path else f"{path}[{key!r}]"
                yield from self._leaves(item, label, depth + 1)
        else:
            yield path, value

    def _value_attribute(self, leaf: Any, expected: float) -> str | None:
        """The attribute of ``leaf`` holding ``expected`` (bit for bit), if any."""
        names: list[str] = []
        for klass in type(leaf).__mro__:
            slots = klass.__dict__.get("__slots__", ())
            names.extend([slots] if isinstance(slots, str) else slots)
        names.extend(getattr(leaf, "__dict__", {}))
        for name in names:
            value = getattr(leaf, name, None)
            if isinstance(value, float) and value.hex() == expected.hex():
                return name
        return None

    def _matches_draws(self, leaves: list[Any]) -> str | None | bool:
        """The value attribute when ``leaves`` hold a window of the random floats, else False."""
        draws = self.random_floats
        if not leaves or len(leaves) > len(draws):
            return False
        first = leaves[0]
        attribute = None if isinstance(first, float) else self._value_attribute(first, draws[0])
        if attribute is None and not isinstance(first, float):
            # the window may start later than the first draw
            for draw in draws[: len(draws) - len(leaves) + 1]:
                attribute = self._value_attribute(first, draw)
                if attribute is not None:
                    break
            else:
                return False
        values = [leaf if attribute is None else getattr(leaf, attribute, None) for leaf in leaves]
        if not all(isinstance(value, float) for value in values):
            return False
        wanted = [value.hex() for value in values]
        for offset in range(len(draws) - len(leaves) + 1):
            if draws[offset].hex() == wanted[0] and all(
                draw.hex() == want for draw, want in zip(draws[offset:], wanted)
            ):
                return attribute
        return False

    def locate_params(self) -> None:
        """Find the global container of the parameters, preferring the hinted name."""
        if self.params_located or len(self.random_floats) == self.located_at_draws:
            return
        self.located_at_draws = len(self.random_floats)
        names = list(self.globals)
        if self.params_name in self.globals:
            names.remove(self.params_name)
            names.insert(0, self.params_name)
        matches: list[tuple[str, list[tuple[str, Any]], str | None]] = []
        for name in names:
            value = self.globals.get(name)
            if not isinstance(value, (list, tuple, dict)) or name.startswith("__"):
                continue
            leaves = list(self._leaves(value, ""))
            attribute = self._matches_draws([leaf for _, leaf in leaves])
            if attribute is not False:
                matches.append((name, leaves, attribute))
        if not matches:
            return
        name, leaves, attribute = matches[0]
        # Labels from a container of named matrices read better (``wte[3][5]``).
        labelled = next((m for m in matches if isinstance(self.globals[m[0]], dict)), matches[0])
        self.params_name, self.params_attribute = name, attribute
        self.params_located = True
        self.param_ids = {id(leaf) for _, leaf in leaves}
        self.param_type = type(leaves[0][1])
        labels = [path for path, _ in labelled[1]] if len(labelled[1]) == len(leaves) else None
        self.channel.send(("params", name, attribute, len(leaves), labels))

    def param_values(self) -> bytes | None:
        if not self.params_located:
            return None
        container = self.globals.get(self.params_name)
        if container is None:
            return None
        attribute = self.params_attribute
        leaves = [leaf for _, leaf in self._leaves(container, "")]
        try:
            values = leaves if attribute is None else [getattr(leaf, attribute) for leaf in leaves]
            if any(type(value) is not float for value in values):
                return None  # an int or bool would pass as an equal float in the array
            return array.array("d", values).tobytes()
        except (TypeError, AttributeError):
            return None

    def loss_value(self, line: str) -> float | None:
        """The loss's bits: the hinted global, else the one global of the parameters' type
        (not a parameter) whose value this line prints."""
        if not self.params_located or self.param_type is None or self.param_type is float:
            return None
        attribute = self.params_attribute
        if self.loss_name is None:
            candidates = [
                name
                for name, value in self.globals.items()
                if type(value) is self.param_type and id(value) not in self.param_ids
            ]
            printed = [
                name
                for name in candidates
                if _printed_in(getattr(self.globals[name], attribute, None), line)
            ]
            if len(printed) != 1:
                return None
            self.loss_name = printed[0]
            self.channel.send(("loss", self.loss_name))
        value = getattr(self.globals.get(self.loss_name), attribute, None)
        return value if isinstance(value, float) else None  # pickled with every bit

    # --- stdout ---------------------------------------------------------------------

    def on_line(self, text: str) -> None:
        self.line_count += 1
        self.locate_params()
        self.channel.send(
            ("line", self.line_count, text, self.loss_value(text), self.param_values())
        )

    def finish(self, status: int, error: str | None) -> None:
        self.channel.send(("end", status, error, self.param_values()))


class LineObservingStdout:
    """A stand-in for ``sys.stdout`` that reports each completed line to the observer."""

    def __init__(self, real: Any, observer: Observer) -> None:
        self._real = real
        self._observer = observer
        self._pending = ""

    def write(self, text: str) -> int:
        written = self._real.write(text)
        self._pending += text
        while "\n" in self._pending:
            line, self._pending = self._pending.split("\n", 1)
            self._observer.on_line(line)
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


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
        self.readable += (os.path.realpath(__file__),)

    def _inside(self, path: Any, roots: tuple[str, ...]) -> bool:
        if isinstance(path, int):  # an already-open descriptor
            return True
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not isinstance(path, (str, os.PathLike)):
            return False
        real = os.path.realpath(os.path.join(self.sandbox, os.fspath(path)))
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
        elif event in PATH_EVENTS:
            # rename, link, symlink, copy and move name a destination too
            for path in args[:2]:
                if isinstance(path, (str, bytes, os.PathLike)) and not self._inside(
                    path, (self.sandbox,)
                ):
                    self._refuse(f"{event} outside its directory: {path!r}")

    def _refuse(self, reason: str) -> None:
        self.channel.send(("violation", reason))
        raise PermissionError(f"babbletest sandbox: {reason}")


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


def limit_resources(memory_bytes: int, file_bytes: int) -> None:
    """Caps set by the child itself (a ``preexec_fn`` could deadlock a threaded parent)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run(program: str, fd: int, hints: dict[str, Any]) -> int:
    channel = Channel(fd)
    observer = Observer(channel, hints)
    observer.wrap_random()
    sys.stdout = LineObservingStdout(sys.stdout, observer)  # type: ignore[assignment]
    sys.argv = [program]
    sys.path[0] = os.path.dirname(os.path.abspath(program))
    module_globals: dict[str, Any] = {"__name__": "__main__", "__file__": program}
    observer.globals = module_globals
    sys.addaudithook(SandboxAudit(channel, os.getcwd()))
    status, error, coverage = 0, None, None
    try:
        code = compile(open(program, "rb").read(), program, "exec")
        coverage = LineCoverage(code) if hints.get("coverage") else None
        if coverage is not None:
            coverage.start()
        exec(code, module_globals)
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if stop.code is not None and not isinstance(stop.code, int):
            print(stop.code, file=sys.stderr)
    except BaseException as exc:  # the program's crash is an observation, not ours
        if isinstance(exc, MemoryError):
            module_globals.clear()  # free what the program holds so that we can report
        traceback.print_exc()
        status, error = 1, type(exc).__name__
    if coverage is not None:
        channel.send(("coverage", coverage.unexercised()))
    try:
        sys.stdout.flush()
    except BaseException:
        status = status or 120
    observer.finish(status, error)
    return status


if __name__ == "__main__":
    hints = json.loads(os.environ.pop("BABBLETEST_HINTS", "{}"))
    limit_resources(int(sys.argv[3]), int(sys.argv[4]))
    exit_status = run(sys.argv[1], int(sys.argv[2]), hints)
    os._exit(exit_status)  # skip interpreter teardown: the program may have left threads
