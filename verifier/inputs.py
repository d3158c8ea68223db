"""Reading what the user hands the verifier: programs, data, name maps, and their defaults.

Every way these can be wrong (missing, unreadable, not valid in the encoding
the file declares, not compiling, JSON of the wrong shape) becomes a
:class:`BadInput` with one line saying what and where, which the command
lines turn into exit status 2. Programs are decoded as the interpreter decodes
a script (PEP 263: a BOM or a coding cookie in the first two lines, else
strict UTF-8), so a file ``python3 file.py`` would refuse is refused here too.
"""

from __future__ import annotations

import io
import json
import tokenize
from pathlib import Path


class BadInput(Exception):
    """A missing or unreadable file, a program that does not compile, a malformed name map."""


def default_data(reference: Path) -> Path | None:
    """The data the reference reads when run from its own folder, if it is there."""
    bundled = reference.parent / "input.txt"
    return bundled if bundled.exists() else None


def decode_program(source: bytes, name: str) -> str:
    """The program's text, decoded exactly as the interpreter decodes a script file."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    except SyntaxError as error:
        raise BadInput(
            f"{name}: {error} (a script is UTF-8 unless it declares an encoding)"
        ) from None
    try:
        return source.decode(encoding)
    except UnicodeDecodeError as error:
        where = source[: error.start].count(b"\n") + 1
        raise BadInput(
            f"{name} is not valid {encoding} (byte {source[error.start]:#04x} on line {where})"
        ) from None


def check_program(source: bytes, name: str) -> None:
    """Refuse a program the interpreter would not start: bad encoding or a compile error."""
    text = decode_program(source, name)
    try:
        compile(text, name, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        raise BadInput(f"{name} does not compile: {error}") from None


def read_program(path: Path) -> bytes:
    try:
        source = path.read_bytes()
    except OSError as error:
        raise BadInput(f"cannot read {path}: {error.strerror or error}") from None
    check_program(source, str(path))
    return source


def read_data(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError as error:
        raise BadInput(f"cannot read the data file {path}: {error.strerror or error}") from None


def read_map(path: Path) -> dict | None:
    """The name map ``golf`` wrote at ``path``, or ``None`` when it is missing or not a JSON object."""
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return recorded if isinstance(recorded, dict) else None


def load_name_map(candidate: Path, explicit: Path | None) -> dict[str, str]:
    """Golfed name -> original name, from ``--map`` or ``<candidate>.map.json`` beside it."""
    path = explicit or candidate.with_suffix(".map.json")
    if explicit is None and not path.exists():
        return {}
    recorded = read_map(path)
    if recorded is None:
        raise BadInput(f"cannot read the name map {path}: missing, unreadable or not a JSON object")
    names = recorded.get("names", {})
    if not isinstance(names, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in names.items()
    ):
        raise BadInput(f"the name map {path}: \"names\" must map names to names (strings)")
    return dict(names)
