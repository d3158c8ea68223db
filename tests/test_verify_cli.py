"""``golf verify``: exit 0 when equivalent, 1 when not, 2 for bad input, with a message each time."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import replace_once, tiny_reference_text

from verifier.cli import main

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def mutant(tmp_path: Path) -> Path:
    """The tiny reference with the beta1 complement re-spelled: wrong from the first update."""
    return write(tmp_path / "mutant.py", replace_once(tiny_reference_text(), "(1 - beta1)", ".15"))


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_equivalent_exits_0(tiny_workspace, capsys) -> None:
    program, data = tiny_workspace
    status, out, _ = run_cli(capsys, program, program, "--data", data)
    assert status == 0
    assert out.startswith("equivalent")


def test_mutant_exits_1_and_names_the_divergence(tiny_workspace, mutant, capsys) -> None:
    program, data = tiny_workspace
    status, out, _ = run_cli(capsys, program, mutant, "--data", data)
    assert status == 1
    assert out.startswith("NOT equivalent")
    assert "after step 1" in out and "parameter" in out


def test_data_defaults_to_input_txt_beside_the_reference(tiny_workspace, capsys) -> None:
    program, data = tiny_workspace
    assert data == program.with_name("input.txt")
    status, _, _ = run_cli(capsys, program, program)
    assert status == 0


@pytest.mark.parametrize("missing", ["reference", "candidate"])
def test_missing_file_exits_2(tiny_workspace, tmp_path, capsys, missing: str) -> None:
    program, data = tiny_workspace
    absent = tmp_path / "absent.py"
    files = (absent, program) if missing == "reference" else (program, absent)
    status, out, err = run_cli(capsys, *files, "--data", data)
    assert status == 2
    assert out == ""
    assert err.startswith("golf verify: cannot read") and "absent.py" in err


def test_syntax_error_exits_2(tiny_workspace, tmp_path, capsys) -> None:
    program, data = tiny_workspace
    broken = write(
        tmp_path / "broken.py", tiny_reference_text().replace("def gpt(", "def gpt((", 1)
    )
    status, _, err = run_cli(capsys, program, broken, "--data", data)
    assert status == 2
    assert "broken.py does not compile" in err


def test_unreadable_data_exits_2(tiny_workspace, tmp_path, capsys) -> None:
    program, _ = tiny_workspace
    status, _, err = run_cli(capsys, program, program, "--data", tmp_path)  # a directory
    assert status == 2
    assert "cannot read the data file" in err


def test_reference_that_fails_exits_2(tiny_workspace, tmp_path, capsys) -> None:
    program, data = tiny_workspace
    failing = write(tmp_path / "failing.py", "raise SystemExit(4)\n")
    status, _, err = run_cli(capsys, failing, program, "--data", data)
    assert status == 2
    assert "the reference itself failed" in err


def test_json_output(tiny_workspace, mutant, capsys) -> None:
    program, data = tiny_workspace
    status, out, _ = run_cli(capsys, program, mutant, "--data", data, "--json")
    verdict = json.loads(out)
    assert status == 1
    assert verdict["equivalent"] is False
    assert verdict["divergence"]["quantity"] == "parameter"
    assert verdict["divergence"]["step"] == 1
    assert verdict["divergence"]["ulps"] > 0

    status, out, _ = run_cli(capsys, program, program, "--data", data, "--json")
    assert status == 0
    assert json.loads(out)["divergence"] is None


def test_report_writes_markdown_and_plot(tiny_workspace, mutant, tmp_path, capsys) -> None:
    program, data = tiny_workspace
    report = tmp_path / "report"
    status, out, _ = run_cli(capsys, program, mutant, "--data", data, "--report", report)
    assert status == 1
    assert f"report: {report / 'report.md'}" in out
    markdown = (report / "report.md").read_text(encoding="utf-8")
    assert "![loss curves](loss.png)" in markdown and "parameter" in markdown
    assert (report / "loss.png").read_bytes().startswith(PNG_SIGNATURE)


def test_golf_verify_console_script(tiny_workspace, mutant, trace_cache) -> None:
    """The installed ``golf`` command dispatches to the verifier and passes its exit status on."""
    program, data = tiny_workspace
    completed = subprocess.run(
        ["golf", "verify", str(program), str(mutant), "--data", str(data)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "BABBLETEST_CACHE": str(trace_cache)},
    )  # fmt: skip
    assert completed.returncode == 1, completed.stderr
    assert "NOT equivalent" in completed.stdout
