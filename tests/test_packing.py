"""Packers: each output decodes to the program, compiles, and can be saved as UTF-8."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generated_programs import programs
from transform_check import run_program as run
from minimizer import stats
from minimizer.packing import PACKERS, Refused, candidates, every_packing, pack

ROOT = Path(__file__).resolve().parent.parent


def decoded(packed_program: str) -> str:
    """The source a packed program hands to ``exec``, caught instead of run."""
    caught: list[bytes | str] = []
    exec(compile(packed_program, "<packed>", "exec"), {"exec": caught.append})
    (source,) = caught
    return source.decode("utf-8") if isinstance(source, bytes) else source


def assert_loadable(packed_program: str) -> None:
    """What python3 needs of a file: UTF-8 without surrogates, no CR or NUL, compiles."""
    packed_program.encode("utf-8")  # raises on a lone surrogate
    assert "\r" not in packed_program and "\0" not in packed_program
    compile(packed_program, "<packed>", "exec")


def same_program(decoded_source: str, source: str) -> bool:
    """u16 may drop or add one last newline, or add a blank first line, to pair bytes."""
    return decoded_source.strip("\n") == source.strip("\n")


@settings(max_examples=40, deadline=None)
@given(programs(), st.sampled_from(sorted(PACKERS)))
def test_every_packer_decodes_to_the_program_and_behaves_the_same(source: str, name: str) -> None:
    packed = pack(source, name)
    assert_loadable(packed.program)
    assert same_program(decoded(packed.program), source)
    assert run(packed.program) == run(source)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_is_packed_validly_or_refused_with_a_reason(text: str) -> None:
    """Non-ASCII text can pair into surrogates, quotes or CRs: perturbed or refused, never emitted."""
    for name in PACKERS:
        try:
            packed = pack(text, name)
        except Refused as reason:
            assert str(reason).startswith(name)
            continue
        packed.program.encode("utf-8")
        assert "\r" not in packed.program and "\0" not in packed.program
        compile(packed.program, "<packed>", "exec")
        assert same_program(decoded(packed.program), text)


def test_u16_shifts_the_pairing_when_the_first_would_make_a_surrogate() -> None:
    source = "x='\u0600'\n"  # UTF-8 78 3D 27 D8 80 27 (0A): the pair (27, D8) is U+D827
    assert "\ud827" in source.encode("utf-8")[:-1].decode("utf-16-le", errors="surrogatepass")
    packed = pack(source, "u16")
    assert_loadable(packed.program)
    assert decoded(packed.program) == "\n" + source  # a blank first line moved the pairs


def test_packings_of_the_golfed_reference_are_smaller_as_each_score_counts() -> None:
    source = (ROOT / "golfed" / "microgpt.py").read_text(encoding="utf-8")
    by_chars = candidates(source, "auto", "chars")
    by_bytes = candidates(source, "auto", "bytes")
    assert by_chars[0].packer == "z20" and by_chars[0].chars < len(source) // 2
    assert by_bytes[0].bytes < len(source.encode("utf-8"))
    assert pack(source, "u16").chars <= len(source) // 2 + 30
    assert candidates(source, "none", "chars") == []


def test_stats_pack_lists_every_packer(tmp_path: Path, capsys) -> None:
    program = tmp_path / "p.py"
    program.write_text("print('hello world ' * 3)\n" * 20)
    assert stats.main([str(program), "--pack", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert {row["packer"] for row in listing["packed"]} == set(PACKERS)
    packed, _ = every_packing(program.read_text())
    assert {row["chars"] for row in listing["packed"]} == {p.chars for p in packed}


@pytest.mark.parametrize("name", sorted(PACKERS))
def test_packed_program_runs_as_a_file(name: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    source = "import random\nrandom.seed(1)\nprint([random.random() for _ in range(3)])\n"
    path = tmp_path / "packed.py"
    path.write_text(pack(source, name).program, encoding="utf-8")
    ran = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, check=True)
    assert ran.stdout == run(source)[0]
