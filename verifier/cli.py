"""``golf verify REFERENCE CANDIDATE``: the verifier on the command line.

Exit status 0 when the two programs are equivalent under the semantic
contract, 1 when they are not, 2 for bad input (a missing file, a program that
does not compile, unreadable data, a reference that fails to run).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from verifier.inputs import BadInput, default_data, load_name_map, read_program
from verifier.isolation import add_require_sandbox, apply_require_sandbox
from verifier.verification import Verifier


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="golf verify",
        description="Run both programs in a sandbox and compare their traces bit for bit: stdout, "
        "exit status, every random call, the parameters after every step, the loss.",
    )
    parser.add_argument("reference", type=Path)
    parser.add_argument("candidate", type=Path)
    parser.add_argument(
        "--data",
        type=Path,
        help="the input.txt both programs read (default: input.txt beside the reference)",
    )
    parser.add_argument(
        "--map", type=Path, help="name map from the golfer (default: CANDIDATE.map.json if present)"
    )
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")
    parser.add_argument(
        "--report", type=Path, metavar="DIR", help="write a report with a loss plot to DIR"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="record the reference's trace afresh"
    )
    add_require_sandbox(parser)
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    apply_require_sandbox(args)
    try:
        verifier = Verifier(
            args.reference, args.data or default_data(args.reference), use_cache=not args.no_cache
        )
        name_map = load_name_map(args.candidate, args.map)
        verdict = verifier.verify(read_program(args.candidate), args.candidate.name, name_map)
    except BadInput as error:
        print(f"golf verify: {error}", file=sys.stderr)
        return 2
    if args.report:
        from verifier.report import write_report

        write_report(args.report, verifier.trace, verdict)
    if args.json:
        print(json.dumps(verdict.to_json(), indent=2))
    else:
        print(verdict.describe())
        if args.report:
            print(f"report: {args.report / 'report.md'}")
    return 0 if verdict.equivalent else 1
