"""Comparing a candidate's events with the reference's, as they arrive.

The comparator walks the reference's ordered events (``random`` calls, stdout
lines with the loss and parameter bits, the end) in step with the candidate's
and returns the first :class:`Divergence`. Floats are compared by their bits;
a divergence names the training step, the quantity, the index and place of a
parameter, both values, their distance in ULPs and the last point at which
everything still agreed.
"""

from __future__ import annotations

import array
import struct
from dataclasses import asdict, dataclass

from verifier.sandbox import RunResult
from verifier.traces import ORDERED_EVENTS, Trace


@dataclass
class Divergence:
    """The first observable difference between the two runs."""

    quantity: str  # parameter, loss, random call, stdout, exit status, crash, timeout, ...
    step: int  # training steps the reference had completed when it showed
    where: str  # in words: "after step 1 (stdout line 4)"
    reference: str | None = None
    candidate: str | None = None
    index: int | None = None
    place: str | None = None  # a parameter's name in the reference, e.g. wte[3][5]
    ulps: int | None = None
    last_agreed: str = "nothing (the very first event differs)"

    def describe(self) -> str:
        subject = self.quantity
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
        return asdict(self)


def ordered_bits(value: float) -> int:
    """The float's bits as an integer that orders like the floats do."""
    (bits,) = struct.unpack("<q", struct.pack("<d", value))
    return bits if bits >= 0 else -(1 << 63) - bits


def ulp_distance(a: float, b: float) -> int:
    return abs(ordered_bits(a) - ordered_bits(b))


def same_bits(a: float, b: float) -> bool:
    return struct.pack("<d", a) == struct.pack("<d", b)


def show_fingerprint(value: object) -> str:
    """A readable rendering of :func:`verifier.harness.fingerprint` output."""
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "f":
        (number,) = struct.unpack("<d", bytes.fromhex(str(value[1])))
        return number.hex()
    if isinstance(value, tuple) and len(value) == 2 and value[0] in ("list", "tuple", "range"):
        items = value[1]
        if isinstance(items, tuple):
            return "[" + ", ".join(show_fingerprint(item) for item in items) + "]"
        return f"<{value[0]} of {items}>"
    if isinstance(value, tuple) and len(value) == 3:
        return f"<{value[0]} of {value[1]}, sha256 {value[2][:12]}>"
    return repr(value)


def show_random_call(event: tuple) -> str:
    _, name, args, kwargs, result = event
    shown_args = show_fingerprint(args)[1:-1] if isinstance(args, tuple) else show_fingerprint(args)
    if kwargs and kwargs[1]:
        shown_args += ", " + ", ".join(f"{k}={show_fingerprint(v)}" for k, v in kwargs[1])
    return f"{name}({shown_args}) -> {show_fingerprint(result)}"


def show_event(event: tuple | None) -> str:
    if event is None:
        return "nothing (the run had ended)"
    if event[0] == "random":
        return "random." + show_random_call(event)
    if event[0] == "line":
        return f"stdout line {event[1]}: {event[2]!r}"
    status, error = event[1], event[2]
    return f"end of run (exit status {status}{', ' + error if error else ''})"


class StreamComparator:
    """Feed it the candidate's events; it answers with the first divergence."""

    def __init__(self, trace: Trace) -> None:
        self.trace = trace
        self.expected = trace.ordered
        self.position = 0
        self.lines_seen = 0
        self.steps_done = 0
        self.last_agreed = "nothing (the very first event differs)"
        self.random_calls = 0
        self.saw_end = False
        self.notes: set[str] = set()
        self.candidate_losses: list[float | None] = []
        # What the reference's run did not reveal can only be judged through stdout.
        if trace.param_count is None:
            self.notes.add(
                "no parameters were located in the reference: compared through stdout only"
            )
        if not any(event[0] == "loss" for event in trace.events):
            self.notes.add("no loss was located in the reference: compared through stdout only")

    # --- labels ----------------------------------------------------------------------

    def _where(self) -> str:
        if self.steps_done == 0:
            return "before training (step 0)"
        if self.steps_done >= self.trace.training_steps:
            return f"after training (step {self.steps_done})"
        return f"after step {self.steps_done}"

    def _diverge(self, quantity: str, **details: object) -> Divergence:
        step = details.pop("step", self.steps_done)
        where = details.pop("where", self._where())
        return Divergence(quantity, step, where, last_agreed=self.last_agreed, **details)  # type: ignore[arg-type]

    # --- events ----------------------------------------------------------------------

    def feed(self, event: tuple) -> Divergence | None:
        kind = event[0]
        if kind == "violation":
            return self._diverge("sandbox", candidate=event[1])
        if kind == "params":
            if self.trace.param_count is not None and event[3] != self.trace.param_count:
                return self._diverge(
                    "parameter count",
                    reference=str(self.trace.param_count),
                    candidate=str(event[3]),
                )
            return None
        if kind not in ORDERED_EVENTS:
            return None
        expected = self.expected[self.position] if self.position < len(self.expected) else None
        self.position += 1
        if kind == "end":
            self.saw_end = True
        if expected is None or expected[0] != kind:
            return self._mismatched_kinds(expected, event)
        if kind == "random":
            return self._compare_random(expected, event)
        if kind == "line":
            return self._compare_line(expected, event)
        return self._compare_end(expected, event)

    def _mismatched_kinds(self, expected: tuple | None, actual: tuple) -> Divergence:
        if actual[0] == "end" and actual[2] is not None:
            return self._crash(actual[2])
        quantity = "random call" if "random" in (actual[0], expected and expected[0]) else "stdout"
        return self._diverge(quantity, reference=show_event(expected), candidate=show_event(actual))

    def _crash(self, error: str) -> Divergence:
        if error == "MemoryError":
            return self._diverge("memory", candidate="MemoryError: exhausted its memory cap")
        return self._diverge("crash", candidate=f"raised {error}")

    def _compare_random(self, expected: tuple, actual: tuple) -> Divergence | None:
        self.random_calls += 1
        if expected != actual:
            return self._diverge(
                "random call",
                index=self.random_calls,
                reference=show_random_call(expected),
                candidate=show_random_call(actual),
            )
        return None

    def _compare_line(self, expected: tuple, actual: tuple) -> Divergence | None:
        steps = self.trace.steps_at_line[self.lines_seen]
        self.lines_seen += 1
        self.steps_done = steps
        where = f"{self._where()}, stdout line {expected[1]}"
        _, _, expected_text, expected_loss, expected_params = expected
        _, _, actual_text, actual_loss, actual_params = actual
        self.candidate_losses.append(actual_loss)
        if (
            expected_loss is not None
            and actual_loss is not None
            and not same_bits(expected_loss, actual_loss)
        ):
            return self._diverge(
                "loss", where=where, reference=expected_loss.hex(), candidate=actual_loss.hex(),
                ulps=ulp_distance(expected_loss, actual_loss),
            )  # fmt: skip
        if expected_loss is not None and actual_loss is None:
            # Its printed form has four decimals: not enough to judge a loss bit for bit.
            return self._diverge(
                "loss", where=where, reference=expected_loss.hex(),
                candidate="not located (no global of the parameters' type shows the printed loss; "
                "a name map from the golfer can point to it)",
            )  # fmt: skip
        divergence = self._compare_params(expected_params, actual_params, where)
        if divergence is not None:
            return divergence
        if expected_text != actual_text:
            return self._diverge(
                "stdout", where=where, index=expected[1], reference=repr(expected_text),
                candidate=repr(actual_text),
            )  # fmt: skip
        self.last_agreed = where
        return None

    def _compare_params(
        self, expected: bytes | None, actual: bytes | None, where: str
    ) -> Divergence | None:
        if expected is None or expected == actual:
            return None
        if actual is None:
            return self._diverge(
                "parameters", where=where,
                reference=f"{self.trace.param_count} parameters",
                candidate="no global container holding the parameters was found "
                "(a name map from the golfer can point to it)",
            )  # fmt: skip
        reference_values, candidate_values = array.array("d"), array.array("d")
        reference_values.frombytes(expected)
        candidate_values.frombytes(actual)
        if len(reference_values) != len(candidate_values):
            return self._diverge(
                "parameter count", where=where, reference=str(len(reference_values)),
                candidate=str(len(candidate_values)),
            )  # fmt: skip
        # By the raw bits: 0.0 and -0.0 (or two NaNs) are as different as any other pair.
        index = next(
            i for i in range(len(reference_values))
            if expected[8 * i : 8 * i + 8] != actual[8 * i : 8 * i + 8]
        )  # fmt: skip
        labels = self.trace.param_labels
        a, b = reference_values[index], candidate_values[index]
        return self._diverge(
            "parameter", where=where, index=index, place=labels[index] if labels else None,
            reference=a.hex(), candidate=b.hex(), ulps=ulp_distance(a, b),
        )  # fmt: skip

    def _compare_end(self, expected: tuple, actual: tuple) -> Divergence | None:
        _, expected_status, expected_error, expected_params = expected
        _, actual_status, actual_error, actual_params = actual
        if actual_error is not None and actual_error != expected_error:
            return self._crash(actual_error)
        if expected_status != actual_status:
            return self._diverge(
                "exit status", reference=str(expected_status), candidate=str(actual_status)
            )
        divergence = self._compare_params(expected_params, actual_params, "at the end of the run")
        if divergence is None:
            self.last_agreed = "the end of the run"
        return divergence

    # --- after the run -----------------------------------------------------------------

    def finish(self, result: RunResult) -> Divergence | None:
        """Checks that need the whole run: limits, the raw stdout bytes, missing events."""
        if result.stopped_because == "timeout":
            return self._diverge("timeout", candidate=f"still running after {result.elapsed:.1f} s")
        if result.stopped_because == "stdout flood":
            return self._diverge(
                "stdout flood", candidate=f"printed more than {len(result.stdout)} bytes"
            )
        if not self.saw_end:
            if b"MemoryError" in result.stderr_tail:
                return self._crash("MemoryError")
            return self._diverge(
                "crash", candidate=f"died without finishing (status {result.status}): "
                + result.stderr_tail.decode("utf-8", "replace")[-300:],
            )  # fmt: skip
        if self.position < len(self.expected):
            return self._mismatched_kinds(
                self.expected[self.position], ("end", result.status, None)
            )
        if result.stdout != self.trace.stdout:
            return self._stdout_bytes_divergence(result.stdout)
        return None

    def _stdout_bytes_divergence(self, stdout: bytes) -> Divergence:
        reference_lines = self.trace.stdout.split(b"\n")
        candidate_lines = stdout.split(b"\n")
        index = next(
            (i for i, (a, b) in enumerate(zip(reference_lines, candidate_lines)) if a != b),
            min(len(reference_lines), len(candidate_lines)),
        )

        def show(lines: list[bytes]) -> str:
            return repr(lines[index]) if index < len(lines) else "(no such line)"

        return self._diverge(
            "stdout bytes", index=index + 1, reference=show(reference_lines),
            candidate=show(candidate_lines), where="in the raw stdout bytes",
        )  # fmt: skip
