"""The wire format between observer and verifier: every event survives it bit for bit, and
everything else is refused as a protocol violation before it can cost memory."""

from __future__ import annotations

import struct
from pathlib import Path
from types import SimpleNamespace

import msgpack
import pytest

from verifier import events
from verifier.events import FrameReader, ProtocolError

NEGATIVE_NAN = struct.unpack("<d", bytes.fromhex("010000000000f8ff"))[0]

EXAMPLES = [
    events.RandomCall("gauss", (("f", "0000000000000000"), ("int", str(2**70))), None, 3),
    events.Line(4, b"step 1 | loss 3.3", -0.0, struct.pack("<2d", 1.5, NEGATIVE_NAN)),
    events.Line(1, b"", None, None),
    events.ParamsLocated("params", "data", 2, ("wte[0][0]", "wte[0][1]")),
    events.LossLocated("loss"),
    events.Finish("IndexError", b""),
    events.Coverage((3, 17)),
    events.Violation("touched a file outside its directory"),
]


@pytest.mark.parametrize("event", EXAMPLES, ids=lambda e: type(e).__name__)
def test_every_event_kind_round_trips(event: events.Event) -> None:
    (decoded,) = FrameReader().feed(events.encode(event))
    assert type(decoded) is type(event)
    assert decoded == event
    if isinstance(event, events.Line) and event.loss is not None:
        assert struct.pack("<d", decoded.loss) == struct.pack("<d", event.loss)  # -0.0 kept


def test_frames_split_anywhere_reassemble() -> None:
    stream = b"".join(events.encode(event) for event in EXAMPLES)
    reader = FrameReader()
    decoded = [
        event for byte in range(len(stream)) for event in reader.feed(stream[byte : byte + 1])
    ]
    reader.close()
    assert len(decoded) == len(EXAMPLES)


def frame(payload: bytes) -> bytes:
    return events.HEADER.pack(len(payload)) + payload


@pytest.mark.parametrize(
    "data",
    [
        frame(b"\xc1"),  # never-used msgpack byte
        frame(msgpack.packb([2, 7, "reason"])),  # another protocol version
        frame(msgpack.packb([1, 99, "x"])),  # unknown kind
        frame(msgpack.packb([1, 2, 1, b"x", 1.5, None])),  # a msgpack float for the loss
        frame(msgpack.packb([1, 2, 1, b"x", None, b"123"])),  # params not a float array
        frame(msgpack.packb({"kind": 7})),  # not an array
        frame(
            msgpack.packb(
                [
                    1,
                    1,
                    "gauss",
                    [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
                    None,
                    1,
                ]
            )
        ),
    ],
    ids=["junk", "version", "kind", "float", "params", "map", "too-deep"],
)
def test_malformed_frames_are_protocol_violations(data: bytes) -> None:
    with pytest.raises(ProtocolError):
        FrameReader().feed(data)


def test_a_huge_announced_frame_is_refused_before_it_is_buffered() -> None:
    reader = FrameReader()
    with pytest.raises(ProtocolError, match="announces"):
        reader.feed(b"\xff\xff\xff\xff" + b"x" * 100)
    assert len(reader.buffer) <= 104


def test_the_whole_stream_is_capped() -> None:
    reader = FrameReader(max_stream=1000)
    one = events.encode(events.Violation("x" * 100))
    with pytest.raises(ProtocolError, match="passed"):
        for _ in range(20):
            reader.feed(one)


def test_a_stream_ending_inside_a_frame_is_a_violation() -> None:
    reader = FrameReader()
    reader.feed(events.encode(events.LossLocated("loss"))[:-1])
    with pytest.raises(ProtocolError, match="inside a frame"):
        reader.close()


def test_frames_sent_while_the_channel_writes_come_after_its_frames(monkeypatch) -> None:
    """A signal handler that sends while the channel is writing (same thread, so its lock
    lets the handler in) used to raise ``BufferError`` in the program; its frames must
    neither be lost nor land inside the frame being written."""
    import importlib
    import os
    import sys

    folder = str(Path(events.__file__).parent)
    monkeypatch.syspath_prepend(folder)  # the child loads these as top-level modules
    monkeypatch.setitem(sys.modules, "events", events)
    observer = importlib.import_module("observer")
    monkeypatch.delitem(sys.modules, "observer")
    read_end, write_end = os.pipe()
    channel = observer.Channel(write_end)
    real_write = os.write
    handled: list[bool] = []

    def write_part_then_handle(fd: int, data) -> int:
        if handled:
            return real_write(fd, data)
        handled.append(True)
        written = real_write(fd, bytes(data[:3]))
        channel.send(events.Finish(None, None))
        return written

    monkeypatch.setattr(observer, "os", SimpleNamespace(write=write_part_then_handle))
    channel.send(events.Finish("Interrupted", None))
    os.close(write_end)
    received = os.read(read_end, 1 << 16)
    os.close(read_end)
    first, second = events.Finish("Interrupted", None), events.Finish(None, None)
    assert received == events.encode(first) + events.encode(second)


def test_after_the_end_only_another_end_is_sent(monkeypatch) -> None:
    """A daemon thread's line after the end of the run was a protocol violation (a false
    rejection); a second end still goes out, for the parent to refuse."""
    import importlib
    import os
    import sys

    monkeypatch.syspath_prepend(str(Path(events.__file__).parent))
    monkeypatch.setitem(sys.modules, "events", events)
    observer = importlib.import_module("observer")
    monkeypatch.delitem(sys.modules, "observer")
    read_end, write_end = os.pipe()
    channel = observer.Channel(write_end)
    end = events.Finish(None, None)
    channel.send(end)
    channel.send(events.Line(1, b"late", None, None))
    channel.send(end)
    os.close(write_end)
    received = os.read(read_end, 1 << 16)
    os.close(read_end)
    assert received == events.encode(end) * 2
