"""The observer inside the child: what the program does with ``random``, stdout and its parameters.

It must not rely on the program's cooperation, so it watches from outside the
program's code: it wraps the module-level functions of ``random`` (every call,
its arguments and result), watches the text written to ``sys.stdout`` (every
completed line is an observation point), finds the parameters by *structure*
(the global container whose leaves hold exactly the floats ``random`` handed
out) and finds the loss (a global of the parameters' type whose value the line
prints). Every observation is sent as it happens, as a typed event
(:mod:`verifier.events`) through a :class:`Channel` (random calls in small batches).

Like the harness, this module imports only the standard library and the
events and binding modules, which the harness loads beside it as top-level modules.
"""

from __future__ import annotations

import array
import gc
import inspect
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from itertools import repeat
from operator import attrgetter
from typing import Any, NamedTuple

import events  # type: ignore[import-not-found]  # beside this file in the child
from binding import Binder  # type: ignore[import-not-found]

#: ``random`` functions whose calls are part of the observable trace.
RANDOM_FUNCTIONS = (
    "seed", "random", "uniform", "triangular", "randint", "randrange", "choice", "choices",
    "shuffle", "sample", "gauss", "normalvariate", "lognormvariate", "expovariate",
    "vonmisesvariate", "gammavariate", "betavariate", "paretovariate", "weibullvariate",
    "getrandbits", "randbytes", "getstate", "setstate",
)  # fmt: skip
#: What the parameters may be nested in.
CONTAINERS = (list, tuple, dict)
#: Random calls are sent in batches of about this many bytes ...
BATCH_BYTES = 64 * 1024
#: ... or as soon as the oldest waiting one is this old.
BATCH_SECONDS = 0.05
#: Parameter labels are sent only while they fit well inside a frame that may hold containers.
LABEL_BYTES = 3 * events.MAX_NESTED_FRAME // 4


class Channel:
    """Frames written straight to the event pipe with ``os.write`` (no audit events).

    Random calls come by the thousand (one per weight at initialisation), so
    they are gathered and written together with the next event of any other
    kind, or once :data:`BATCH_BYTES` or :data:`BATCH_SECONDS` are reached;
    every other event is written at once, after the calls that preceded it."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pending = bytearray()
        self.pending_since = 0.0
        self.lock = threading.RLock()  # the program's threads call random and print at once
        self.flushing = False
        self.closed = False  # the end of the run was sent: lines are no longer sent

    def send(self, event: events.Event) -> None:
        with self.lock:
            self._send(event)

    def _send(self, event: events.Event) -> None:
        if self.closed and isinstance(event, events.Line):
            return  # a daemon thread's line after the end: its bytes are compared raw
        # Anything else after the end (a refusal, a random call, a second end) goes out,
        # and the parent calls it a violation.
        self.closed = self.closed or isinstance(event, events.Finish)
        if not self.pending:
            self.pending_since = time.monotonic()
        self.pending += events.encode(event)
        if (
            not isinstance(event, events.RandomCall)
            or self.closed  # after the end, nothing else will send it
            or len(self.pending) >= BATCH_BYTES
            or time.monotonic() - self.pending_since >= BATCH_SECONDS
        ):
            self._flush()

    def flush(self) -> None:
        with self.lock:
            self._flush()

    def _flush(self) -> None:
        # A signal handler may send while this writes (same thread, so the lock lets it
        # in): its frames wait in a fresh buffer, written after these, never inside them.
        if self.flushing:
            return
        self.flushing = True
        try:
            while self.pending:
                frames, self.pending = self.pending, bytearray()
                view = memoryview(frames)
                while view:
                    written = os.write(self.fd, view)
                    view = view[written:]
        finally:
            self.flushing = False


def _value_of(holder: Any, attribute: str | None) -> Any:
    """What a parameter or the loss holds: the object itself when the floats are bare."""
    return holder if attribute is None else getattr(holder, attribute, None)


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


class DrawMatch(NamedTuple):
    """Leaves that hold the random floats: themselves (``attribute`` None) or in an attribute."""

    attribute: str | None


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
        self.finished = False
        self.collecting_thread: int | None = None  # the thread the collector runs in

    # --- the cyclic garbage collector ---------------------------------------------

    def watch_the_collector(self) -> None:
        """Know when code the collector runs (destructors of cycles, weakref callbacks) is
        running: what it prints or draws lands where the collector happens to run."""
        gc.callbacks.append(self._on_collection)

    def _on_collection(self, phase: str, info: dict[str, int]) -> None:
        self.collecting_thread = threading.get_ident() if phase == "start" else None

    def note_if_collector_timed(self, what: str) -> None:
        """Send :class:`events.CollectorTimed` when the collector's code did ``what``."""
        if self.collecting_thread == threading.get_ident() and not self.finished:
            self.channel.send(events.CollectorTimed(what))

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
        binder = Binder(signature) if signature is not None else None

        def bound(args: tuple, kwargs: dict[str, Any]) -> tuple[Any, Any]:
            arguments = binder.bind(args, kwargs) if binder is not None else None
            if arguments is None:
                return events.fingerprint(args), events.fingerprint(kwargs)
            if name == "shuffle":  # its argument's new order is the result
                return ("list", len(arguments[0])), None
            return events.fingerprint(arguments), None

        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.note_if_collector_timed(f"random.{name} was called")  # even inside another
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
            self.channel.send(
                events.RandomCall(name, arguments, keywords, events.fingerprint(observed))
            )
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

    def _leaf_values(self, value: Any, into: list[Any], depth: int = 0) -> list[Any]:
        """The leaves :meth:`_leaves` yields, without their paths: the hot path of every line."""
        if not isinstance(value, CONTAINERS) or depth >= 4:
            into.append(value)
            return into
        items = value.values() if isinstance(value, dict) else value
        if depth == 3 or not any(map(isinstance, items, repeat(CONTAINERS))):
            into.extend(items)  # the items are leaves, whatever they are
            return into
        for item in items:
            if isinstance(item, CONTAINERS):
                self._leaf_values(item, into, depth + 1)
            else:
                into.append(item)
        return into

    def _float_attributes(self, leaf: Any) -> dict[str, str]:
        """The attributes of ``leaf`` holding a float: the first name for each float's hex."""
        names: list[str] = []
        for klass in type(leaf).__mro__:
            slots = klass.__dict__.get("__slots__", ())
            names.extend([slots] if isinstance(slots, str) else slots)
        names.extend(getattr(leaf, "__dict__", {}))
        by_hex: dict[str, str] = {}
        # Only identifiers: ``attrgetter`` reads "w.data" as a path, and keys of a
        # ``__dict__`` need not be strings at all.
        for name in filter(lambda name: isinstance(name, str) and name.isidentifier(), names):
            value = getattr(leaf, name, None)
            if isinstance(value, float):
                by_hex.setdefault(value.hex(), name)
        return by_hex

    def _matches_draws(self, leaves: list[Any]) -> DrawMatch | None:
        """How ``leaves`` hold a window of the random floats, or ``None`` when they do not."""
        draws = self.random_floats
        if not leaves or len(leaves) > len(draws):
            return None
        first = leaves[0]
        attribute = None
        if not isinstance(first, float):
            # the attribute holding the first draw the window may start at
            by_hex = self._float_attributes(first)
            if not by_hex:
                return None
            for draw in draws[: len(draws) - len(leaves) + 1]:
                attribute = by_hex.get(draw.hex())
                if attribute is not None:
                    break
            else:
                return None
        values = [leaf if attribute is None else getattr(leaf, attribute, None) for leaf in leaves]
        if not all(isinstance(value, float) for value in values):
            return None
        wanted = [value.hex() for value in values]
        for offset in range(len(draws) - len(leaves) + 1):
            if draws[offset].hex() == wanted[0] and all(
                draw.hex() == want for draw, want in zip(draws[offset:], wanted)
            ):
                return DrawMatch(attribute)
        return None

    def locate_params(self) -> None:
        """Find the global container of the parameters, preferring the hinted name."""
        if self.params_located or len(self.random_floats) == self.located_at_draws:
            return
        self.located_at_draws = len(self.random_floats)
        names = list(self.globals)
        if self.params_name in self.globals:
            names.remove(self.params_name)
            names.insert(0, self.params_name)
        matches: list[tuple[str, list[Any], str | None]] = []
        for name in names:
            value = self.globals.get(name)
            if not isinstance(value, CONTAINERS) or name.startswith("__"):
                continue
            leaves = self._leaf_values(value, [])
            match = self._matches_draws(leaves)
            if match is not None:
                matches.append((name, leaves, match.attribute))
        if not matches:
            return
        name, leaves, attribute = matches[0]
        # Labels from a container of named matrices read better (``wte[3][5]``).
        labelled = next((m for m in matches if isinstance(self.globals[m[0]], dict)), matches[0])
        self.params_name, self.params_attribute = name, attribute
        self.params_located = True
        self.param_ids = {id(leaf) for leaf in leaves}
        self.param_type = type(leaves[0])
        labels = (
            [path for path, _ in self._leaves(self.globals[labelled[0]], "")]
            if len(labelled[1]) == len(leaves)
            else None
        )
        if labels and len(repr(labels).encode("utf-8", "replace")) > LABEL_BYTES:
            labels = None  # they only name parameters in reports: not worth a frame past the cap
        self.channel.send(
            events.ParamsLocated(name, attribute, len(leaves), tuple(labels) if labels else None)
        )

    def param_values(self) -> bytes | None:
        if not self.params_located:
            return None
        container = self.globals.get(self.params_name)
        if container is None:
            return None
        attribute = self.params_attribute
        leaves = self._leaf_values(container, [])
        try:
            values = leaves if attribute is None else list(map(attrgetter(attribute), leaves))
        except (TypeError, AttributeError):
            return None
        if not all(isinstance(value, float) for value in values):
            return None  # an int or bool would pass as an equal float in the array
        return array.array("d", values).tobytes()

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
                if _printed_in(_value_of(self.globals[name], attribute), line)
            ]
            if len({id(self.globals[name]) for name in printed}) != 1:  # aliases are one loss
                return None
            self.loss_name = printed[0]
            self.channel.send(events.LossLocated(self.loss_name))
        value = _value_of(self.globals.get(self.loss_name), attribute)
        return float(value) if isinstance(value, float) else None  # sent with every bit

    # --- stdout ---------------------------------------------------------------------

    def on_line(self, line: bytes) -> None:
        self.line_count += 1
        self.locate_params()
        text = line.decode("utf-8", "replace")
        self.channel.send(
            events.Line(self.line_count, line, self.loss_value(text), self.param_values())
        )

    def finish(self, error: str | None) -> None:
        self.channel.send(events.Finish(error, self.param_values()))
        self.finished = True
        # The program's module is python3's to free: held by nothing here (its globals, or
        # the parameters' class, whose methods hold them), it is freed with sys.modules at
        # shutdown and the collector runs its objects' destructors, cycles too, while its
        # globals are intact; held, its globals were set to None first.
        self.globals, self.param_type = {}, None
