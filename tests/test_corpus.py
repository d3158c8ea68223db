"""``scripts/build_corpus.py`` rebuilds the committed ``reference/input.txt`` byte for byte."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
SCRIPT = REPOSITORY / "scripts" / "build_corpus.py"
COMMITTED_CORPUS = REPOSITORY / "reference" / "input.txt"


def load_script() -> ModuleType:
    # scripts/ is not a package: load the file itself, as `python3 scripts/...` would.
    spec = importlib.util.spec_from_file_location("build_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_corpus_script = load_script()


def census_line(name: str, rank: int) -> str:
    return f"{name:<15}{0.5:6.3f}{0.5 * rank:7.3f}{rank:7d}\n"


def census_list(*names: str) -> str:
    return "".join(census_line(name, rank) for rank, name in enumerate(names, start=1))


@pytest.mark.parametrize(
    ("census_lists", "expected_names"),
    [
        pytest.param([census_list("JAMES", "JOHN")], ["james", "john"], id="lowercased-in-order"),
        pytest.param(
            [census_list("JAMES", "JEAN"), census_list("MARY", "JEAN", "JAMES")],
            ["james", "jean", "mary"],
            id="first-occurrence-kept-across-lists",
        ),
        pytest.param(
            [census_list("ANN-MARIE", "O'NEIL", "ZOË", "LEE") + "\n"],
            ["lee"],
            id="only-ascii-letters-blank-lines-ignored",
        ),
        pytest.param([""], [], id="empty"),
    ],
)
def test_build_corpus(census_lists: list[str], expected_names: list[str]) -> None:
    corpus = build_corpus_script.build_corpus(census_lists)
    assert corpus == "".join(f"{name}\n" for name in expected_names)


def test_reads_lists_from_an_sdist(tmp_path: Path) -> None:
    shipped = {"dist.male.first": census_list("ADAM"), "dist.female.first": census_list("EVE")}
    archive = tmp_path / "names-0.3.0.tar.gz"
    with tarfile.open(archive, "w:gz") as sdist:
        for list_name in ["dist.all.last", *shipped]:  # a list we must not read, first
            data = shipped.get(list_name, census_list("SMITH")).encode("ascii")
            member = tarfile.TarInfo(f"names-0.3.0/names/{list_name}")
            member.size = len(data)
            sdist.addfile(member, io.BytesIO(data))
    assert build_corpus_script.read_sdist_lists(archive) == list(shipped.values())


def test_script_reproduces_committed_corpus(tmp_path: Path) -> None:
    # `names` is in the dev extras, so this takes the installed-package path, offline.
    assert build_corpus_script.read_installed_lists() is not None, "pip install -e '.[dev]'"
    output = tmp_path / "input.txt"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--output", str(output)],
        capture_output=True,
        text=True,
        check=True,
    )
    built = output.read_bytes()
    assert built == COMMITTED_CORPUS.read_bytes()
    assert result.stdout.split()[0] == hashlib.sha256(built).hexdigest()
