"""Comparing a candidate's events with the reference's, as they arrive.

Two streams are compared, each in its own order: the ``random`` calls, and
the completed stdout lines (each with the loss and the parameters' bits at
that moment). How the two interleave is not observable by a user, so moving a
random call across a ``print`` is no divergence. The first difference in
either stream is returned as a :class:`~verifier.divergence.Divergence`,
located by the training step the reference had completed at that point. After
the run, the exit status the OS reported and the raw stdout bytes are
compared too. Events that break the protocol's rules (a line out of order,
anything after the finish) are a verdict of their own.
"""

from __future__ import annotations

import array

from verifier.divergence import (
    NOTHING_AGREED,
    Divergence,
    Quantity,
    same_bits,
    show_event,
    show_random_call,
    ulp_distance,
)
from verifier.events import (
    CollectorTimed,
    Coverage,
    Event,
    Finish,
    Line,
    LossLocated,
    ParamsLocated,
    RandomCall,
    Violation,
)
from verifier.sandbox import RunResult, StopReason
from verifier.traces import Trace

STDERR_SHOWN = 300


class StreamComparator:
    """Feed it the candidate's events; it answers with the first divergence."""

    def __init__(self, trace: Trace) -> None:
        self.trace = trace
        self.reference_calls = trace.random_calls
        self.reference_lines = trace.lines
        self.steps_at_calls = trace.steps_at_random_calls()
        self.reference_finish = next((e for e in trace.events if isinstance(e, Finish)), None)
        self.calls_seen = 0
        self.lines_seen = 0
        self.steps_done = 0
        self.located = False
        self.last_agreed = NOTHING_AGREED
        self.finish_event: Finish | None = None
        self.notes: set[str] = set()
        self.candidate_losses: list[float | None] = []
        # What the reference's run did not reveal can only be judged through stdout.
        if trace.param_count is None:
            self.notes.add(
                "no parameters were located in the reference: compared through stdout only"
            )
        if trace.loss is None:
            self.notes.add("no loss was located in the reference: compared through stdout only")

    # --- labels ----------------------------------------------------------------------

    def _where(self, steps: int | None = None) -> str:
        steps = self.steps_done if steps is None else steps
        if steps == 0:
            return "before training (step 0)"
        if steps >= self.trace.training_steps:
            return f"after training (step {steps})"
        return f"after step {steps}"

    def _diverge(self, quantity: Quantity, **details: object) -> Divergence:
        step = details.pop("step", self.steps_done)
        where = details.pop("where", self._where(step))  # type: ignore[arg-type]
        return Divergence(quantity, step, where, last_agreed=self.last_agreed, **details)  # type: ignore[arg-type]

    def _protocol(self, reason: str) -> Divergence:
        return self._diverge(Quantity.PROTOCOL, candidate=reason)

    # --- events ----------------------------------------------------------------------

    def feed(self, event: Event) -> Divergence | None:
        if self.finish_event is not None:
            return self._protocol(f"a {type(event).__name__} event after the finish")
        if isinstance(event, Violation):
            return self._diverge(Quantity.SANDBOX, candidate=event.reason)
        if isinstance(event, CollectorTimed):
            return self._diverge(Quantity.COLLECTOR, candidate=event.explained())
        if isinstance(event, RandomCall):
            return self._compare_random(event)
        if isinstance(event, Line):
            return self._compare_line(event)
        if isinstance(event, Finish):
            self.finish_event = event
            return self._compare_finish(event)
        if isinstance(event, ParamsLocated):
            return self._compare_located(event)
        assert isinstance(event, (LossLocated, Coverage))
        return None

    def _compare_located(self, event: ParamsLocated) -> Divergence | None:
        if self.located:
            return self._protocol("the parameters were located twice")
        self.located = True
        labels = event.labels
        if labels is not None and len(labels) != event.count:
            return self._protocol("the parameters' labels do not match their count")
        count = self.trace.param_count
        if count is not None and event.count != count:
            return self._diverge(
                Quantity.PARAMETER_COUNT, reference=str(count), candidate=str(event.count)
            )
        return None

    def _compare_random(self, actual: RandomCall) -> Divergence | None:
        index = self.calls_seen
        self.calls_seen += 1
        expected = self.reference_calls[index] if index < len(self.reference_calls) else None
        if expected == actual:
            return None
        steps = self.steps_at_calls[index] if expected is not None else self.steps_done
        return self._diverge(
            Quantity.RANDOM_CALL, step=steps, index=index + 1,
            reference=show_random_call(expected), candidate=show_random_call(actual),
        )  # fmt: skip

    def _compare_line(self, actual: Line) -> Divergence | None:
        index = self.lines_seen
        self.lines_seen += 1
        if actual.number != self.lines_seen:
            return self._protocol(f"stdout line {actual.number} arrived as line {self.lines_seen}")
        if index >= len(self.reference_lines):
            return self._diverge(
                Quantity.STDOUT, index=actual.number, reference=show_event(None),
                candidate=repr(actual.text),
            )  # fmt: skip
        expected = self.reference_lines[index]
        self.steps_done = self.trace.steps_at_line[index]
        where = f"{self._where()}, stdout line {expected.number}"
        self.candidate_losses.append(actual.loss)
        divergence = self._compare_loss(expected, actual, where)
        divergence = divergence or self._compare_params(expected.params, actual.params, where)
        if divergence is not None:
            return divergence
        if expected.text != actual.text:
            return self._diverge(
                Quantity.STDOUT, where=where, index=expected.number,
                reference=repr(expected.text), candidate=repr(actual.text),
            )  # fmt: skip
        self.last_agreed = where
        return None

    def _compare_loss(self, expected: Line, actual: Line, where: str) -> Divergence | None:
        if expected.loss is None:
            return None
        if actual.loss is None:
            # Its printed form has four decimals: not enough to judge a loss bit for bit.
            return self._diverge(
                Quantity.LOSS, where=where, reference=expected.loss.hex(),
                candidate="not located (no global of the parameters' type shows the printed loss; "
                "a name map from the golfer can point to it)",
            )  # fmt: skip
        if same_bits(expected.loss, actual.loss):
            return None
        return self._diverge(
            Quantity.LOSS, where=where, reference=expected.loss.hex(), candidate=actual.loss.hex(),
            ulps=ulp_distance(expected.loss, actual.loss),
        )  # fmt: skip

    def _compare_params(
        self, expected: bytes | None, actual: bytes | None, where: str
    ) -> Divergence | None:
        if expected is None or expected == actual:
            return None
        if actual is None:
            return self._diverge(
                Quantity.PARAMETERS, where=where,
                reference=f"{self.trace.param_count} parameters",
                candidate="no global container holding the parameters was found "
                "(a name map from the golfer can point to it)",
            )  # fmt: skip
        reference_values, candidate_values = array.array("d"), array.array("d")
        reference_values.frombytes(expected)
        candidate_values.frombytes(actual)
        if len(reference_values) != len(candidate_values):
            return self._diverge(
                Quantity.PARAMETER_COUNT, where=where, reference=str(len(reference_values)),
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
            Quantity.PARAMETER, where=where, index=index, place=labels[index] if labels else None,
            reference=a.hex(), candidate=b.hex(), ulps=ulp_distance(a, b),
        )  # fmt: skip

    def _compare_finish(self, actual: Finish) -> Divergence | None:
        expected_error = self.reference_finish.error if self.reference_finish else None
        if actual.error is not None and actual.error != expected_error:
            return self._crash(actual.error)
        if self.calls_seen < len(self.reference_calls):
            return self._diverge(
                Quantity.RANDOM_CALL, step=self.steps_at_calls[self.calls_seen],
                index=self.calls_seen + 1,
                reference=show_random_call(self.reference_calls[self.calls_seen]),
                candidate="nothing (the run had ended)",
            )  # fmt: skip
        if self.lines_seen < len(self.reference_lines):
            expected = self.reference_lines[self.lines_seen]
            return self._diverge(
                Quantity.STDOUT, index=expected.number, reference=show_event(expected),
                candidate=show_event(None),
            )  # fmt: skip
        expected_params = self.reference_finish.params if self.reference_finish else None
        divergence = self._compare_params(expected_params, actual.params, "at the end of the run")
        if divergence is None:
            self.last_agreed = "the end of the run"
        return divergence

    def _crash(self, error: str) -> Divergence:
        if error == "MemoryError":
            return self._diverge(Quantity.MEMORY, candidate="MemoryError: exhausted its memory cap")
        return self._diverge(Quantity.CRASH, candidate=f"raised {error}")

    # --- after the run -----------------------------------------------------------------

    def finish(self, result: RunResult) -> Divergence | None:
        """Checks that need the whole run: limits, exit status, the raw stdout bytes."""
        if result.stopped_because is StopReason.PROTOCOL:
            return self._protocol(result.protocol_error or "malformed event stream")
        if result.stopped_because is StopReason.TIMEOUT:
            return self._diverge(
                Quantity.TIMEOUT, candidate=f"still running after {result.elapsed:.1f} s"
            )
        if result.stopped_because is StopReason.STDOUT_FLOOD:
            return self._diverge(
                Quantity.STDOUT_FLOOD, candidate=f"printed more than {len(result.stdout)} bytes"
            )
        if self.finish_event is None:
            if b"MemoryError" in result.stderr_tail:
                return self._crash("MemoryError")
            stderr = result.stderr_tail.decode("utf-8", "replace")[-STDERR_SHOWN:]
            return self._diverge(
                Quantity.CRASH,
                candidate=f"ended without the interpreter's normal shutdown (status "
                f"{result.status}): {stderr}",
            )
        if result.status != self.trace.status:
            return self._diverge(
                Quantity.EXIT_STATUS, reference=str(self.trace.status), candidate=str(result.status)
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
            Quantity.STDOUT_BYTES, index=index + 1, reference=show(reference_lines),
            candidate=show(candidate_lines), where="in the raw stdout bytes",
        )  # fmt: skip
