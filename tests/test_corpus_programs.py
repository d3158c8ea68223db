"""The real-program corpus (issue 12): reproducible from its originals, fast and deterministic.

``corpus/programs`` is made from the pyperformance files in ``corpus/original``
by ``scripts/prepare_corpus.py``; the benchmark ``bench/bench_corpus.py`` golfs
them. These tests hold the committed files to the script and each program to
the corpus's promise: it runs alone, in under 2 s, with the same output twice.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "prepare_corpus.py"
CORPUS = ROOT / "corpus"
PROGRAMS = sorted((CORPUS / "programs").glob("*.py"))


def load_script():
    spec = importlib.util.spec_from_file_location("prepare_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_preparation_reproduces_the_committed_corpus_byte_for_byte():
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_manifest_records_provenance_for_every_program():
    manifest = json.loads((CORPUS / "manifest.json").read_text())
    assert sorted(entry["program"] for entry in manifest) == sorted(
        f"programs/{path.name}" for path in PROGRAMS
    )
    assert len(manifest) >= 15
    for entry in manifest:
        assert entry["package"] and entry["version"] and entry["licence"].startswith("MIT")
        assert len(entry["original_sha256"]) == 64
        assert (CORPUS / "original" / f"{entry['name']}.py").exists()
    sizes = [entry["program_characters"] for entry in manifest]
    assert max(sizes) >= 19_000


def test_an_edit_whose_text_is_not_there_exactly_once_is_refused():
    script = load_script()
    with pytest.raises(ValueError, match="found 0"):
        script.apply_text_edits("demo", "x = 1\n", (("y = 2", "y = 3"),))
    with pytest.raises(ValueError, match="found 2"):
        script.apply_text_edits("demo", "x = 1\nx = 1\n", (("x = 1", "x = 2"),))


def test_restructure_drops_pyperf_and_the_named_helpers_and_replaces_the_runner():
    script = load_script()
    program = script.Program(
        "demo", "demo.py", "demo", main="print(work())\n", drop=("bench_work",)
    )
    source = (
        "import pyperf\n\n\ndef work():\n    return 6 * 7\n\n\n"
        "def bench_work(loops):\n    t0 = pyperf.perf_counter()\n    return t0\n\n\n"
        "if __name__ == '__main__':\n    runner = pyperf.Runner()\n"
        "    runner.bench_func('work', work)\n"
    )
    prepared = script.prepare(program, source)
    assert "pyperf" not in prepared and "bench_work" not in prepared
    completed = subprocess.run(
        [sys.executable, "-c", prepared], capture_output=True, text=True, check=True
    )
    assert completed.stdout == "42\n"


def run(program: Path, workdir: Path) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, str(program)], capture_output=True, cwd=workdir, timeout=60,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )  # fmt: skip
    return completed, time.perf_counter() - started


@pytest.mark.parametrize("program", PROGRAMS, ids=[path.stem for path in PROGRAMS])
def test_each_program_is_fast_and_deterministic(program: Path, tmp_path: Path):
    first, first_seconds = run(program, tmp_path)
    second, second_seconds = run(program, tmp_path)
    assert first.returncode == 0, first.stderr.decode()
    assert first.stdout.strip(), "a corpus program must print a result of its computation"
    assert (second.returncode, second.stdout) == (0, first.stdout)
    assert min(first_seconds, second_seconds) < 2.0
    assert list(tmp_path.iterdir()) == [], "a corpus program must not write files"
