"""golf's options: each flag, [tool.golf] in pyproject.toml, and which one wins."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from minimizer.api import golf
from minimizer.golf_cli import TRANSFORM_NAMES, main
from minimizer.options import GolfOptions, OptionError, resolve
from minimizer.transforms import load_transform

#: A small program that trains nothing: golfing it takes seconds, runs take milliseconds.
PROGRAM = """\
import random
random.seed(3)


def compute_total(values):
    running_total = 0
    for value in values:
        running_total = running_total + value
    return running_total


numbers = [random.randint(1, 9) for _ in range(5)]
print("total:", compute_total(numbers))
"""


@pytest.fixture
def program(tmp_path: Path) -> Path:
    path = tmp_path / "src" / "prog.py"
    path.parent.mkdir()
    path.write_text(PROGRAM)
    return path


def kept(result_report: dict) -> set[str]:
    return {t["name"] for t in result_report["transforms"] if t["kept"]}


# --- the option table ---------------------------------------------------------------


def test_pyproject_sets_what_the_command_line_leaves_and_the_command_line_wins() -> None:
    config = {"skip": ["rename_globals"], "jobs": 3, "time-limit": 60, "readable": True}
    options = resolve(config, {"skip": "rename_locals", "jobs": None}, TRANSFORM_NAMES)
    assert options.skip == ("rename_locals",)  # the flag replaced the file's list
    assert options.jobs == 3 and options.time_limit == 60.0 and options.readable  # from the file


def test_every_key_of_the_table_is_read_from_pyproject() -> None:
    config = {
        "preserve": ["a", "b"], "skip": ["remove_comments"], "only": ["rename_locals"],
        "drop-unexercised": True, "readable": True, "jobs": 2, "time-limit": 1.5,
        "pack": "z20", "score": "bytes", "fresh": True,
    }  # fmt: skip
    options = resolve(config, {}, TRANSFORM_NAMES)
    assert options == GolfOptions(
        preserve=("a", "b"), skip=("remove_comments",), only=("rename_locals",),
        drop_unexercised=True, readable=True, jobs=2, time_limit=1.5, pack="z20",
        score="bytes", fresh=True,
    )  # fmt: skip


@pytest.mark.parametrize(
    "config, message",
    [
        ({"presrve": ["x"]}, "unknown option 'presrve'; did you mean 'preserve'?"),
        ({"skip": ["rename_global"]}, "did you mean 'rename_globals'?"),
        ({"only": ["minimise_whitespace"]}, "did you mean 'minimize_whitespace'?"),
        ({"pack": "z2O"}, "did you mean 'z20'?"),
        ({"jobs": 0}, "jobs takes a whole number"),
        ({"readable": "yes"}, "readable takes true or false"),
        ({"time-limit": -1}, "time-limit takes a number of seconds"),
    ],
)
def test_a_wrong_setting_is_refused_with_the_closest_valid_one(config: dict, message: str) -> None:
    with pytest.raises(OptionError, match=message.replace("?", r"\?")):
        resolve(config, {}, TRANSFORM_NAMES)


def test_unknown_transform_on_the_command_line_exits_2_with_a_suggestion(
    program: Path, tmp_path: Path, capsys
) -> None:
    assert main([str(program), "-o", str(tmp_path / "out"), "--skip", "rename_local"]) == 2
    assert "did you mean 'rename_locals'?" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unknown_key_in_pyproject_exits_2_with_a_suggestion(
    program: Path, tmp_path: Path, capsys
) -> None:
    (program.parent / "pyproject.toml").write_text('[tool.golf]\nskp = ["rename_locals"]\n')
    assert main([str(program), "-o", str(tmp_path / "out")]) == 2
    assert "unknown option 'skp'; did you mean 'skip'?" in capsys.readouterr().err


def test_list_transforms_names_each_with_its_safety_and_what_it_does(capsys) -> None:
    assert main(["--list-transforms"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(TRANSFORM_NAMES)
    for line, name in zip(lines, TRANSFORM_NAMES):
        if name != "remove_unexercised":
            assert line.split()[:2] == [name, load_transform(name).safety.value]
        assert len(line.split()) > 3  # a description follows


# --- options at work (each golf of PROGRAM takes seconds) -------------------------------


def test_preserve_keeps_names_that_would_otherwise_be_renamed(
    program: Path, tmp_path: Path
) -> None:
    plain = golf(program, tmp_path / "plain")
    assert "compute_total" not in plain.program and "numbers" not in plain.program
    options = GolfOptions(preserve=("compute_total", "numbers"))
    kept_names = golf(program, tmp_path / "kept", options=options)
    assert "def compute_total(" in kept_names.program or "compute_total=" in kept_names.program
    assert "numbers" in kept_names.program
    assert len(kept_names.program) < len(PROGRAM)  # everything else still golfed


def test_skip_and_only_choose_the_transforms_that_run(program: Path, tmp_path: Path) -> None:
    skipped = golf(program, tmp_path / "skip", options=GolfOptions(skip=("rename_globals",)))
    assert "compute_total" in skipped.program and "rename_globals" not in kept(skipped.report)
    only = ("remove_comments", "minimize_whitespace")
    limited = golf(program, tmp_path / "only", options=GolfOptions(only=only))
    assert kept(limited.report) <= set(only) and kept(limited.report)
    assert "running_total" in limited.program


def test_pyproject_preserve_reaches_the_command_line_run(program: Path, tmp_path: Path) -> None:
    (program.parent / "pyproject.toml").write_text('[tool.golf]\npreserve = ["running_total"]\n')
    assert main([str(program), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 0
    assert "running_total" in (tmp_path / "out" / "prog.py").read_text()


# --- the API, several files, stdin --------------------------------------------------


def test_the_api_golfs_in_process_and_returns_the_verified_result(
    program: Path, tmp_path: Path
) -> None:
    from minimizer import golf as api_golf
    from verifier import verify

    result = api_golf(program, tmp_path / "out")
    written = tmp_path / "out" / "prog.py"
    assert result.path == written and written.read_text() == result.program
    assert result.sizes["original"].chars == len(PROGRAM)
    assert result.sizes["golfed"].chars == len(result.program) < len(PROGRAM)
    assert result.verifier_runs >= 1 and not result.interrupted
    assert result.report["golfed"]["chars"] == len(result.program)
    assert "compute_total" in result.names.values()  # renamed, and mapped back
    verdict = verify(program, written)
    assert verdict.equivalent and verdict.divergence is None
    (tmp_path / "wrong.py").write_text(PROGRAM.replace("seed(3)", "seed(4)"))
    assert verify(program, tmp_path / "wrong.py").divergence is not None


def test_several_files_in_one_call_each_golfed_and_verified(program: Path, tmp_path: Path) -> None:
    second = program.with_name("other.py")
    second.write_text(PROGRAM.replace("total:", "sum is"))
    out = tmp_path / "out"
    assert main([str(program), str(second), "-o", str(out), "--jobs", "1"]) == 0
    from verifier import verify

    for source in (program, second):
        golfed = out / source.name
        assert len(golfed.read_text()) < len(source.read_text())
        assert verify(source, golfed).equivalent


def test_stdin_to_stdout_with_the_report_on_stderr(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "minimizer.cli", "-", "--jobs", "1"],
        input=PROGRAM, capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert len(completed.stdout) < len(PROGRAM)
    assert "# Golf report" in completed.stderr
    golfed = tmp_path / "golfed.py"
    golfed.write_text(completed.stdout)
    ran = subprocess.run([sys.executable, str(golfed)], capture_output=True, text=True)
    expected = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True)
    assert ran.stdout == expected.stdout


def test_drop_unexercised_removes_what_no_run_reaches_and_only_when_asked(tmp_path: Path) -> None:
    source = tmp_path / "src" / "branchy.py"
    source.parent.mkdir()
    source.write_text(
        'import sys\nif len(sys.argv) > 5:\n    print("never printed")\nprint("hi")\n'
    )
    kept = golf(source, tmp_path / "kept")
    assert "never printed" in kept.program
    dropped = golf(source, tmp_path / "dropped", options=GolfOptions(drop_unexercised=True))
    assert "never printed" not in dropped.program and "hi" in dropped.program


def test_a_rerun_resumes_unless_fresh_and_the_report_says_which(
    program: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = golf(program, out)
    assert not first.report["resumed_from_earlier_output"]
    assert (out / "prog.report.png").read_bytes().startswith(b"\x89PNG")  # the picture
    assert golf(program, out).report["resumed_from_earlier_output"]
    assert not golf(program, out, options=GolfOptions(fresh=True)).report[
        "resumed_from_earlier_output"
    ]


def test_an_output_that_cannot_be_a_folder_exits_2_with_one_line(
    program: Path, tmp_path: Path, capsys
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder\n")
    assert main([str(program), "-o", str(blocker), "--jobs", "1"]) == 2
    assert "cannot write to" in capsys.readouterr().err


def test_a_switch_set_in_pyproject_can_be_switched_off_on_the_command_line() -> None:
    from minimizer.golf_cli import build_parser, options_from

    args = build_parser().parse_args(["--no-readable", "--config", "/dev/null"])
    assert options_from(args).readable is False
    assert resolve({"readable": True}, {"readable": False}, TRANSFORM_NAMES).readable is False


def test_a_time_limit_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(OptionError, match="time-limit"):
        resolve({"time-limit": float("nan")}, {}, TRANSFORM_NAMES)


def test_stdin_readable_prints_the_program_and_its_report(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "minimizer.cli", "-", "--readable", "--jobs", "1"],
        input=PROGRAM, capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert "def compute_total" in completed.stdout and "# Golf report" in completed.stderr


def test_preserve_judges_a_candidate_that_does_not_parse_without_a_traceback() -> None:
    from minimizer.problem import Problem

    problem = Problem("x = 1\nprint(x)\n", None, lambda program: None, preserved=frozenset({"x"}))  # type: ignore[arg-type]
    assert problem.keeps_preserved("x = (\n", problem.best)  # the compile gate rejects it
    assert not problem.keeps_preserved("print(1)\n", problem.best)
    assert not problem.check("x = (\n").accepted
