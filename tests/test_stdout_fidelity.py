"""The program's stdout under the harness is the one ``python3 program.py > file`` gives it.

Each test here was a way the harness's stdout differed from python3's, found by
review: a line-buffered stream where python3 block-buffers (a dropped flush was
"equivalent"), an observer that ran the program's codecs a second time (a
counting error handler printed 2 where python3 prints 1, and that was
"equivalent"), threads that crashed the observer, lines cut from re-encoded
text, and observation whose cost grew with the square of a line's length.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from verifier.sandbox import Limits, run_observed
from verifier.verification import Verifier

#: The sandbox's environment, as far as stdout is concerned.
ENVIRONMENT = {"PATH": os.environ["PATH"], "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}


def bare_python3(tmp_path: Path, source: str) -> subprocess.CompletedProcess:
    program = tmp_path / "bare.py"
    program.write_text(source)
    return subprocess.run(
        [sys.executable, str(program)], capture_output=True, env=ENVIRONMENT, cwd=tmp_path
    )


def verdict(tmp_path: Path, reference: str, candidate: str):
    path = tmp_path / "reference.py"
    path.write_text(reference)
    return Verifier(path, None).verify(candidate.encode(), "candidate.py")


def test_dropping_a_flush_before_binary_output_is_a_divergence(tmp_path: Path) -> None:
    reference = 'import sys\nprint("a", flush=True)\nsys.stdout.buffer.write(b"b\\n")\n'
    candidate = 'import sys\nprint("a")\nsys.stdout.buffer.write(b"b\\n")\n'
    assert bare_python3(tmp_path, candidate).stdout == b"b\na\n"  # the text comes last
    assert not verdict(tmp_path, reference, candidate).equivalent


#: What a program can ask of its stdout: python3's answers (the harness's said line-buffered).
STDOUT_SETTINGS = (
    "import sys, os\n"
    "s = sys.stdout\n"
    "print(s.line_buffering, s.write_through, s.encoding, s.errors, s.mode, s.isatty())\n"
    "print(type(s.buffer).__name__, s.buffer.raw.name, s.buffer.raw.mode, s.fileno())\n"
    "print(s.buffer.raw.closefd, s is sys.__stdout__, s.buffer.writable(), vars(s))\n"
    "print('a\\r\\nb', end='')\n"
    "os.write(1, b'c')\n"
)


def test_the_program_sees_the_stdout_python3_gives_it(tmp_path: Path) -> None:
    bare = bare_python3(tmp_path, STDOUT_SETTINGS)
    lines: list[bytes] = []
    observed = run_observed(
        STDOUT_SETTINGS.encode(), "settings.py", None, Limits(),
        lambda event: lines.append(event.text) if hasattr(event, "text") else None,
    )  # fmt: skip
    assert bare.returncode == 0 and bare.stdout.startswith(b"c")  # block-buffered to a pipe
    assert observed.stdout == bare.stdout
    assert lines[0].startswith(b"False False utf-8 strict w False") and lines[3] == b"a\r"


#: A program whose error handler counts its calls: the observer must not call it again.
COUNTING_HANDLER = """import sys, codecs
calls = 0
def count(error):
    global calls
    calls += 1
    return "?", error.end
codecs.register_error("count", count)
sys.stdout.reconfigure(encoding="ascii", errors="count")
print("caf\\xe9")
print(calls)
"""


def test_the_programs_codecs_run_once_per_write(tmp_path: Path) -> None:
    assert bare_python3(tmp_path, COUNTING_HANDLER).stdout == b"caf?\n1\n"
    observed = run_observed(COUNTING_HANDLER.encode(), "c.py", None, Limits(), lambda e: None)
    assert observed.stdout == b"caf?\n1\n"
    assert not verdict(tmp_path, 'print("caf?")\nprint(2)\n', COUNTING_HANDLER).equivalent


#: Pairs that write the same bytes through the text layer in other pieces.
SAME_BYTES = {
    "utf-16": (
        'import sys\nsys.stdout.reconfigure(encoding="utf-16")\nprint("a b")\n',
        'import sys\nsys.stdout.reconfigure(encoding="utf-16")\nprint("a", "b")\n',
    ),
    "crlf-newline": (
        'import sys\nsys.stdout.reconfigure(newline="\\r\\n")\nprint("a")\n',
        'import sys\nsys.stdout.write("a\\r\\n")\n',
    ),
}


@pytest.mark.parametrize("pair", SAME_BYTES.values(), ids=SAME_BYTES)
def test_the_same_bytes_in_other_pieces_are_equivalent(tmp_path: Path, pair) -> None:
    reference, candidate = pair
    assert bare_python3(tmp_path, reference).stdout == bare_python3(tmp_path, candidate).stdout
    assert verdict(tmp_path, reference, candidate).equivalent


THREADS_PRINTING = """import sys, threading
def job():
    for _ in range(2000):
        sys.stdout.write("tick\\n")
threads = [threading.Thread(target=job) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("done")
"""


def test_threads_printing_at_once_are_observed_in_order(tmp_path: Path) -> None:
    """Each line is one write, so the bytes are the same however the threads interleave;
    the observer used to crash the program there, or send its lines out of order."""
    result = verdict(tmp_path, THREADS_PRINTING, THREADS_PRINTING)
    assert result.equivalent, result.describe()


def test_a_long_line_costs_its_length_to_observe(tmp_path: Path) -> None:
    """600,000 writes and no newline took 27 s, against python3's 0.4 s: each write searched
    the whole line so far."""
    source = "for i in range(600000):\n    print(i, end=' ')\n"
    started = time.perf_counter()
    bare = bare_python3(tmp_path, source)
    bare_seconds = time.perf_counter() - started
    started = time.perf_counter()
    observed = run_observed(source.encode(), "long.py", None, Limits(), lambda event: None)
    observed_seconds = time.perf_counter() - started
    assert observed.stdout == bare.stdout
    assert observed_seconds < 5 * bare_seconds + 3


#: Programs whose stdout and status the observer changed, each printing what python3 prints.
AS_PYTHON3 = {
    "a-limit-near-the-largest": "import sys\nsys.setrecursionlimit(2**31 - 1)\n"
    "try:\n    print('a')\n    print('ok')\nexcept OverflowError:\n    pass\n",
    "printing-at-the-recursion-limit": "import sys\ndef f():\n    print(end='')\n    f()\n"
    "try:\n    f()\nexcept RecursionError:\n    pass\nprint(sys.getrecursionlimit())\n",
    "write-misused": "import sys\nfor call in (lambda: sys.stdout.write(text='a'), sys.stdout.write):\n"
    "    try:\n        call()\n    except TypeError as error:\n        print(error)\n",
    "a-destructor-in-a-cycle-at-shutdown": "class Node:\n    def __init__(self, name, parent=None):\n"
    "        self.name, self.parent, self.children = name, parent, []\n"
    "        if parent:\n            parent.children.append(self)\n"
    "    def __del__(self):\n        print('freed', self.name)\n"
    "root = Node('root')\nNode('leaf', root)\nprint('done')\n",
    "a-destructor-reading-a-global-at-shutdown": "import math\nclass Log:\n"
    "    def __del__(self):\n        print('closing', math.pi)\nlog = Log()\n",
    "an-uncaught-error-then-a-destructor": "class Bye:\n    def __del__(self):\n"
    "        print('bye')\nbye = Bye()\nprint('hi')\nraise ValueError('no')\n",
    "class-asked-and-reassigned": "import io, sys\ntry:\n"
    "    sys.stdout.__class__ = type('T', (io.TextIOWrapper,), {})\n"
    "except TypeError as error:\n    print(error)\nprint(type(sys.stdout), repr(sys.stdout))\n",
}


@pytest.mark.parametrize("source", AS_PYTHON3.values(), ids=AS_PYTHON3)
def test_the_program_prints_what_python3_prints(tmp_path: Path, source: str) -> None:
    bare = bare_python3(tmp_path, source)
    observed = run_observed(source.encode(), "p.py", None, Limits(), lambda event: None)
    assert (observed.status, observed.stdout) == (bare.returncode, bare.stdout)


def test_a_signal_handler_that_prints_mid_line_is_no_crash() -> None:
    """The handler's line arrived while the channel wrote: ``BufferError`` in the program."""
    source = (
        "import signal\nsignal.signal(signal.SIGALRM, lambda *_: print('sig'))\n"
        "signal.setitimer(signal.ITIMER_REAL, 0.0005, 0.0005)\n"
        "for i in range(50000):\n    print('line', i)\n"
        "signal.setitimer(signal.ITIMER_REAL, 0)\n"
    )
    observed = run_observed(source.encode(), "p.py", None, Limits(), lambda event: None)
    # Where the handler's text lands is up to the timer and to CPython's text layer, which
    # python3 shares; that the program ends as it should is the observer's part.
    assert observed.status == 0 and b"Error" not in observed.stderr_tail, observed.stderr_tail


def test_printing_at_shutdown_beside_a_printing_daemon_thread_ends() -> None:
    """A daemon thread frozen at shutdown while holding the observer's lock made a destructor's
    print wait for it until the wall-clock limit."""
    source = (
        "import threading, time\nclass Bye:\n    def __del__(self):\n        print('bye')\n"
        "bye = Bye()\ndef spam():\n    while True:\n        print('x')\n"
        "threading.Thread(target=spam, daemon=True).start()\ntime.sleep(0.2)\n"
    )
    observed = run_observed(source.encode(), "p.py", None, Limits(wall_seconds=30), lambda e: None)
    assert observed.stopped_because is None and observed.elapsed < 15


def test_a_line_printed_while_one_is_reported_comes_after_the_text_before_it() -> None:
    """A destructor or signal handler that prints while a line is being reported writes its
    bytes after the text being cut; its line must come after that text's lines too."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "stdout_observer_under_test", Path(run_observed.__code__.co_filename).parent
        / "stdout_observer.py",
    )  # fmt: skip
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    reported: list[bytes] = []

    class Reporter:
        finished = False

        def on_line(self, line: bytes) -> None:
            reported.append(line)
            if line == b"a":
                lines.add("nested\n")

    lines = module._Lines(Reporter())
    lines.add("a\nb\nc")
    lines.add("\n")
    # The bytes are "a\nb\nc", "nested\n", "\n": the lines are those the bytes make.
    assert reported == [b"a", b"b", b"cnested", b""]


def test_a_dropped_destructor_that_prints_at_shutdown_is_a_divergence(tmp_path: Path) -> None:
    """The harness held the program's module, so at shutdown its globals were set to None
    before the objects went: a destructor of an object in a cycle printed nothing, and
    dropping it (as an unexercised line, say) was "equivalent"."""
    reference = AS_PYTHON3["a-destructor-in-a-cycle-at-shutdown"]
    candidate = reference.replace("    def __del__(self):\n        print('freed', self.name)\n", "")
    assert bare_python3(tmp_path, reference).stdout != bare_python3(tmp_path, candidate).stdout
    assert not verdict(tmp_path, reference, candidate).equivalent


#: (reference, candidate) that differ only at shutdown, where the run is no longer observed:
#: each candidate was "equivalent" to its reference, whose python3 output differs.
AT_SHUTDOWN = {
    # A refusal by the sandbox after the end of the run was not sent.
    "a-refused-command-in-a-destructor": (
        "print('hi')\n",
        "import os\nclass Bye:\n    def __del__(self, system=os.system):\n"
        "        system('echo bye')\nbye = Bye()\nprint('hi')\n",
    ),
    # Nor was a random call.
    "a-random-call-in-a-destructor": (
        "print('hi')\n",
        "import random\nclass Bye:\n    def __del__(self):\n        random.random()\n"
        "bye = Bye()\nprint('hi')\n",
    ),
    # The harness took the program's own ``sys.last_type`` for an uncaught MemoryError and
    # cleared its globals before python3 would have: the destructor's print was lost.
    "a-program-that-sets-last-type": (
        "import sys\nMESSAGE = 'bye'\nprint('hi')\nsys.last_type = MemoryError\n",
        "import sys\nMESSAGE = 'bye'\nclass Bye:\n    def __del__(self):\n"
        "        print(MESSAGE)\nbye = Bye()\nprint('hi')\nsys.last_type = MemoryError\n",
    ),
}


@pytest.mark.parametrize("pair", AT_SHUTDOWN.values(), ids=AT_SHUTDOWN)
def test_what_a_program_does_at_shutdown_is_judged(tmp_path: Path, pair) -> None:
    reference, candidate = pair
    assert not verdict(tmp_path, reference, candidate).equivalent


#: A cycle whose destructor prints, freed by the collector while lists are made.
COLLECTED_CYCLE = (
    "class Cycle:\n    def __del__(self):\n        {action}\n"
    "c = Cycle()\nc.me = c\ndel c\nkeep = []\nfor i in range(480):\n"
    "    keep.append([])\nprint('B')\n"
)


@pytest.mark.parametrize("action", ["print('A')", "import random; random.random()"])
def test_what_the_collectors_code_prints_or_draws_is_not_compared_by_place(
    tmp_path: Path, action: str
) -> None:
    """The harness's own objects move the collector's count: it freed the cycle before 'B'
    where python3 frees it after, and a reference printing 'A' first was "equivalent"."""
    from verifier.divergence import Quantity

    candidate = COLLECTED_CYCLE.format(action=action)
    reference = "print('A')\nkeep = []\nfor i in range(480):\n    keep.append([])\nprint('B')\n"
    if action.startswith("print"):
        assert bare_python3(tmp_path, candidate).stdout == b"B\nA\n"  # python3: B, then A
    result = verdict(tmp_path, reference, candidate)
    assert result.divergence is not None and result.divergence.quantity is Quantity.COLLECTOR


def test_a_draw_by_the_collectors_code_inside_another_draw_is_seen(tmp_path: Path) -> None:
    """A random call nested in another is one event; one made by a destructor the collector
    ran inside ``random.choices`` vanished, and was neither recorded nor flagged."""
    from verifier.divergence import Quantity

    candidate = (
        "import gc, random\nclass Cycle:\n    def __init__(self):\n        self.me = self\n"
        "    def __del__(self):\n        random.random()\ngc.set_threshold(1)\n"
        "for _ in range(200):\n    Cycle()\n    random.choices(range(50), k=50)\nprint('B')\n"
    )
    result = verdict(tmp_path, "print('B')\n", candidate)
    assert result.divergence is not None and result.divergence.quantity is Quantity.COLLECTOR


def test_a_reference_whose_output_the_collector_times_is_refused(tmp_path: Path) -> None:
    from verifier.inputs import BadInput

    with pytest.raises(BadInput, match="garbage collector"):
        verdict(tmp_path, COLLECTED_CYCLE.format(action="print('A')"), "print('B')\n")


def test_a_destructor_run_by_its_last_reference_is_compared_as_usual(tmp_path: Path) -> None:
    """Not the collector's: ``del`` frees it at once, at the same point as under python3."""
    source = (
        "class Bye:\n    def __del__(self):\n        print('bye')\nb = Bye()\ndel b\nprint('B')\n"
    )
    assert verdict(tmp_path, source, source).equivalent
    assert not verdict(tmp_path, source, source.replace("del b\n", "")).equivalent


def test_a_program_out_of_memory_is_reported_as_such(tmp_path: Path) -> None:
    """The harness records the uncaught exception itself (not ``sys.last_type``); a
    MemoryError must still read as exhausted memory, not as a crash of another kind."""
    from verifier.divergence import Quantity

    result = verdict(tmp_path, "print('hi')\n", "print('hi')\nheap = bytearray(10**12)\n")
    assert result.divergence is not None and result.divergence.quantity is Quantity.MEMORY
