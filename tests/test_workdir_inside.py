"""The sandbox's working folder never lands on something the child needs: a clone or a
virtual environment at /tmp/babbletest would otherwise be hidden by the folder's bind."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier import isolation


@pytest.fixture
def needed(monkeypatch: pytest.MonkeyPatch) -> set[Path]:
    paths = {Path("/usr"), Path("/opt/venv")}
    monkeypatch.setattr(isolation, "_needed_paths", lambda: paths)
    isolation.workdir_inside.cache_clear()
    yield paths
    isolation.workdir_inside.cache_clear()


def test_the_usual_folder_when_nothing_needed_lives_there(needed: set[Path]) -> None:
    assert isolation.workdir_inside() == isolation.WORKDIR_INSIDE


def test_a_clone_at_the_usual_folder_moves_the_working_folder_aside(needed: set[Path]) -> None:
    needed |= {Path(isolation.WORKDIR_INSIDE) / "verifier", Path("/tmp/babbletest-1/.venv")}
    inside = isolation.workdir_inside()
    assert inside == isolation.WORKDIR_INSIDE + "-2"
    command = isolation.bubblewrap_command("bwrap", Path("/tmp/run"), ["python3", "p.py"])
    chdir = command.index("--chdir")
    assert command[chdir - 3 : chdir + 2] == ["--bind", "/tmp/run", inside, "--chdir", inside]
    clone = str(Path(isolation.WORKDIR_INSIDE) / "verifier")
    assert command[command.index(clone) - 1 : command.index(clone) + 2] == [
        "--ro-bind",
        clone,
        clone,
    ]
