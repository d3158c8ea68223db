"""What the benchmark scripts share: where things are, and one bare run of a program."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "reference" / "microgpt.py"
REAL_CORPUS = ROOT.parent / "shared" / "data" / "names.txt"
DEFAULT_DATA = REAL_CORPUS if REAL_CORPUS.exists() else ROOT / "reference" / "input.txt"


def bare_run(program: Path, data: Path) -> float:
    """Seconds for one plain ``python program`` in a fresh folder holding ``data`` as input.txt."""
    with tempfile.TemporaryDirectory() as workdir:
        shutil.copy(data, Path(workdir) / "input.txt")
        started = time.perf_counter()
        subprocess.run([sys.executable, str(program)], cwd=workdir, stdout=subprocess.DEVNULL, check=True,
                       env={**os.environ, "PYTHONHASHSEED": "0"})  # fmt: skip
        return time.perf_counter() - started
