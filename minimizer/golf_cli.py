"""``golf SRC... -o OUTDIR`` and ``golf - --data FILE``: the main job on the command line.

A thin layer over the Python API (:func:`minimizer.api.golf`): it reads the
options (``[tool.golf]`` in the nearest pyproject.toml, then the flags, which
win), golfs each program with a progress line on the terminal, and prints what
came of it. ``-`` reads the program from stdin and writes the verified result
to stdout, with the report on stderr.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from minimizer.api import GolfError, GolfResult, golf
from minimizer.objective import black_line_count
from minimizer.options import (
    GolfOptions,
    OptionError,
    find_pyproject,
    read_config,
    resolve,
)
from minimizer.packing import CHOICES as PACKINGS
from minimizer.report import render_markdown
from minimizer.transforms import GOLF_TIERS, READABLE_TIERS, load_transform

#: Transforms a user can name in --skip and --only: every tier's, and the opt-in one.
TRANSFORM_NAMES = tuple(
    dict.fromkeys(
        [name for tier in (*GOLF_TIERS, *READABLE_TIERS) for name in tier.modules]
        + ["remove_unexercised"]
    )
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="golf",
        description="Shrink Python programs; every kept change is verified bit for bit. "
        "Every option is also a key of [tool.golf] in pyproject.toml; the command line wins.",
    )
    parser.add_argument("sources", type=Path, nargs="*", metavar="SRC",
                        help="programs to golf; '-' reads one from stdin and writes it to stdout")  # fmt: skip
    parser.add_argument("-o", "--output", type=Path, metavar="OUTDIR")
    parser.add_argument(
        "--data", type=Path, help="input.txt for the verification runs (default: beside each SRC)"
    )
    parser.add_argument("--list-transforms", action="store_true",
                        help="list the transforms (name, safety, what each does) and exit")  # fmt: skip
    parser.add_argument("--config", type=Path, help="read [tool.golf] from this file instead")
    # Options of the table: None means "not given", so that pyproject.toml can set them.
    parser.add_argument("--preserve", metavar="NAME,...", help="names never renamed or removed")
    parser.add_argument("--skip", metavar="T,...", help="transforms not to run")
    parser.add_argument("--only", metavar="T,...", help="run only these transforms")
    parser.add_argument("--jobs", type=int, help="verifier runs at once (default: cores)")
    parser.add_argument("--time-limit", type=float, metavar="S", help="stop searching after S s")
    parser.add_argument("--effort", metavar="E",
                        help="how much search to buy: 1 (fast), 2 (default), 3 (thorough)")  # fmt: skip
    parser.add_argument("--readable", action=argparse.BooleanOptionalAction, default=None,
                        help="keep names and layout; only simplifications that shorten and clarify; black-formatted")  # fmt: skip
    parser.add_argument("--fresh", action=argparse.BooleanOptionalAction, default=None,
                        help="ignore an earlier run's output in OUTDIR")  # fmt: skip
    parser.add_argument("--drop-unexercised", action=argparse.BooleanOptionalAction, default=None,
                        help="also remove code the verification run never executes (e.g. a download branch)")  # fmt: skip
    parser.add_argument("--pack", choices=PACKINGS,
                        help="also write <name>.packed.py: the program in a decoder, verified too")  # fmt: skip
    parser.add_argument("--score", choices=("chars", "bytes"), help="what --pack auto minimises")
    return parser


def transform_listing() -> str:
    """One line a transform: name, safety, and the first line of its module's docstring."""
    lines = []
    for name in TRANSFORM_NAMES:
        spec = importlib.util.find_spec(f"minimizer.transforms.{name}")
        assert spec is not None and spec.origin is not None
        summary = (ast.get_docstring(ast.parse(Path(spec.origin).read_text())) or "").splitlines()
        safety = "risky" if name == "remove_unexercised" else load_transform(name).safety.value
        lines.append(f"{name:<32} {safety:<7} {summary[0] if summary else ''}")
    return "\n".join(lines)


def options_from(args: argparse.Namespace) -> GolfOptions:
    """[tool.golf] of --config or the nearest pyproject.toml, then the flags given."""
    start = args.sources[0].parent if args.sources and str(args.sources[0]) != "-" else Path.cwd()
    config_path = args.config or find_pyproject(start)
    config = read_config(config_path) if config_path else {}
    flags = {
        key: getattr(args, key)
        for key in ("preserve", "skip", "only", "jobs", "time_limit", "effort", "readable", "fresh",
                    "drop_unexercised", "pack", "score")  # fmt: skip
    }
    return resolve(config, flags, TRANSFORM_NAMES)


def golf_with_progress(
    console: Console, source: Path, output: Path, data: Path | None, options: GolfOptions
) -> GolfResult:
    """One program, with a bar that fills as it shrinks from its size towards nothing."""
    bar = Progress(
        SpinnerColumn(), TextColumn("[bold]{task.fields[size]}[/] chars"), BarColumn(),
        TimeElapsedColumn(), TextColumn("{task.description}"), console=console, transient=True,
    )  # fmt: skip
    task = bar.add_task(str(source), total=None, size="?")
    original_size: list[int] = []  # the first size reported is the original's

    def progress(message: str, size: int) -> None:
        if not original_size:
            original_size.append(size)
        total = original_size[0]
        bar.update(task, total=total, completed=total - size, size=size, description=message)

    with bar:
        return golf(source, output, data=data, options=options, progress=progress)


def summary(result: GolfResult, options: GolfOptions) -> str:
    text = f"{result.source}: {len(result.original)} -> {len(result.program)} characters, "
    if options.readable:
        before, after = black_line_count(result.original), black_line_count(result.program)
        text += f"{before} -> {after} lines in black's layout, "
    text += f"{result.verifier_runs} verifier runs, {result.elapsed:.0f} s"
    if result.interrupted:
        text += " (interrupted: the best verified program is kept)"
    if result.packed is not None:
        text += (
            f"\npacked by {result.packed.packer}: {result.packed.chars} characters, "
            f"{result.packed.bytes} bytes (verified)"
        )
    return text + "".join(f"\npacking: {note}" for note in result.report["packing_notes"])


def golf_stdin(console: Console, data: Path | None, options: GolfOptions) -> int:
    """``golf -``: the program from stdin, the verified result to stdout, the report to stderr."""
    with tempfile.TemporaryDirectory(prefix="golf-stdin-") as folder:
        source = Path(folder) / "source" / "program.py"
        source.parent.mkdir()
        source.write_bytes(sys.stdin.buffer.read())
        result = golf_with_progress(console, source, Path(folder) / "out", data, options)
    # What was asked for: the packed program when --pack made one, else the plain one.
    sys.stdout.write(result.packed.program if result.packed is not None else result.program)
    sys.stdout.flush()
    console.print(summary(result, options), highlight=False)
    print(render_markdown(result.report), file=sys.stderr)
    return 130 if result.interrupted else 0


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    console = Console(stderr=True)
    if args.list_transforms:
        print(transform_listing())
        return 0
    try:
        options = options_from(args)
    except OptionError as error:
        console.print(f"golf: {error}", highlight=False)
        return 2
    if not args.sources:
        parser.print_usage(sys.stderr)
        console.print("golf: give at least one SRC (or - for stdin)")
        return 2
    if [str(source) for source in args.sources] == ["-"]:
        try:
            return golf_stdin(console, args.data, options)
        except GolfError as error:
            console.print(f"golf: {error}", highlight=False)
            return 2
    if args.output is None or "-" in map(str, args.sources):
        console.print("golf: -o OUTDIR is required (and '-' golfs stdin alone)")
        return 2
    stems = [source.stem for source in args.sources]
    if len(set(stems)) != len(stems):
        console.print("golf: two SRC files have the same name; their outputs would collide")
        return 2
    status = 0
    for source in args.sources:
        try:
            result = golf_with_progress(console, source, args.output, args.data, options)
        except GolfError as error:
            console.print(f"golf: {error}", highlight=False)
            status = 2
            continue
        console.print(summary(result, options), highlight=False)
        console.print(
            f"wrote {args.output / (result.source.stem + ('_readable' if options.readable else '') + '.py')}"
        )
        if result.interrupted:
            return 130
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
