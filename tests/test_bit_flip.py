"""One flipped bit of one parameter, at any training step, is found and located exactly.

The candidate is the tiny reference plus one injected statement, run after the
optimizer's update and before the step's line is printed: the loss of that
step is already computed (and equal), so the first divergence is the flipped
parameter itself, at that step, at that index.
"""

from __future__ import annotations

import struct
from pathlib import Path

from conftest import TINY_STEPS, replace_once, tiny_reference_text
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.verification import Verifier

STEP_LINE = '    print(f"step {step+1:4d}'


def flip_bit(value: float, bit: int) -> float:
    (bits,) = struct.unpack("<Q", struct.pack("<d", value))
    return struct.unpack("<d", struct.pack("<Q", bits ^ (1 << bit)))[0]


def with_flip(step: int, index: int, bit: int) -> str:
    """The tiny reference, flipping ``bit`` of parameter ``index`` after update ``step``."""
    injected = (
        f"    if step == {step}:\n"
        "        import struct\n"
        f"        (flipped,) = struct.unpack('<Q', struct.pack('<d', params[{index}].data))\n"
        f"        params[{index}].data = struct.unpack('<d', struct.pack('<Q', flipped ^ (1 << {bit})))[0]\n"
    )
    return replace_once(tiny_reference_text(), STEP_LINE, injected + STEP_LINE)


def test_flip_bit_changes_exactly_one_bit() -> None:
    assert flip_bit(1.0, 63) == -1.0
    assert flip_bit(1.0, 52) == 0.5
    assert flip_bit(flip_bit(0.1, 7), 7) == 0.1
    assert flip_bit(0.0, 63).hex() == "-0x0.0p+0"


@settings(max_examples=25, deadline=None)
@given(step=st.integers(0, TINY_STEPS - 1), bit=st.integers(0, 63), data=st.data())
def test_one_flipped_bit_is_found(
    tiny_verifier: Verifier, step: int, bit: int, data: st.DataObject
) -> None:
    trace = tiny_verifier.trace
    assert trace.param_count is not None and trace.param_labels is not None
    index = data.draw(st.integers(0, trace.param_count - 1), label="index")
    verdict = tiny_verifier.verify(with_flip(step, index, bit).encode(), "microgpt.py")
    divergence = verdict.divergence
    assert divergence is not None, f"a flip of bit {bit} of parameter {index} went unseen"
    assert (divergence.quantity, divergence.step, divergence.index) == (
        "parameter",
        step + 1,
        index,
    )
    assert divergence.place == trace.param_labels[index]
    # the reported values are the reference's and its flip (NaNs show as "nan" either way)
    assert divergence.reference is not None and divergence.candidate is not None
    flipped = flip_bit(float.fromhex(divergence.reference), bit)
    assert float.fromhex(divergence.candidate).hex() == flipped.hex()


def test_sign_of_a_zero_parameter_is_seen(tmp_path: Path, trace_cache: Path) -> None:
    """0.0 and -0.0 compare equal as floats but not as bits: the verifier must use bits."""
    reference = tmp_path / "zeroed.py"
    reference.write_text(
        "import random\nrandom.seed(1)\nweights = [random.random() for _ in range(3)]\n"
        "print('start')\nweights[1] = 0.0\nprint('step 1')\n"
    )
    candidate = reference.read_text().replace("weights[1] = 0.0", "weights[1] = -0.0")
    verdict = Verifier(reference, None).verify(candidate.encode())
    assert verdict.divergence is not None
    assert (verdict.divergence.quantity, verdict.divergence.index) == ("parameter", 1)
