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
from typing import Any


class _Lines:
    """The observer's side of :class:`ObservedStdout`: text cut into completed lines.

    Only ``str`` operations of the interpreter's own run on the program's text here (never
    its codecs, error handlers or ``str`` subclasses' methods, which it could count), in
    the order the writes were made (one lock). Its frames run on the program's stack, as
    python3's own ``write`` does not: a program printing at its recursion limit can meet
    ``RecursionError`` a few frames sooner (the limit is left alone: raising it for the
    observer showed through, to the program and to its other threads)."""

    def __init__(self, observer: Any) -> None:
        self.observer = observer
        self.pending = io.StringIO(newline="")
        self.newline = "\n"
        self.lock = threading.RLock()

    def add(self, text: str) -> None:
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
    The observer's state is held by the class, not the instance, whose ``vars`` are
    python3's, and ``__class__`` cannot be reassigned, as python3's cannot.
    """

    _lines: _Lines

    def write(self, *args: Any, **kwargs: Any) -> int:
        lines = __class__._lines
        if lines.observer.finished:  # destructors, daemon threads at shutdown: compared raw
            return super().write(*args, **kwargs)
        with lines.lock:
            written = super().write(*args, **kwargs)  # python3's own checks and codecs
            lines.add(str.__str__(args[0]))
            return written

    def reconfigure(self, *args: Any, **changes: Any) -> None:
        super().reconfigure(*args, **changes)
        if "newline" in changes:
            __class__._lines.newline = changes["newline"] or "\n"

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return type(self)

    @__class__.setter
    def __class__(self, _: type) -> None:  # python3's stdout is of a type that forbids it
        raise TypeError(
            "__class__ assignment only supported for mutable types or ModuleType subclasses"
        )


# Named as python3's class, so that what a program prints of it (its name, its repr, the
# messages of its errors) is what python3 prints; only ``type(sys.stdout) is
# io.TextIOWrapper`` tells them apart.
ObservedStdout.__name__ = ObservedStdout.__qualname__ = "TextIOWrapper"
ObservedStdout.__module__ = "_io"


def observed_stdout(observer: Any, own: io.TextIOWrapper) -> ObservedStdout:
    """The interpreter's stdout rebuilt as :class:`ObservedStdout`, with every setting python3
    gave it (its buffer, encoding, errors, newline and buffering) and ``own`` detached."""
    encoding, errors = own.encoding, own.errors
    line_buffering, write_through = own.line_buffering, own.write_through
    ObservedStdout._lines = _Lines(observer)
    stdout = ObservedStdout(
        own.detach(), encoding=encoding, errors=errors, newline="\n",
        line_buffering=line_buffering, write_through=write_through,
    )  # fmt: skip
    stdout.mode = "w"
    return stdout
