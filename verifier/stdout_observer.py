"""The program's ``sys.stdout``: python3's own, with each line the program completes observed.

Why a module of its own: what reaches fd 1 must be exactly what ``python3
program.py`` sends there, in the same order, so the text layer stays the
interpreter's (its buffer, block-buffered to a pipe, its settings), and the
observer only looks at the text the program hands it. Like the observer, this
module is loaded by the harness as a top-level module and imports only the
standard library.
"""

from __future__ import annotations

import io
import threading
from collections import deque
from typing import Any


class _Lines:
    """The observer's side of :class:`ObservedStdout`: text cut into completed lines.

    Only ``str`` operations of the interpreter's own run on the program's text here (never
    its codecs, error handlers or ``str`` subclasses' methods, which it could count), in
    the order the writes were made: one lock for threads, and a queue for a write made
    while a line is being reported (a signal handler or a destructor that prints), whose
    text is cut after the text before it. Its frames run on the program's stack, as
    python3's own ``write`` does not: a program printing within a few frames of its
    recursion limit meets ``RecursionError`` sooner, and may lose a line's observation (the
    limit is left alone: raising it for the observer showed through, to the program and
    to its other threads)."""

    def __init__(self, observer: Any) -> None:
        self.observer = observer
        self.pending = io.StringIO(newline="")
        self.newline = "\n"
        self.lock = threading.RLock()
        self.texts: deque[str] = deque()
        self.cutting = False

    def add(self, text: str) -> None:
        self.texts.append(text)
        if self.cutting:
            return
        self.cutting = True
        try:
            while self.texts:
                self._cut(self.texts.popleft())
        finally:
            self.cutting = False

    def _cut(self, text: str) -> None:
        if self.newline in ("\r", "\r\n"):  # as the text layer translates "\n" on its way out
            text = text.replace("\n", self.newline)
        if "\n" not in text:
            self.pending.write(text)
            return
        *ends, rest = text.split("\n")
        for end in ends:
            self.pending.write(end)
            line = self.pending.getvalue()
            self.pending.seek(0)
            self.pending.truncate()
            self.observer.on_line(line.encode("utf-8", "surrogatepass"))
        self.pending.write(rest)


class ObservedStdout(io.TextIOWrapper):
    """``sys.stdout`` as python3 builds it, over the interpreter's own buffer and fd 1, that
    reports each line the program completes through it.

    The bytes reach fd 1 when python3's buffering would send them (block-buffered to a
    pipe), so text left unflushed before bytes written to ``sys.stdout.buffer`` or fd 1
    comes after them, as under ``python3 program.py > file``. Lines are observed as the
    program writes them, not as they are flushed, so that each carries the parameters of
    its own moment. Bytes written below the text layer are compared only raw, at the end.
    The observer's state is held by this module, not the instance or the class, so that
    ``vars`` is python3's and ``dir`` nearly so, and ``__class__`` cannot be reassigned,
    as python3's cannot.
    """

    def write(self, *args: Any, **kwargs: Any) -> int:
        lines = _LINES[0]
        if lines.observer.finished:  # destructors, daemon threads at shutdown: compared raw
            return super().write(*args, **kwargs)
        with lines.lock:
            written = super().write(*args, **kwargs)  # python3's own checks and codecs
            lines.observer.note_if_collector_timed("stdout was written")
            lines.add(str.__str__(args[0]))
            return written

    def reconfigure(self, *args: Any, **changes: Any) -> None:
        super().reconfigure(*args, **changes)
        if "newline" in changes:
            _LINES[0].newline = changes["newline"] or "\n"

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return type(self)

    @__class__.setter
    def __class__(self, _: type) -> None:  # python3's stdout is of a type that forbids it
        raise TypeError(
            "__class__ assignment only supported for mutable types or ModuleType subclasses"
        )


# Named as python3's class, so that what a program prints of it (its name, its repr, its
# docstring, the messages of its errors) is what python3 prints; ``type(sys.stdout) is
# io.TextIOWrapper`` and ``"__module__" in dir(sys.stdout)`` still tell them apart.
ObservedStdout.__name__ = ObservedStdout.__qualname__ = "TextIOWrapper"
ObservedStdout.__module__ = "_io"
ObservedStdout.__doc__ = io.TextIOWrapper.__doc__
#: The one :class:`_Lines` of this process, set by :func:`observed_stdout`.
_LINES: list[_Lines] = []


def observed_stdout(observer: Any, own: io.TextIOWrapper) -> ObservedStdout:
    """The interpreter's stdout rebuilt as :class:`ObservedStdout`, with every setting python3
    gave it (its buffer, encoding, errors, newline and buffering) and ``own`` detached."""
    encoding, errors = own.encoding, own.errors
    line_buffering, write_through = own.line_buffering, own.write_through
    _LINES[:] = [_Lines(observer)]
    stdout = ObservedStdout(
        own.detach(), encoding=encoding, errors=errors, newline="\n",
        line_buffering=line_buffering, write_through=write_through,
    )  # fmt: skip
    stdout.mode = "w"
    return stdout
