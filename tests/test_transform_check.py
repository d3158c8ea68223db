"""The helpers every transform test relies on must themselves catch what they promise to."""

from __future__ import annotations

import pytest
from transform_check import STATM, assert_transform, run_program

from minimizer.transforms.swap_operands import SwapOperands


def test_a_pair_whose_output_changed_fails() -> None:
    with pytest.raises(AssertionError):
        assert_transform(
            SwapOperands(),
            "for x in range(1, 100):\n    print((1 / 49) * x)\n",
            "for x in range(1, 100):\n    print(x / 49)\n",
        )


def test_a_failing_program_reports_its_exception() -> None:
    assert run_program("print(1)\n1 / 0\n") == ("1\n", "ZeroDivisionError")


@pytest.mark.skipif(not STATM.exists(), reason="the memory cap needs /proc/self/statm")
def test_a_program_that_grabs_memory_ends_in_memory_error() -> None:
    # 4 GiB, far beyond the cap: without it the allocation would succeed.
    assert run_program("block = bytearray(4 << 30)\nprint('allocated')\n") == ("", "MemoryError")
    assert run_program("print(len(bytearray(1 << 20)))\n") == ("1048576\n", None)
