"""``golf check REFERENCE GOLFED...``: hold committed golfed files to the reference, in CI.

Each golfed file is verified against the reference (a full, bit-exact run).
A golfed file whose name map records a different reference hash is *stale*:
the reference changed after it was made, and the user is told to run ``golf``
again. Exit status 0 only when every file passes; 2 for bad input.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from verifier.inputs import default_data, load_name_map, read_map, read_program
from verifier.isolation import add_require_sandbox, apply_require_sandbox
from verifier.verification import BadInput, Verifier


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="golf check", description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path)
    parser.add_argument("golfed", type=Path, nargs="+")
    parser.add_argument(
        "--data", type=Path, help="input.txt for the runs (default: beside the reference)"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable results")
    add_require_sandbox(parser)
    return parser


def recorded_reference_hash(golfed: Path) -> str | None:
    recorded = read_map(golfed.with_suffix(".map.json"))
    return None if recorded is None else recorded.get("reference_sha256")


def golf_command(reference: Path, golfed: Path, data: Path | None) -> str:
    """The command that remakes ``golfed`` from ``reference``."""
    stem = golfed.name.removesuffix(".py")
    packed = stem.endswith(".packed")
    readable = " --readable" if stem.removesuffix(".packed") == f"{reference.stem}_readable" else ""
    data_option = f" --data {data}" if data is not None else ""
    pack_option = " --pack auto" if packed else ""
    return f"golf {reference} -o {golfed.parent}{readable}{pack_option}{data_option}"


def check_one(verifier: Verifier, reference_hash: str, golfed: Path, data: Path | None) -> dict:
    recorded = recorded_reference_hash(golfed)
    if recorded is not None and recorded != reference_hash:
        return {
            "file": str(golfed), "passed": False, "stale": True,
            "message": f"{golfed}: STALE: it was made from another version of the reference: "
            f"run `{golf_command(verifier.reference_path, golfed, data)}` again",
        }  # fmt: skip
    verdict = verifier.verify(read_program(golfed), golfed.name, load_name_map(golfed, None))
    result = {
        "file": str(golfed),
        "passed": verdict.equivalent,
        "stale": False,
        "verdict": verdict.to_json(),
    }
    result["message"] = (
        f"{golfed}: " + ("passed: " if verdict.equivalent else "FAILED: ") + verdict.describe()
    )
    if recorded is None:
        result["message"] += "\nnote: no name map beside it, so its freshness could not be checked"
    return result


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    apply_require_sandbox(args)
    try:
        verifier = Verifier(args.reference, args.data or default_data(args.reference))
        reference_hash = hashlib.sha256(verifier.reference_source).hexdigest()
        results = [check_one(verifier, reference_hash, golfed, args.data) for golfed in args.golfed]
    except BadInput as error:
        print(f"golf check: {error}", file=sys.stderr)
        if args.json:
            print(json.dumps({"passed": False, "error": str(error), "files": []}, indent=2))
        return 2
    if args.json:
        print(json.dumps({"passed": all(r["passed"] for r in results), "files": results}, indent=2))
    else:
        for result in results:
            print(result["message"])
    return 0 if all(result["passed"] for result in results) else 1
