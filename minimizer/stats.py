"""``golf stats FILE...``: how big is a program, measured the ways golfers measure it.

Code golf scores characters, but bytes, non-whitespace characters, lines and
tokens each tell a different story about where the size is, so one table shows
them all side by side, with every file after the first compared to the first.
The golf report imports :func:`measure` so that both agree on every number.

Only the standard library is imported: ``golf stats`` should answer at once.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import sys
import tokenize
from pathlib import Path

# Layout and comments carry no code: the golfer pays for them in characters,
# which the other columns already count, so the token column leaves them out.
UNCOUNTED_TOKEN_TYPES = frozenset(
    {
        tokenize.ENCODING,
        tokenize.ENDMARKER,
        tokenize.NL,
        tokenize.NEWLINE,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.COMMENT,
    }
)

DESCRIPTION = """\
Print, for each FILE, its size measured five ways:
  chars    Unicode characters (what code golf scores)
  bytes    bytes of its UTF-8 encoding
  non-ws   characters other than whitespace (str.isspace)
  lines    lines, a last line without a newline included; \\n, \\r\\n and \\r end a line
  tokens   Python tokens (stdlib tokenize), not counting ENCODING, ENDMARKER, NL,
           NEWLINE, INDENT, DEDENT and COMMENT: the code tokens, not its layout;
           '-' when the file is not tokenizable Python
With several files, a column after each further file gives its difference
from the first file and its size as a percentage of the first.
Files must be UTF-8; they are measured exactly as stored (no newline translation)."""


@dataclasses.dataclass(frozen=True)
class Stats:
    chars: int
    bytes: int
    non_whitespace: int
    lines: int
    tokens: int | None  # None when the text is not tokenizable Python


# (attribute, row label) in the order the table shows them.
METRICS: tuple[tuple[str, str], ...] = (
    ("chars", "chars"),
    ("bytes", "bytes"),
    ("non_whitespace", "non-ws"),
    ("lines", "lines"),
    ("tokens", "tokens"),
)


def count_lines(text: str) -> int:
    terminators = text.count("\n") + text.count("\r") - text.count("\r\n")
    unterminated_last_line = bool(text) and not text.endswith(("\n", "\r"))
    return terminators + unterminated_last_line


def count_tokens(text: str) -> int | None:
    count = 0
    # Universal newlines, as the interpreter reads a file: a lone \r ends a line.
    lines = io.StringIO(text, newline=None)
    try:
        for token in tokenize.generate_tokens(lines.readline):
            if token.type == tokenize.ERRORTOKEN:
                return None
            if token.type not in UNCOUNTED_TOKEN_TYPES:
                count += 1
    except (tokenize.TokenError, SyntaxError):
        return None
    return count


def measure(text: str) -> Stats:
    return Stats(
        chars=len(text),
        bytes=len(text.encode("utf-8")),
        non_whitespace=sum(1 for character in text if not character.isspace()),
        lines=count_lines(text),
        tokens=count_tokens(text),
    )


class UnreadableFile(Exception):
    pass


def read_text(path: Path) -> str:
    try:
        # Bytes then a strict decode: text mode would translate newlines and
        # so change the very counts we report.
        return path.read_bytes().decode("utf-8")
    except OSError as error:
        raise UnreadableFile(f"cannot read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"cannot read {path}: not UTF-8 (byte {error.start}: {error.reason})"
        ) from error


def format_count(value: int | None) -> str:
    return "-" if value is None else str(value)


def format_comparison(value: int | None, baseline: int | None) -> str:
    if value is None or baseline is None:
        return "-"
    difference = f"{value - baseline:+d}"
    if baseline == 0:
        return difference
    return f"{difference} ({100 * value / baseline:.1f}%)"


def render_table(paths: list[str], stats: list[Stats]) -> str:
    header = ["", *paths[:1]]
    for path in paths[1:]:
        header += [path, f"vs {paths[0]}"]
    rows = [header]
    for attribute, label in METRICS:
        baseline = getattr(stats[0], attribute)
        row = [label, format_count(baseline)]
        for file_stats in stats[1:]:
            value = getattr(file_stats, attribute)
            row += [format_count(value), format_comparison(value, baseline)]
        rows.append(row)
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    # Labels align left, numbers right, so that digits line up in a pipe.
    return "\n".join(
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths))
        ).rstrip()
        for row in rows
    )


def file_records(paths: list[str], stats: list[Stats]) -> list[dict[str, object]]:
    return [
        {"path": path, **dataclasses.asdict(file_stats)} for path, file_stats in zip(paths, stats)
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="golf stats",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print a JSON list, one object a file")
    parser.add_argument(
        "--pack", action="store_true",
        help="also show what each packer of 'golf --pack' would make of each file (unverified)",
    )  # fmt: skip
    arguments = parser.parse_args(argv)

    # Read every file before printing anything: an error leaves no half table.
    try:
        stats = [measure(read_text(Path(path))) for path in arguments.files]
    except UnreadableFile as error:
        print(f"golf stats: {error}", file=sys.stderr)
        return 2
    packings = packing_rows(arguments.files) if arguments.pack else None
    if arguments.json:
        listing = file_records(arguments.files, stats)
        print(
            json.dumps(
                listing if packings is None else {"files": listing, "packed": packings}, indent=2
            )
        )
    else:
        print(render_table(arguments.files, stats))
        if packings is not None:
            print(render_packings(packings))
    return 0


def packing_rows(paths: list[str]) -> list[dict[str, object]]:
    """Characters and bytes each packer gives for each file, or why it refused."""
    from minimizer.packing import (
        every_packing,  # only this option pays for zlib and base64
    )

    rows: list[dict[str, object]] = []
    for path in paths:
        packed, refused = every_packing(read_text(Path(path)))
        rows += [
            {"path": path, "packer": p.packer, "chars": p.chars, "bytes": p.bytes} for p in packed
        ]
        rows += [{"path": path, "packer": name, "refused": why} for name, why in refused.items()]
    return rows


def render_packings(rows: list[dict[str, object]]) -> str:
    lines = ["", "packed (not verified; golf --pack verifies what it writes):"]
    for row in rows:
        if "refused" in row:
            lines.append(f"  {row['path']}  {row['packer']:<5} refused: {row['refused']}")
        else:
            lines.append(
                f"  {row['path']}  {row['packer']:<5} {row['chars']:>7} chars {row['bytes']:>7} bytes"
            )
    return "\n".join(lines)
