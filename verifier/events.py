"""What the observer reports, defined once, and the wire format it travels in.

Each kind of event is one ``NamedTuple``: the observer in the child
(:mod:`verifier.harness`) builds them, and every reader in the parent
(traces, comparison, report) reads their fields by name. On the way from the
child to the parent an event is a *frame*: a 4-byte big-endian length, then a
msgpack array ``[PROTOCOL_VERSION, kind code, field...]``. Floats travel as
their raw 8 IEEE-754 bytes, never as msgpack floats. The parent treats every
frame as hostile input: sizes are capped before anything is buffered, and a
frame that does not decode or does not match its kind's schema raises
:class:`ProtocolError`, which the verifier turns into a verdict. No pickle.

This module imports only the standard library and msgpack, because the
observer imports it (as a top-level module, beside itself) before the program
under test starts.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable
from typing import Any, NamedTuple, Union

import msgpack

#: Bump when a frame's layout changes: the parent refuses frames of another version.
PROTOCOL_VERSION = 1
#: Largest frame the parent accepts: one stdout line with 2 million parameters.
MAX_FRAME = 16 * 1024**2
#: Largest frame that may hold containers. Decoded, many small containers or strings take some
#: 30 times their wire size, so a larger frame must be a flat array of a few scalars (a line or
#: the finish, whose bulk is raw bytes), which decodes to about its own size.
MAX_NESTED_FRAME = 1024**2
#: The most fields a flat frame has: version, kind and a ``Line``'s four fields.
MAX_FLAT_FIELDS = 6
#: Type bytes of msgpack's arrays, maps and extension types: none may occur in a large frame.
_CONTAINER_BYTES = frozenset(
    [*range(0x80, 0xA0), 0xDC, 0xDD, 0xDE, 0xDF, 0xC7, 0xC8, 0xC9, *range(0xD4, 0xD9)]
)
#: Most bytes the parent reads from one run's event stream.
MAX_STREAM = 1024**3
#: Deepest nesting accepted in a random call's fingerprints.
MAX_DEPTH = 32
#: Containers larger than this are summarised by a hash in the random trace (:func:`fingerprint`).
LARGE_CONTAINER = 64
#: Containers deeper than this (the wire allows 32 tuples), or met past this many values, are
#: fingerprinted by their type alone.
FINGERPRINT_DEPTH, FINGERPRINT_VALUES = 8, 100_000
#: The range of integers msgpack carries as they are; larger ones travel as hex.
WIRE_INTEGERS = range(-(2**63), 2**64)
#: Numbers whose ``str`` is exact, fingerprinted by it (a ``Fraction`` weight, say).
EXACT_BY_STR = {("fractions", "Fraction"), ("decimal", "Decimal")}
HEADER = struct.Struct(">I")
FLOAT = struct.Struct("<d")


class RandomCall(NamedTuple):
    """A call of a module-level ``random`` function: arguments and result as fingerprints."""

    name: str
    arguments: Any
    keywords: Any
    result: Any


class Line(NamedTuple):
    """A completed stdout line, with the loss and the parameters' bits at that moment."""

    number: int
    text: bytes
    loss: float | None
    params: bytes | None


class ParamsLocated(NamedTuple):
    """Where the parameters were found: a global container and, maybe, a value attribute."""

    name: str
    attribute: str | None
    count: int
    labels: tuple[str, ...] | None


class LossLocated(NamedTuple):
    """The global whose value the printed loss shows."""

    name: str


class Finish(NamedTuple):
    """Sent last of all, at interpreter shutdown: the uncaught exception and final parameters."""

    error: str | None
    params: bytes | None


class Coverage(NamedTuple):
    """Lines of the program that never ran (coverage runs only)."""

    unexercised: tuple[int, ...]


class Violation(NamedTuple):
    """The in-process audit hook refused something."""

    reason: str


class CollectorTimed(NamedTuple):
    """Code the cyclic garbage collector ran (a destructor, a weakref callback) printed or
    called ``random``: when the collector runs is not python3's under the harness, whose
    own objects move its count, so where this lands cannot be compared."""

    what: str

    def explained(self) -> str:
        return (
            f"{self.what} from code the garbage collector ran, which runs at other moments "
            "under the harness than under python3"
        )


Event = Union[
    RandomCall, Line, ParamsLocated, LossLocated, Finish, Coverage, Violation, CollectorTimed
]


class ProtocolError(Exception):
    """A frame that is too large, malformed, of another version or against its schema."""


# --- fingerprints ------------------------------------------------------------------------


def float_bits(value: float) -> str:
    """The IEEE-754 bytes of a float, as hex: unlike ``float.hex`` it tells NaNs apart."""
    return struct.pack("<d", value).hex()


def fingerprint(value: Any) -> Any:
    """A comparable stand-in for a value, made of tuples, str, int, bytes; floats by their bits.
    It always ends, without error, on whatever a program hands ``random``: huge integers travel
    as hex (``str`` refuses 4300 digits), containers too deep or past the budget (a list that
    holds itself) by their type, and a fingerprint too large for its frame by its hash."""
    if type(value) is float:  # most results: small by construction, no need to measure
        return ("f", float_bits(value))
    summary = _fingerprint(value, 0, [FINGERPRINT_VALUES])
    packed = msgpack.packb(summary, use_bin_type=True)
    if len(packed) > MAX_NESTED_FRAME // 4:  # arguments, keywords and result share one frame
        return ("msgpack", len(packed), hashlib.sha256(packed).hexdigest())
    return summary


def _fingerprint(value: Any, depth: int, budget: list[int]) -> Any:
    budget[0] -= 1
    if isinstance(value, float):
        return ("f", float_bits(value))
    if isinstance(value, bool):
        return ("bool", int(value))  # True == 1, but randint(True, 5) is another call
    if isinstance(value, int) and value not in WIRE_INTEGERS:
        return ("int", hex(value))
    if value is None or isinstance(value, (int, str, bytes)):
        return value
    if not isinstance(value, (list, tuple, range, dict)):
        if isinstance(value, bytearray):
            return ("bytearray", bytes(value))
        kind = (type(value).__module__, type(value).__name__)
        if kind in EXACT_BY_STR:  # the exact value, without importing their modules here
            return (kind[1], str(value))
        if kind != ("collections", "deque"):
            return ("object", type(value).__name__)
        value = list(value)
    if depth >= FINGERPRINT_DEPTH or budget[0] < 0:
        return ("deep", type(value).__name__)
    if isinstance(value, dict):
        pairs = [(_fingerprint(k, depth + 1, budget), v) for k, v in value.items()]
        return ("dict", tuple((k, _fingerprint(v, depth + 1, budget)) for k, v in pairs))
    if all(type(item) is str for item in value):  # a list of names, say: each is its own
        budget[0] -= len(value)
        items = list(value)
    else:
        items = [_fingerprint(item, depth + 1, budget) for item in value]
    if len(items) > LARGE_CONTAINER:
        digest = hashlib.sha256(repr(items).encode()).hexdigest()
        return (type(value).__name__, len(items), digest)
    return (type(value).__name__, tuple(items))


# --- field schemas -----------------------------------------------------------------------


def _fingerprint_ok(value: Any, depth: int = 0) -> bool:
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, tuple):
        return all(_fingerprint_ok(item, depth + 1) for item in value)
    return value is None or isinstance(value, (bool, int, str, bytes))


def _optional(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is None or check(value)


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _is_bits(value: Any) -> bool:
    return isinstance(value, bytes) and len(value) == FLOAT.size


def _is_float_array(value: Any) -> bool:
    return isinstance(value, bytes) and len(value) % FLOAT.size == 0


def _is_strings(value: Any) -> bool:
    return isinstance(value, tuple) and all(isinstance(item, str) for item in value)


def _is_counts(value: Any) -> bool:
    return isinstance(value, tuple) and all(_is_count(item) for item in value)


#: kind code, and one check per field in the order of the wire (floats already as bits).
SCHEMAS: dict[type, tuple[int, tuple[Callable[[Any], bool], ...]]] = {
    RandomCall: (1, (_is_str, _fingerprint_ok, _fingerprint_ok, _fingerprint_ok)),
    Line: (2, (_is_count, lambda v: isinstance(v, bytes), _optional(_is_bits), _optional(_is_float_array))),
    ParamsLocated: (3, (_is_str, _optional(_is_str), _is_count, _optional(_is_strings))),
    LossLocated: (4, (_is_str,)),
    Finish: (5, (_optional(_is_str), _optional(_is_float_array))),
    Coverage: (6, (_is_counts,)),
    Violation: (7, (_is_str,)),
    CollectorTimed: (8, (_is_str,)),
}  # fmt: skip
KINDS = {code: kind for kind, (code, _) in SCHEMAS.items()}


def _float_to_wire(value: float | None) -> bytes | None:
    return None if value is None else FLOAT.pack(value)


def _float_from_wire(bits: bytes | None) -> float | None:
    return None if bits is None else FLOAT.unpack(bits)[0]


# --- frames ------------------------------------------------------------------------------


def encode(event: Event) -> bytes:
    """One frame: the length, then ``[version, kind, fields...]`` with floats as raw bits."""
    code, _ = SCHEMAS[type(event)]
    fields = list(event)
    if isinstance(event, Line):
        fields[2] = _float_to_wire(event.loss)
    payload = msgpack.packb([PROTOCOL_VERSION, code, *fields], use_bin_type=True)
    return HEADER.pack(len(payload)) + payload


def decode(payload: bytes) -> Event:
    """The event in one frame's payload; :class:`ProtocolError` for anything else."""
    if len(payload) > MAX_NESTED_FRAME:
        _check_flat(payload)
    try:
        message = msgpack.unpackb(payload, raw=False, use_list=False, strict_map_key=True)
    except Exception as error:  # msgpack raises several types for malformed input
        raise ProtocolError(f"undecodable frame ({type(error).__name__})") from None
    if not isinstance(message, tuple) or len(message) < 2:
        raise ProtocolError("a frame is not a [version, kind, ...] array")
    version, code, *fields = message
    if version != PROTOCOL_VERSION:
        raise ProtocolError(f"frame of protocol version {version!r}, expected {PROTOCOL_VERSION}")
    kind = KINDS.get(code) if type(code) is int else None
    if kind is None:
        raise ProtocolError(f"unknown event kind {code!r}")
    checks = SCHEMAS[kind][1]
    if len(fields) != len(checks) or not all(check(f) for check, f in zip(checks, fields)):
        raise ProtocolError(f"a {kind.__name__} event does not match its schema")
    if kind is Line:
        fields[2] = _float_from_wire(fields[2])
    return kind(*fields)


def _check_flat(payload: bytes) -> None:
    """Refuse a large frame unless it is a flat array of scalars, before decoding it."""
    unpacker = msgpack.Unpacker(raw=False, max_buffer_size=len(payload))
    unpacker.feed(payload)
    try:
        count = unpacker.read_array_header()
        if count > MAX_FLAT_FIELDS:
            raise ProtocolError(f"a frame of {len(payload)} bytes has {count} fields")
        for _ in range(count):
            if payload[unpacker.tell()] in _CONTAINER_BYTES:
                raise ProtocolError(f"a frame of {len(payload)} bytes holds containers")
            unpacker.skip()
    except ProtocolError:
        raise
    except Exception as error:  # msgpack raises several types for malformed input
        raise ProtocolError(f"undecodable frame ({type(error).__name__})") from None


class FrameReader:
    """Cuts the event stream into frames, holding at most one frame in memory."""

    def __init__(self, max_frame: int = MAX_FRAME, max_stream: int = MAX_STREAM) -> None:
        self.max_frame = max_frame
        self.max_stream = max_stream
        self.buffer = bytearray()
        self.total = 0

    def feed(self, chunk: bytes) -> list[Event]:
        self.total += len(chunk)
        if self.total > self.max_stream:
            raise ProtocolError(f"the event stream passed {self.max_stream} bytes")
        self.buffer += chunk
        events = []
        while len(self.buffer) >= HEADER.size:
            (size,) = HEADER.unpack_from(self.buffer)
            if size > self.max_frame:
                raise ProtocolError(f"a frame announces {size} bytes (at most {self.max_frame})")
            if len(self.buffer) < HEADER.size + size:
                break
            events.append(decode(bytes(self.buffer[HEADER.size : HEADER.size + size])))
            del self.buffer[: HEADER.size + size]
        return events

    def close(self) -> None:
        """At the end of the stream: no half frame may be left."""
        if self.buffer:
            raise ProtocolError(f"the event stream ends inside a frame ({len(self.buffer)} bytes)")
