"""Make the real-program corpus: pyperformance's benchmarks as fast, deterministic scripts.

Why: ``golf`` must work on programs this project did not write (issue 12). The
corpus is taken from a package on PyPI, ``pyperformance`` (MIT), whose
benchmarks are single files timed by ``pyperf``. Each original is kept as it
was shipped in ``corpus/original/`` (its sha256 is in ``corpus/manifest.json``),
and this script turns it into ``corpus/programs/NAME.py``: ``import pyperf``
and the timing helpers go, the ``if __name__ == "__main__":`` runner becomes a
plain call that prints a result of the computation, and a few sizes are cut so
that one run takes well under 2 seconds. Every edit is spelled out per program
in ``corpus_programs.py`` beside this file; the structural ones use libcst.

    python3 scripts/prepare_corpus.py            # write corpus/programs and the manifest
    python3 scripts/prepare_corpus.py --check    # exit 1 unless both are already up to date
    python3 scripts/prepare_corpus.py --fetch    # download the wheel with pip and compare the
                                                 # committed originals with it, byte for byte
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

import libcst as cst

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_programs import LICENCE, PACKAGE, PROGRAMS, VERSION, WHEEL_DIR, Program  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ORIGINALS = CORPUS / "original"
PROGRAMS_DIR = CORPUS / "programs"
MANIFEST = CORPUS / "manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def apply_text_edits(name: str, source: str, edits: tuple[tuple[str, str], ...]) -> str:
    """Each edit replaces one exact piece of text that must occur exactly once."""
    for old, new in edits:
        found = source.count(old)
        if found != 1:
            raise ValueError(f"{name}: edit expects 1 occurrence of {old!r}, found {found}")
        source = source.replace(old, new)
    return source


def is_main_guard(node: cst.CSTNode) -> bool:
    if not isinstance(node, cst.If) or not isinstance(node.test, cst.Comparison):
        return False
    left = node.test.left
    return isinstance(left, cst.Name) and left.value == "__name__"


def defined_name(statement: cst.CSTNode) -> str | None:
    """The name a top-level def, class or single-target assignment binds."""
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return statement.name.value
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        small = statement.body[0]
        if isinstance(small, cst.Assign) and len(small.targets) == 1:
            target = small.targets[0].target
            if isinstance(target, cst.Name):
                return target.value
    return None


def imports_pyperf(statement: cst.CSTNode) -> bool:
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return False
    small = statement.body[0]
    return isinstance(small, cst.Import) and [
        cst.helpers.get_full_name_for_node(alias.name) for alias in small.names
    ] == ["pyperf"]


def restructure(program: Program, source: str) -> str:
    """Drop ``import pyperf`` and the named timing helpers; give the main guard a new body."""
    module = cst.parse_module(source)
    main_body = cst.parse_module(textwrap.dedent(program.main)).body
    body: list[cst.CSTNode] = []
    dropped: set[str] = set()
    guards = 0
    for statement in module.body:
        name = defined_name(statement)
        if imports_pyperf(statement):
            continue
        if name in program.drop:
            dropped.add(name)
            continue
        if is_main_guard(statement):
            guards += 1
            statement = statement.with_changes(body=cst.IndentedBlock(body=main_body))
        body.append(statement)
    missing = set(program.drop) - dropped
    if missing or guards != 1:
        raise ValueError(f"{program.name}: not dropped {sorted(missing)}; {guards} main guards")
    return module.with_changes(body=body).code


def still_uses_pyperf(source: str) -> bool:
    return any(
        isinstance(node, ast.Name) and node.id == "pyperf" for node in ast.walk(ast.parse(source))
    )


def prepare(program: Program, original: str) -> str:
    prepared = restructure(program, apply_text_edits(program.name, original, program.edits))
    if still_uses_pyperf(prepared):
        raise ValueError(f"{program.name}: the prepared program still uses pyperf")
    return prepared


def manifest(originals: dict[str, bytes], prepared: dict[str, str]) -> str:
    entries = [
        {
            "name": program.name,
            "package": PACKAGE,
            "version": VERSION,
            "path": f"{WHEEL_DIR}/{program.path}",
            "licence": LICENCE,
            "original_sha256": sha256(originals[program.name]),
            "original_characters": len(originals[program.name].decode("utf-8")),
            "program": f"programs/{program.name}.py",
            "program_sha256": sha256(prepared[program.name].encode("utf-8")),
            "program_characters": len(prepared[program.name]),
            "changes": program.why,
        }
        for program in PROGRAMS
    ]
    return json.dumps(entries, indent=2) + "\n"


def fetch_and_compare() -> int:
    """Download the wheel with pip; the committed originals must be its files, byte for byte."""
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", scratch,
             f"{PACKAGE}=={VERSION}"],
            check=True,
        )  # fmt: skip
        wheel = next(Path(scratch).glob("*.whl"))
        print(f"{wheel.name} sha256 {sha256(wheel.read_bytes())}")
        with zipfile.ZipFile(wheel) as archive:
            different = [
                program.name
                for program in PROGRAMS
                if archive.read(f"{WHEEL_DIR}/{program.path}")
                != (ORIGINALS / f"{program.name}.py").read_bytes()
            ]
    for name in different:
        print(f"{name}: the committed original differs from the wheel's file")
    return 1 if different else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="compare, write nothing")
    mode.add_argument("--fetch", action="store_true", help="compare the originals with PyPI's")
    args = parser.parse_args()
    if args.fetch:
        return fetch_and_compare()
    originals = {p.name: (ORIGINALS / f"{p.name}.py").read_bytes() for p in PROGRAMS}
    prepared = {p.name: prepare(p, originals[p.name].decode("utf-8")) for p in PROGRAMS}
    wanted = {PROGRAMS_DIR / f"{name}.py": text for name, text in prepared.items()}
    wanted[MANIFEST] = manifest(originals, prepared)
    stale = [path for path, text in wanted.items() if not path.exists() or path.read_text() != text]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}")
        return 1 if stale else 0
    PROGRAMS_DIR.mkdir(parents=True, exist_ok=True)
    for path in stale:
        path.write_text(text := wanted[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(text)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
