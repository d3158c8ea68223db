"""End to end: `golf SRC -o OUTDIR` on small microgpt-style programs.

Each run uses the tiny configuration and corpus of conftest.py, so a whole
golf takes seconds; the full-size proof is the committed golfed/microgpt.py,
re-verified by `golf check` in CI.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import black
import libcst as cst
import pytest

from conftest import tiny_corpus, tiny_reference_text, write_workspace
from minimizer.objective import black_line_count
from minimizer.transforms import load_transform
from verifier.verification import Verifier

FIXTURE = Path(__file__).with_name("fixtures") / "tinygpt_other_style.py"


def golf(program: Path, data: Path, outdir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["golf", str(program), "-o", str(outdir), "--data", str(data), "--jobs", "2", *extra],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def assert_verified(reference: Path, data: Path, golfed: Path) -> None:
    verdict = Verifier(reference, data).verify(golfed.read_bytes(), golfed.name)
    assert verdict.equivalent, verdict.describe()


def test_a_program_in_another_hand_ends_verified_and_50_percent_smaller(tmp_path: Path) -> None:
    program, data = write_workspace(tmp_path / "src", FIXTURE.read_text(), tiny_corpus())
    completed = golf(program, data, tmp_path / "out")
    assert completed.returncode == 0, completed.stderr
    golfed = tmp_path / "out" / program.name
    assert_verified(program, data, golfed)
    original, shrunk = len(program.read_text()), len(golfed.read_text())
    assert shrunk <= 0.5 * original, (original, shrunk)
    report = json.loads((tmp_path / "out" / "microgpt.report.json").read_text())
    assert report["golfed"]["chars"] == shrunk
    assert {t["name"] for t in report["transforms"] if t["kept"]} >= {
        "rename_globals",
        "minimize_whitespace",
    }


def test_the_name_map_leads_from_golfed_names_back_to_the_originals(tmp_path: Path) -> None:
    program, data = write_workspace(tmp_path / "src", tiny_reference_text(), tiny_corpus())
    assert golf(program, data, tmp_path / "out").returncode == 0
    mapping = json.loads((tmp_path / "out" / "microgpt.map.json").read_text())
    originals = set(mapping["names"].values())
    assert {"state_dict", "params", "loss", ".data", ".grad"} <= originals
    golfed_text = (tmp_path / "out" / "microgpt.py").read_text()
    loss_name = next(golfed for golfed, original in mapping["names"].items() if original == "loss")
    assert f"{loss_name}." in golfed_text  # e.g. `T.c` where the original read `loss.data`


def test_readable_output_keeps_names_is_black_clean_verified_and_fewer_black_lines(
    tmp_path: Path,
) -> None:
    program, data = write_workspace(tmp_path / "src", tiny_reference_text(), tiny_corpus())
    completed = golf(program, data, tmp_path / "out", "--readable")
    assert completed.returncode == 0, completed.stderr
    readable = tmp_path / "out" / "microgpt_readable.py"
    assert_verified(program, data, readable)
    text = readable.read_text()
    assert text == black.format_str(text, mode=black.Mode())
    assert all(
        name in text for name in ("state_dict", "params", "rmsnorm", "loss.backward()", ".grad")
    )
    assert not any(line.lstrip().startswith("#") for line in text.splitlines())  # comments are gone
    assert text.count("\n") < black_line_count(program.read_text()) - 40
    report_path = tmp_path / "out" / "microgpt_readable.report.json"
    report = {t["name"]: t for t in json.loads(report_path.read_text())["transforms"]}
    assert report["inline_variables"]["kept"] and report["fold_assignments"]["kept"]
    assert report["inline_variables"][
        "screened_out"
    ]  # some inlines would have made black split a line
    module = cst.parse_module(text)
    for name in ("inline_variables", "fold_assignments"):  # none is left that would save a line
        transform = load_transform(name)
        for site in range(transform.count_sites(module)):
            assert black_line_count(transform.apply(module, [site]).code) >= text.count("\n"), (
                name,
                site,
            )


def test_an_interrupted_golf_leaves_a_verified_program_and_a_rerun_resumes(tmp_path: Path) -> None:
    program, data = write_workspace(tmp_path / "src", tiny_reference_text(), tiny_corpus())
    outdir = tmp_path / "out"
    golfed = outdir / "microgpt.py"
    running = subprocess.Popen(
        ["golf", str(program), "-o", str(outdir), "--data", str(data), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not golfed.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.5)  # into the search: past the reference's trace, among the transforms
    running.send_signal(signal.SIGINT)  # Ctrl-C
    running.communicate(timeout=120)
    assert golfed.exists()
    assert_verified(program, data, golfed)
    interrupted_size = len(golfed.read_text())

    completed = golf(program, data, outdir)
    assert completed.returncode == 0, completed.stderr
    report = json.loads((outdir / "microgpt.report.json").read_text())
    assert report["resumed_from_earlier_output"] is True
    assert len(golfed.read_text()) <= interrupted_size
    assert_verified(program, data, golfed)


def test_a_killed_golf_still_leaves_a_verified_program(tmp_path: Path) -> None:
    program, data = write_workspace(tmp_path / "src", tiny_reference_text(), tiny_corpus())
    outdir = tmp_path / "out"
    running = subprocess.Popen(
        ["golf", str(program), "-o", str(outdir), "--data", str(data)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(4)
    running.kill()  # no chance to clean up: only atomic writes protect the output
    running.wait()
    assert_verified(program, data, outdir / "microgpt.py")


def test_a_time_limit_stops_the_search_with_a_verified_program(tmp_path: Path) -> None:
    program, data = write_workspace(tmp_path / "src", tiny_reference_text(), tiny_corpus())
    completed = golf(program, data, tmp_path / "out", "--time-limit", "0.01")
    assert completed.returncode == 0, completed.stderr
    assert_verified(program, data, tmp_path / "out" / "microgpt.py")


@pytest.mark.parametrize("problem", ["missing", "syntax"])
def test_bad_input_exits_2_with_a_message(tmp_path: Path, problem: str) -> None:
    source = tmp_path / "prog.py"
    if problem == "syntax":
        source.write_text("def broken(:\n")
    data = tmp_path / "input.txt"
    data.write_text("ab\n")
    completed = golf(source, data, tmp_path / "out")
    assert completed.returncode == 2
    assert "golf:" in completed.stderr


def test_pack_writes_a_verified_packed_program_beside_the_plain_one(tmp_path: Path) -> None:
    program, data = write_workspace(tmp_path / "src", tiny_reference_text(), tiny_corpus())
    completed = golf(program, data, tmp_path / "out", "--pack", "auto", "--score", "chars")
    assert completed.returncode == 0, completed.stderr
    plain, packed = tmp_path / "out" / "microgpt.py", tmp_path / "out" / "microgpt.packed.py"
    assert len(packed.read_text()) < len(plain.read_text()) // 2
    check = subprocess.run(
        ["golf", "check", str(program), str(plain), str(packed), "--data", str(data)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    report = json.loads((tmp_path / "out" / "microgpt.report.json").read_text())
    assert report["packed"]["chars"] == len(packed.read_text())
    assert report["golfed"]["chars"] == len(plain.read_text())  # plain and packed apart
