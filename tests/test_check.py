"""``golf check``: committed golfed files held to the reference, as CI runs it.

The "golfed" files here are the tiny reference itself (or a one-constant
mutant of it), with the name map that golf's own output writer leaves beside
it, so every run takes a fraction of a second and the map has the real format.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import black
import pytest
from conftest import FULL_DATA, REFERENCE, ROOT, replace_once, tiny_corpus, tiny_reference_text

from minimizer.check import main
from minimizer.outputs import Outputs
from verifier.verification import Verifier

#: A constant of the reference and the float right next to it: one ULP apart.
BETA1 = "0.85"
NEIGHBOUR_OF_BETA1 = repr(math.nextafter(float(BETA1), 1.0))


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    """(reference, data) in a folder of its own, so a test may change the reference."""
    reference = tmp_path / "microgpt.py"
    reference.write_text(tiny_reference_text(), encoding="utf-8")
    data = tmp_path / "input.txt"
    data.write_text(tiny_corpus(), encoding="utf-8")
    return reference, data


def write_golfed(reference: Path, data: Path, program: str, stem: str = "microgpt") -> Path:
    """``program`` written as golf writes its output for ``reference``, name map included."""
    outputs = Outputs(
        reference.parent / "golfed",
        reference,
        stem,
        reference.read_bytes(),
        data.read_bytes(),
    )
    outputs.write_program(program, names={})
    return outputs.program


def run_check(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_neighbour_is_another_float_that_rounds_the_same_way_in_print() -> None:
    assert float(NEIGHBOUR_OF_BETA1) != float(BETA1)
    assert f"{float(NEIGHBOUR_OF_BETA1):.4f}" == f"{float(BETA1):.4f}"


def test_faithful_copy_passes(workspace, capsys) -> None:
    reference, data = workspace
    golfed = write_golfed(reference, data, tiny_reference_text())
    status, out, _ = run_check(capsys, reference, golfed, "--data", data)
    assert status == 0
    assert out.startswith(f"{golfed}: passed: equivalent")


def test_one_ulp_constant_fails_naming_the_first_divergence(workspace, capsys) -> None:
    reference, data = workspace
    faithful = write_golfed(reference, data, tiny_reference_text())
    mutant_program = replace_once(
        tiny_reference_text(), f"= 0.01, {BETA1},", f"= 0.01, {NEIGHBOUR_OF_BETA1},"
    )
    mutant = write_golfed(reference, data, mutant_program, stem="mutant")
    status, out, _ = run_check(capsys, reference, faithful, mutant, "--data", data)
    assert status == 1
    assert f"{faithful}: passed" in out
    failure = out[out.index(f"{mutant}: FAILED") :]
    assert "first divergence after step 1" in failure
    assert ": parameter " in failure and "ULP" in failure


def test_committed_golfed_file_with_beta1_one_ulp_up_fails_naming_the_first_divergence(
    full_verifier: Verifier, tmp_path: Path, capsys
) -> None:
    """The same on the real thing: a copy of golfed/microgpt.py, checked as CI checks it."""
    golfed = ROOT / "golfed" / "microgpt.py"
    copy = tmp_path / "golfed" / golfed.name
    copy.parent.mkdir()
    copy.write_text(replace_once(golfed.read_text(), "=.85,", f"={NEIGHBOUR_OF_BETA1},"))
    shutil.copy(golfed.with_suffix(".map.json"), copy.with_suffix(".map.json"))
    status, out, _ = run_check(capsys, REFERENCE, copy, "--data", FULL_DATA)
    assert status == 1
    failure = out[out.index(f"{copy}: FAILED") :]
    assert "first divergence after step 1" in failure
    assert ": parameter " in failure and "ULP" in failure


def test_changed_reference_reports_the_golfed_file_stale(workspace, capsys) -> None:
    reference, data = workspace
    golfed = write_golfed(reference, data, tiny_reference_text())
    reference.write_text(replace_once(tiny_reference_text(), "num_steps = 3\n", "num_steps = 2\n"))
    status, out, _ = run_check(capsys, reference, golfed, "--data", data)
    assert status == 1
    assert f"{golfed}: STALE" in out
    assert f"run `golf {reference} -o {golfed.parent} --data {data}` again" in out


def test_stale_readable_file_is_told_to_rerun_golf_readable(workspace, capsys) -> None:
    reference, data = workspace
    golfed = write_golfed(reference, data, tiny_reference_text(), stem="microgpt_readable")
    reference.write_text(tiny_reference_text() + "\n# changed\n")
    status, out, _ = run_check(capsys, reference, golfed)
    assert status == 1
    assert f"golf {reference} -o {golfed.parent} --readable` again" in out


def test_file_without_a_map_is_verified_with_a_note(workspace, capsys) -> None:
    reference, data = workspace
    golfed = write_golfed(reference, data, tiny_reference_text())
    golfed.with_suffix(".map.json").unlink()
    status, out, _ = run_check(capsys, reference, golfed)
    assert status == 0
    assert "freshness could not be checked" in out


def test_json_output_from_the_installed_command(workspace) -> None:
    """The real ``golf`` console script, as CI and pre-commit call it."""
    reference, data = workspace
    golfed = write_golfed(reference, data, tiny_reference_text())
    mutant_program = replace_once(
        tiny_reference_text(), f"= 0.01, {BETA1},", f"= 0.01, {NEIGHBOUR_OF_BETA1},"
    )
    mutant = write_golfed(reference, data, mutant_program, stem="mutant")
    golf = Path(sys.executable).with_name("golf")
    command = [str(golf)] if golf.exists() else ["golf"]
    completed = subprocess.run(
        [*command, "check", str(reference), str(golfed), str(mutant), "--data", str(data), "--json"],
        capture_output=True, text=True, env=os.environ, timeout=300,
    )  # fmt: skip
    assert completed.returncode == 1, completed.stderr
    report = json.loads(completed.stdout)
    assert report["passed"] is False
    by_file = {entry["file"]: entry for entry in report["files"]}
    assert by_file[str(golfed)]["passed"] is True
    assert by_file[str(golfed)]["verdict"]["equivalent"] is True
    divergence = by_file[str(mutant)]["verdict"]["divergence"]
    assert by_file[str(mutant)]["stale"] is False
    assert divergence["where"].startswith("after step 1") and divergence["quantity"] == "parameter"


def test_json_output_marks_stale_files(workspace, capsys) -> None:
    reference, data = workspace
    golfed = write_golfed(reference, data, tiny_reference_text())
    reference.write_text(tiny_reference_text() + "\n# changed\n")
    status, out, _ = run_check(capsys, reference, golfed, "--json")
    assert status == 1
    (entry,) = json.loads(out)["files"]
    assert entry["stale"] is True and entry["passed"] is False
    assert "verdict" not in entry  # a stale file is not worth a run


@pytest.mark.parametrize("missing", ["reference", "golfed"])
def test_missing_file_exits_2(workspace, tmp_path, capsys, missing: str) -> None:
    reference, data = workspace
    absent = tmp_path / "absent.py"
    files = (absent, reference) if missing == "reference" else (reference, absent)
    status, out, err = run_check(capsys, *files, "--data", data)
    assert status == 2
    assert out == ""
    assert err.startswith("golf check: cannot read") and "absent.py" in err


def test_missing_file_with_json_is_still_json(workspace, tmp_path, capsys) -> None:
    reference, data = workspace
    status, out, _ = run_check(capsys, reference, tmp_path / "absent.py", "--json")
    assert status == 2
    report = json.loads(out)
    assert report["passed"] is False and "absent.py" in report["error"]


def test_committed_readable_file_is_black_clean_and_fresh() -> None:
    """What CI's ``golf check`` relies on, checked without a full run."""
    root = Path(__file__).resolve().parent.parent
    readable = root / "golfed" / "microgpt_readable.py"
    source = readable.read_text(encoding="utf-8")
    assert black.format_str(source, mode=black.Mode()) == source
    recorded = json.loads(readable.with_suffix(".map.json").read_text(encoding="utf-8"))
    reference = (root / "reference" / "microgpt.py").read_bytes()
    assert recorded["reference_sha256"] == hashlib.sha256(reference).hexdigest()
    assert recorded["program_sha256"] == hashlib.sha256(source.encode("utf-8")).hexdigest()
