"""What a verdict says when two runs differ: the quantity, where, and both values.

:class:`Divergence` is the first observable difference between the reference's
run and the candidate's; :class:`Quantity` names what differed. Floats are
shown by their exact hex spelling, and the distance between two floats in
units in the last place (ULPs) is computed from their bits.
"""

from __future__ import annotations

import enum
import struct
from dataclasses import asdict, dataclass

from verifier.events import Event, Finish, Line, RandomCall

NOTHING_AGREED = "nothing (the very first event differs)"


class Quantity(enum.StrEnum):
    """What differed first."""

    PARAMETER = "parameter"
    PARAMETERS = "parameters"
    PARAMETER_COUNT = "parameter count"
    LOSS = "loss"
    RANDOM_CALL = "random call"
    STDOUT = "stdout"
    STDOUT_BYTES = "stdout bytes"
    EXIT_STATUS = "exit status"
    CRASH = "crash"
    MEMORY = "memory"
    TIMEOUT = "timeout"
    STDOUT_FLOOD = "stdout flood"
    SANDBOX = "sandbox"
    COLLECTOR = "output timed by the garbage collector"
    PROTOCOL = "protocol violation"


@dataclass
class Divergence:
    """The first observable difference between the two runs."""

    quantity: Quantity
    step: int  # training steps the reference had completed when it showed
    where: str  # in words: "after step 1 (stdout line 4)"
    reference: str | None = None
    candidate: str | None = None
    index: int | None = None
    place: str | None = None  # a parameter's name in the reference, e.g. wte[3][5]
    ulps: int | None = None
    last_agreed: str = NOTHING_AGREED

    def describe(self) -> str:
        if self.quantity is Quantity.PROTOCOL:
            return f"protocol violation: {self.candidate} ({self.where})"
        subject = str(self.quantity)
        if self.index is not None:
            subject += f" {self.index}"
        if self.place:
            subject += f" ({self.place})"
        text = f"first divergence {self.where}: {subject}"
        if self.reference is not None or self.candidate is not None:
            text += f"\n  reference: {self.reference}\n  candidate: {self.candidate}"
        if self.ulps is not None:
            text += f"\n  distance:  {self.ulps} ULP"
        return text + f"\n  everything agreed up to {self.last_agreed}"

    def to_json(self) -> dict:
        fields = asdict(self)
        fields["quantity"] = str(self.quantity)
        return fields


def ordered_bits(value: float) -> int:
    """The float's bits as an integer that orders like the floats do."""
    (bits,) = struct.unpack("<q", struct.pack("<d", value))
    return bits if bits >= 0 else -(1 << 63) - bits


def ulp_distance(a: float, b: float) -> int:
    return abs(ordered_bits(a) - ordered_bits(b))


def same_bits(a: float, b: float) -> bool:
    return struct.pack("<d", a) == struct.pack("<d", b)


def show_fingerprint(value: object) -> str:
    """A readable rendering of :func:`verifier.events.fingerprint` output."""
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "f":
        (number,) = struct.unpack("<d", bytes.fromhex(str(value[1])))
        return number.hex()
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "int":
        return str(value[1])
    if isinstance(value, tuple) and len(value) == 2 and value[0] in ("list", "tuple", "range"):
        items = value[1]
        if isinstance(items, tuple):
            return "[" + ", ".join(show_fingerprint(item) for item in items) + "]"
        return f"<{value[0]} of {items}>"
    if isinstance(value, tuple) and len(value) == 3:
        return f"<{value[0]} of {value[1]}, sha256 {str(value[2])[:12]}>"
    return repr(value)


def show_random_call(call: RandomCall | None) -> str:
    if call is None:
        return "nothing (no more random calls)"
    args = call.arguments
    shown_args = show_fingerprint(args)[1:-1] if isinstance(args, tuple) else show_fingerprint(args)
    keywords = call.keywords
    if isinstance(keywords, tuple) and len(keywords) == 2 and keywords[1]:
        shown_args += ", " + ", ".join(f"{k}={show_fingerprint(v)}" for k, v in keywords[1])
    return f"{call.name}({shown_args}) -> {show_fingerprint(call.result)}"


def show_event(event: Event | None) -> str:
    if event is None:
        return "nothing (the run had ended)"
    if isinstance(event, RandomCall):
        return "random." + show_random_call(event)
    if isinstance(event, Line):
        return f"stdout line {event.number}: {event.text!r}"
    if isinstance(event, Finish):
        return "end of run" + (f" ({event.error})" if event.error else "")
    return repr(event)
