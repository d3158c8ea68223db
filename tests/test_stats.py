"""``golf stats`` and ``measure``: every expected count is built from parts whose size is known."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from minimizer.stats import Stats, main, measure

# Characters of known UTF-8 width: 2, 3 and 4 bytes.
WIDE_CHARACTERS = "é€😀"
WIDE_BYTES = 2 + 3 + 4


def lines_of(count: int, width: int) -> str:
    """``count`` lines, each one name of ``width`` letters: one token a line."""
    return ("x" * width + "\n") * count


CASES = [
    pytest.param("", Stats(chars=0, bytes=0, non_whitespace=0, lines=0, tokens=0), id="empty"),
    pytest.param(
        lines_of(7, 5),
        Stats(chars=7 * 6, bytes=7 * 6, non_whitespace=7 * 5, lines=7, tokens=7),
        id="n-lines-of-k-chars",
    ),
    pytest.param(
        "a = 1",
        Stats(chars=5, bytes=5, non_whitespace=3, lines=1, tokens=3),
        id="no-trailing-newline",
    ),
    pytest.param(
        "a = 1\nb",
        Stats(chars=7, bytes=7, non_whitespace=4, lines=2, tokens=4),
        id="unterminated-last-line",
    ),
    pytest.param(
        f's = "{WIDE_CHARACTERS}"\n',
        Stats(
            chars=len('s = ""\n') + len(WIDE_CHARACTERS),
            bytes=len('s = ""\n') + WIDE_BYTES,
            non_whitespace=len('s=""') + len(WIDE_CHARACTERS),
            lines=1,
            tokens=3,
        ),
        id="non-ascii",
    ),
    pytest.param(
        "if x:\n\ty = 1\n",
        Stats(chars=5 + 1 + 6 + 1, bytes=13, non_whitespace=len("ifx:y=1"), lines=2, tokens=6),
        id="tab-indent",
    ),
    pytest.param(
        "a\r\nb\r\nc\rd\n",
        Stats(chars=10, bytes=10, non_whitespace=4, lines=4, tokens=4),
        id="crlf-and-cr-kept-as-stored",
    ),
    pytest.param(
        "x = 1  # a comment\n# a whole-line comment\n",
        Stats(
            chars=len("x = 1  # a comment\n") + len("# a whole-line comment\n"),
            bytes=len("x = 1  # a comment\n") + len("# a whole-line comment\n"),
            non_whitespace=len("x=1#acomment#awhole-linecomment"),
            lines=2,
            tokens=3,
        ),
        id="comments-are-not-tokens",
    ),
    pytest.param(
        '"""never closed\n',
        Stats(chars=16, bytes=16, non_whitespace=len('"""neverclosed'), lines=1, tokens=None),
        id="untokenizable-eof-in-string",
    ),
    pytest.param(
        'x = "never closed\n',
        Stats(chars=18, bytes=18, non_whitespace=len('x="neverclosed'), lines=1, tokens=None),
        id="untokenizable-open-quote",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_measure(text: str, expected: Stats) -> None:
    assert measure(text) == expected


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))  # bytes: no newline translation
    return path


def test_file_is_measured_as_stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = f"print('{WIDE_CHARACTERS}')\r\n\tpass\r\n"
    path = write(tmp_path / "crlf.py", text)
    assert main(["--json", str(path)]) == 0
    (reported,) = json.loads(capsys.readouterr().out)
    assert reported["chars"] == len(text)
    assert reported["bytes"] == path.stat().st_size
    assert reported["lines"] == 2


def test_table_compares_with_first_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long_file = write(tmp_path / "long.py", lines_of(4, 9))  # 40 chars
    short_file = write(tmp_path / "short.py", lines_of(2, 9))  # 20 chars
    assert main([str(long_file), str(short_file)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert str(long_file) in table[0] and str(short_file) in table[0]
    chars_row = table[1].split()
    assert chars_row == ["chars", "40", "20", "-20", "(50.0%)"]
    lines_row = table[4].split()
    assert lines_row == ["lines", "4", "2", "-2", "(50.0%)"]
    # Plain aligned text: every row as wide as the header, no colour codes.
    assert len({len(row) for row in table}) == 1
    assert "\x1b" not in "".join(table)


def test_comparison_with_empty_first_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = write(tmp_path / "empty.py", "")
    one_line = write(tmp_path / "one.py", lines_of(1, 3))
    assert main([str(empty), str(one_line)]) == 0
    chars_row = capsys.readouterr().out.splitlines()[1].split()
    assert chars_row == ["chars", "0", "4", "+4"]


def test_json_lists_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = {"a.py": lines_of(3, 2), "b.py": "x = (\n"}
    paths = [str(write(tmp_path / name, text)) for name, text in texts.items()]
    assert main(["--json", *paths]) == 0
    reported = json.loads(capsys.readouterr().out)
    assert [entry["path"] for entry in reported] == paths
    for entry, text in zip(reported, texts.values()):
        assert Stats(**{key: value for key, value in entry.items() if key != "path"}) == measure(
            text
        )


@pytest.mark.parametrize(
    ("make_bad_file", "reason"),
    [
        pytest.param(lambda folder: folder / "missing.py", "No such file", id="missing"),
        pytest.param(lambda folder: folder, "directory", id="directory"),
        pytest.param(
            lambda folder: (folder / "latin1.py").write_bytes(b"s = '\xe9'\n")
            and folder / "latin1.py",
            "not UTF-8",
            id="undecodable",
        ),
    ],
)
def test_unreadable_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make_bad_file, reason: str
) -> None:
    good = write(tmp_path / "good.py", lines_of(1, 1))
    bad = make_bad_file(tmp_path)
    assert main([str(good), str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # no half table before the error
    error_lines = captured.err.splitlines()
    assert len(error_lines) == 1
    assert str(bad) in error_lines[0] and reason in error_lines[0]


def test_console_script(tmp_path: Path) -> None:
    golf = shutil.which("golf")
    assert golf is not None, "the golf console script is not installed (pip install -e .)"
    path = write(tmp_path / "program.py", lines_of(3, 4))
    result = subprocess.run(
        [golf, "stats", "--json", str(path)], capture_output=True, text=True, check=True
    )
    (reported,) = json.loads(result.stdout)
    assert reported["chars"] == 15 and reported["lines"] == 3 and reported["tokens"] == 3
    missing = subprocess.run(
        [golf, "stats", str(tmp_path / "absent.py")], capture_output=True, text=True
    )
    assert missing.returncode == 2 and "absent.py" in missing.stderr
