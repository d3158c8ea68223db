"""The files golf leaves in OUTDIR, written so that an interruption never leaves a broken one.

``<name>.py`` is only ever replaced by a program a full verifier run accepted,
atomically, together with ``<name>.map.json`` (golfed name -> original name,
plus what the proof holds for: the reference's and the data's hashes, the
interpreter, the contract version). A rerun resumes from them when they still
match. A packed program goes beside the plain one, never over it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from verifier.inputs import read_map
from verifier.traces import CONTRACT_VERSION


def digest(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


class Outputs:
    """The files golf leaves in OUTDIR, and how to resume from them."""

    def __init__(
        self, directory: Path, source: Path, stem: str, source_bytes: bytes, data: bytes | None
    ):
        self.directory = directory
        self.program = directory / f"{stem}.py"
        self.map = directory / f"{stem}.map.json"
        self.packed = directory / f"{stem}.packed.py"
        self.packed_map = directory / f"{stem}.packed.map.json"
        self.report = directory / f"{stem}.report"
        self.identity = {
            "reference": str(source),
            "reference_sha256": digest(source_bytes),  # as stored: golf check hashes the bytes too
            "data_sha256": digest(data),
            "python": sys.version,  # a proof holds for the interpreter that ran it
            "contract_version": CONTRACT_VERSION,
        }

    def resumable(self) -> tuple[str, dict[str, str]] | None:
        """An earlier verified output for this very source and data, with its name map."""
        recorded = read_map(self.map)
        try:
            program = self.program.read_text(encoding="utf-8")
        except (OSError, ValueError):
            program = None
        if recorded is None or program is None:
            return None
        same = all(
            recorded.get(key) == value for key, value in self.identity.items() if key != "reference"
        )
        untouched = recorded.get("program_sha256") == digest(program.encode("utf-8"))
        return (program, dict(recorded.get("names", {}))) if same and untouched else None

    def write_program(self, source: str, names: dict[str, str], packed: bool = False) -> None:
        """The program and its name map; a packed program beside the plain one, never over it."""
        program, name_map = (self.packed, self.packed_map) if packed else (self.program, self.map)
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomically(program, source)
        mapping = {
            **self.identity,
            "program_sha256": digest(source.encode("utf-8")),
            "names": names,
        }
        write_atomically(name_map, json.dumps(mapping, indent=2, sort_keys=True) + "\n")
