"""The reference's trace: recorded once, labelled, and cached on disk.

A trace is the list of typed events the observer streamed (``random`` calls,
completed stdout lines with the loss and parameter bits at that moment, where
the parameters were found, the finish), plus the raw stdout, the exit status
the OS reported and the run's cost. Recording the reference costs a full
training run, so the trace is kept on disk under a key made of everything that
could change it: the reference's source, the data, the interpreter, the
observer's files, the isolation and the contract version.

The cache is msgpack, not pickle: the events are stored as the very frames the
observer sent and are decoded, schema-checked, by the same code that reads a
live run; a file that does not match is ignored and the trace recorded again.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import msgpack

from verifier import events
from verifier.events import Event, Line, LossLocated, ParamsLocated, ProtocolError, RandomCall
from verifier.isolation import cache_root, choose_isolation
from verifier.sandbox import CHILD_FILES, HASH_SEED, Limits, RunResult, run_observed

#: Bump when the meaning of a trace changes, so that old caches are not trusted.
CONTRACT_VERSION = "4"  # 4: stdout buffered as python3 buffers it; 3: exit status, shutdown, frames
#: Bump when the cache file's layout changes.
CACHE_FORMAT = 1


@dataclass
class Trace:
    events: list[Event]
    stdout: bytes
    status: int
    elapsed: float
    peak_rss_kib: int
    #: For each stdout line, the number of training steps completed by then.
    steps_at_line: list[int] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [event for event in self.events if isinstance(event, Line)]

    @property
    def random_calls(self) -> list[RandomCall]:
        return [event for event in self.events if isinstance(event, RandomCall)]

    @property
    def params(self) -> ParamsLocated | None:
        return next((e for e in self.events if isinstance(e, ParamsLocated)), None)

    @property
    def loss(self) -> LossLocated | None:
        return next((e for e in self.events if isinstance(e, LossLocated)), None)

    @property
    def param_count(self) -> int | None:
        return self.params.count if self.params else None

    @property
    def param_labels(self) -> tuple[str, ...] | None:
        return self.params.labels if self.params else None

    def contract(self) -> tuple[list[str], list[str]]:
        """What comparing against this trace compares, and what the reference's run did not
        reveal: stdout, the exit status and the random stream always; parameters and
        loss where they were found."""
        calls = len(self.random_calls)
        compared = ["stdout", "exit status", f"random stream ({calls} call{'s' * (calls != 1)})"]
        not_found = []
        if self.params is None:
            not_found.append("parameters")
        else:
            compared.append(f"parameters ({self.params.count})")
        if self.loss is None:
            not_found.append("loss")
        else:
            compared.append("loss")
        return compared, not_found

    @property
    def training_steps(self) -> int:
        return self.steps_at_line[-1] if self.steps_at_line else 0

    def steps_at_random_calls(self) -> list[int]:
        """For each random call, the training steps completed when it was made."""
        steps, lines, counts = 0, 0, []
        for event in self.events:
            if isinstance(event, Line):
                steps = self.steps_at_line[lines]
                lines += 1
            elif isinstance(event, RandomCall):
                counts.append(steps)
        return counts


def describe_contract(compared: list[str], not_found: list[str]) -> str:
    """``compared: stdout, ...; not found: parameters, loss``, from :meth:`Trace.contract`."""
    text = "compared: " + ", ".join(compared)
    return text + ("; not found: " + ", ".join(not_found) if not_found else "")


def label_steps(recorded: list[Event]) -> list[int]:
    """Count training steps: a line at which the parameters changed ends one."""
    steps, previous, counts = 0, None, []
    for event in recorded:
        if not isinstance(event, Line):
            continue
        if event.params is not None and previous is not None and event.params != previous:
            steps += 1
        previous = event.params if event.params is not None else previous
        counts.append(steps)
    return counts


def record(
    source: bytes, program_name: str, data: bytes | None, limits: Limits, hints: dict[str, str]
) -> tuple[Trace, RunResult]:
    """Run a program once under observation and keep everything it did."""
    recorded: list[Event] = []
    result = run_observed(source, program_name, data, limits, recorded.append, hints)
    trace = Trace(
        events=recorded,
        stdout=result.stdout,
        status=result.status if result.status is not None else -1,
        elapsed=result.elapsed,
        peak_rss_kib=result.peak_rss_kib,
        steps_at_line=label_steps(recorded),
    )
    return trace, result


def cache_dir() -> Path:
    return cache_root() / "traces"


def cache_key(source: bytes, data: bytes | None, hints: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for part in (
        CONTRACT_VERSION.encode(),
        sys.version.encode(),
        HASH_SEED.encode(),
        choose_isolation().value.encode(),
        *(path.read_bytes() for path in CHILD_FILES),
        source,
        b"<no data>" if data is None else data,
        repr(sorted(hints.items())).encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def load_cached(key: str) -> Trace | None:
    """The cached trace, or ``None`` when it is missing or does not match the schema."""
    try:
        stored = msgpack.unpackb((cache_dir() / f"{key}.msgpack").read_bytes(), raw=False)
        if not isinstance(stored, dict) or stored.get("format") != CACHE_FORMAT:
            return None
        recorded = [events.decode(frame[events.HEADER.size :]) for frame in stored["events"]]
        trace = Trace(
            recorded, stored["stdout"], stored["status"], stored["elapsed"],
            stored["peak_rss_kib"], label_steps(recorded),
        )  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError, ProtocolError, msgpack.UnpackException):
        return None
    kinds = (bytes, int, float, int)
    values = (trace.stdout, trace.status, trace.elapsed, trace.peak_rss_kib)
    return trace if all(isinstance(v, k) for v, k in zip(values, kinds)) else None


def store_cached(key: str, trace: Trace) -> None:
    directory = cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    stored = {
        "format": CACHE_FORMAT,
        "events": [events.encode(event) for event in trace.events],
        "stdout": trace.stdout,
        "status": trace.status,
        "elapsed": trace.elapsed,
        "peak_rss_kib": trace.peak_rss_kib,
    }
    temporary = directory / f"{key}.{os.getpid()}.tmp"
    temporary.write_bytes(msgpack.packb(stored, use_bin_type=True))
    temporary.replace(directory / f"{key}.msgpack")
