"""The reference reproduces the original microgpt bit for bit on the real corpus."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REFERENCE, SHARED_DATA, require_corpus

ORIGINAL_TRACE = SHARED_DATA / "microgpt-original-trace.json"


@pytest.fixture(scope="module")
def reference_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    workdir = tmp_path_factory.mktemp("reference")
    shutil.copy(require_corpus(), workdir / "input.txt")
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("reference_runner.py")), str(REFERENCE)],
        cwd=workdir, capture_output=True, text=True, check=True,
        env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    return json.loads(completed.stdout)


@pytest.fixture(scope="module")
def original() -> dict:
    require_corpus(ORIGINAL_TRACE)
    return json.loads(ORIGINAL_TRACE.read_text())


def test_stdout_is_byte_identical(reference_run: dict, original: dict) -> None:
    assert reference_run["stdout"] == original["stdout"]


def test_every_step_loss_is_bit_identical(reference_run: dict, original: dict) -> None:
    assert len(original["loss_per_step_hex"]) == 30
    assert reference_run["losses"] == original["loss_per_step_hex"]


def test_final_parameters_and_adam_buffers_hash_identically(
    reference_run: dict, original: dict
) -> None:
    assert reference_run["param_count"] == original["param_count"] == 4064
    assert reference_run["params_sha256"] == original["final_params_sha256"]
    assert reference_run["adam_sha256"] == original["final_adam_sha256"]
