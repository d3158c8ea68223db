"""The reference's trace: recorded once, labelled, and cached on disk.

A trace is the ordered list of events the observer streamed (``random``
calls, completed stdout lines with the loss and parameter bits at that moment,
where the parameters were found, the end), plus the raw stdout and the run's
cost. Recording the reference costs a full training run, so the trace is kept
on disk under a key made of everything that could change it: the reference's
source, the data, the interpreter, the observer and the contract version.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

from verifier.sandbox import HARNESS, HASH_SEED, Limits, RunResult, run_observed

#: Bump when the meaning of a trace changes, so that old caches are not trusted.
CONTRACT_VERSION = "2"  # 2: floats by raw bits, so NaNs are told apart
#: Events the comparator checks in order; the others are metadata about the run.
ORDERED_EVENTS = ("random", "line", "end")


@dataclass
class Trace:
    events: list[tuple]
    stdout: bytes
    status: int
    elapsed: float
    peak_rss_kib: int
    param_count: int | None = None
    param_labels: list[str] | None = None
    #: For each "line" event, the number of training steps completed by then.
    steps_at_line: list[int] = field(default_factory=list)

    @property
    def ordered(self) -> list[tuple]:
        return [event for event in self.events if event[0] in ORDERED_EVENTS]

    @property
    def training_steps(self) -> int:
        return self.steps_at_line[-1] if self.steps_at_line else 0


def label_steps(events: list[tuple]) -> list[int]:
    """Count training steps: a line at which the parameters changed ends one."""
    steps, previous, counts = 0, None, []
    for event in events:
        if event[0] != "line":
            continue
        params = event[4]
        if params is not None and previous is not None and params != previous:
            steps += 1
        previous = params if params is not None else previous
        counts.append(steps)
    return counts


def record(
    source: bytes, program_name: str, data: bytes | None, limits: Limits, hints: dict[str, str]
) -> tuple[Trace, RunResult]:
    """Run a program once under observation and keep everything it did."""
    events: list[tuple] = []
    result = run_observed(source, program_name, data, limits, events.append, hints)
    params_event = next((e for e in events if e[0] == "params"), None)
    trace = Trace(
        events=events,
        stdout=result.stdout,
        status=result.status if result.status is not None else -1,
        elapsed=result.elapsed,
        peak_rss_kib=result.peak_rss_kib,
        param_count=params_event[3] if params_event else None,
        param_labels=params_event[4] if params_event else None,
        steps_at_line=label_steps(events),
    )
    return trace, result


def cache_dir() -> Path:
    configured = os.environ.get("BABBLETEST_CACHE")
    base = Path(configured) if configured else Path.home() / ".cache" / "babbletest"
    return base / "traces"


def cache_key(source: bytes, data: bytes | None, hints: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for part in (
        CONTRACT_VERSION.encode(),
        sys.version.encode(),
        HASH_SEED.encode(),
        HARNESS.read_bytes(),
        source,
        b"<no data>" if data is None else data,
        repr(sorted(hints.items())).encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def load_cached(key: str) -> Trace | None:
    path = cache_dir() / f"{key}.pickle"
    try:
        with path.open("rb") as handle:
            trace = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    return trace if isinstance(trace, Trace) else None


def store_cached(key: str, trace: Trace) -> None:
    directory = cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    temporary = directory / f"{key}.{os.getpid()}.tmp"
    with temporary.open("wb") as handle:
        pickle.dump(trace, handle, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(directory / f"{key}.pickle")
