"""shorten_literals: every literal respelled the shortest way that keeps its type and value.

Checked on before/after pairs of literals, and on hypothesis-drawn values whose
spellings must keep their type and bits (a float compared with ``float.hex``).
"""

from __future__ import annotations

import ast

import pytest
from conftest import reference_text
from hypothesis import example, given, settings
from hypothesis import strategies as st
from transform_check import apply_sites, assert_transform

from minimizer.transforms.shorten_literals import ShortenLiterals


def shortened_literal(literal: str) -> str:
    """The expression ``literal`` after shorten_literals, as source text."""
    statement = apply_sites(ShortenLiterals(), f"x = {literal}\n")
    return statement.removeprefix("x = ").rstrip("\n")


LITERAL_PAIRS = [
    ("0.0", "0."),
    ("0.08", ".08"),
    ("1e-08", "1e-8"),
    ("1000000.0", "1e6"),
    ("1.0", "1."),
    ("1.5", "1.5"),
    ("100.0", "1e2"),
    ("0.0001", "1e-4"),
    ("123456789.0", "123456789."),
    ("1.25e-10", ".125e-9"),
    ("12e-11", "12e-11"),
    ("0x10", "16"),
    ("0b101", "5"),
    ("0o17", "15"),
    ("1_000", "1000"),
    ("0xfffff", "0xfffff"),
    ("1", "1"),
    ("2.0j", "2j"),
    ("0.5j", ".5j"),
    ("1e999", "1e999"),
    ("1 - 0.85", "1 - .85"),
    ("2 * 0.5 + 0.0", "2 * .5 + 0."),
    ('"abc"', '"abc"'),
    ('u"abc"', "'abc'"),
    ('"""doc"""', "'doc'"),
    ("'it\\'s'", '"it\'s"'),
    ('"say \\"hi\\""', "'say \"hi\"'"),
    ("'\\x41'", "'A'"),
    ("'\\u00e9'", "'é'"),
    ("'\\x00'", "'\\0'"),
    ("'\\x001'", "'\\x001'"),
    ("'\\u2028'", "'\\u2028'"),
    ('f"plain"', "'plain'"),
    ('f"{{braces}}"', "'{braces}'"),
    ('f"a{b}"', 'f"a{b}"'),
    ("(f'x')", "('x')"),
    ('b"\\x41\\\\"', "b'A\\\\'"),
    ("rb'\\d\\d\\d'", "rb'\\d\\d\\d'"),
    ("b'\\\\d\\\\d\\\\d'", "rb'\\d\\d\\d'"),
    ("'\\\\d\\\\d\\\\d'", "'\\\\d\\\\d\\\\d'"),
    ("'a\\nb\\nc\\nd\\ne\\nf'", "'''a\nb\nc\nd\ne\nf'''"),
    ("0x10 .real", "16 .real"),
    ("0x10.real", "0x10.real"),
    ("f\"{''.join(s)}\"", "f\"{''.join(s)}\""),
    ("f'{\"\".join(s)}'", "f'{\"\".join(s)}'"),
    ("f'{u\"it\" if 0 else f\"x\"}'", "f'{\"it\" if 0 else \"x\"}'"),
]


@pytest.mark.parametrize(("before", "after"), LITERAL_PAIRS)
def test_shorten_literals_pairs(before: str, after: str) -> None:
    assert_transform(ShortenLiterals(), f"x = {before}\n", f"x = {after}\n")


@pytest.mark.parametrize(("before", "after"), LITERAL_PAIRS)
def test_shortened_literal_has_same_type_and_value(before: str, after: str) -> None:
    names = {"b": 1, "s": "xy"}
    old, new = eval(before, dict(names)), eval(after, dict(names))
    assert type(old) is type(new)
    assert repr(old) == repr(new)


def assert_same_literal(literal: str) -> None:
    shorter = shortened_literal(literal)
    assert len(shorter) <= len(literal)
    old, new = ast.literal_eval(literal), ast.literal_eval(shorter)
    assert type(old) is type(new)
    if isinstance(old, float):
        assert old.hex() == new.hex()
    elif isinstance(old, complex):
        assert (old.real.hex(), old.imag.hex()) == (new.real.hex(), new.imag.hex())
    else:
        assert old == new


FLOAT_SPELLINGS = [repr, "{:.17e}".format, "{:.20f}".format, "{:.3g}".format, "{:.25e}".format]


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(FLOAT_SPELLINGS))
@example(5e-324, repr)
@example(1.7976931348623157e308, repr)
@example(0.1 + 0.2, repr)
def test_shortened_float_keeps_its_bits(value: float, spelling) -> None:
    literal = spelling(value)
    if "e" not in literal and "." not in literal:
        literal += "."  # "{:.3g}" may print an integer
    assert_same_literal(literal)


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0, allow_nan=False, allow_infinity=False))
def test_shortened_imaginary_keeps_its_bits(value: float) -> None:
    assert_same_literal(f"{value!r}j")


INT_SPELLINGS = [str, hex, oct, bin, "{:_}".format, "{:#_x}".format]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2**200), st.sampled_from(INT_SPELLINGS))
def test_shortened_int_keeps_its_value(value: int, spelling) -> None:
    literal = spelling(value)
    assert_same_literal(literal)
    assert ast.literal_eval(shortened_literal(literal)) == value


@settings(max_examples=300, deadline=None)
@given(st.text())
@example("it's \"quoted\" \\ and \n new\tlines \x00 7 é 😀 \u2028 \r")
@example("''''\"\"\"\"\n\n\n\n\n\n''")
def test_shortened_string_keeps_its_text(value: str) -> None:
    assert_same_literal(repr(value))
    assert_same_literal("u" + repr(value))


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_shortened_bytes_keep_their_bytes(value: bytes) -> None:
    assert_same_literal(repr(value))


def test_shorten_literals_does_not_fold_arithmetic() -> None:
    after = apply_sites(ShortenLiterals(), "x = 1 - 0.85\ny = 0.5 * 2.0\n")
    assert after == "x = 1 - .85\ny = .5 * 2.\n"
    assert ast.dump(ast.parse(after)) == ast.dump(ast.parse("x = 1 - 0.85\ny = 0.5 * 2.0\n"))


def test_shorten_literals_keeps_the_reference_ast() -> None:
    # microgpt has no field-less f-strings, so every change must be invisible to ``ast``.
    source = reference_text()
    after = apply_sites(ShortenLiterals(), source)
    assert len(after) < len(source)
    assert ast.dump(ast.parse(after)) == ast.dump(ast.parse(source))
