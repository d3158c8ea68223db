"""Packing: a verified program wrapped in a decoder that makes it fewer characters or bytes.

Code-golf sites score characters or bytes, and a program can be stored more
densely than as its own text and ``exec``'d from there. Each packer here
turns the program's source into a string literal plus a short decoder:

- ``u16``: two ASCII bytes to one UTF-16 code point, ``exec(bytes('…','u16')[2:])``;
- ``z20``: zlib, then 20 bits to one code point above U+FFFF (densest by characters);
- ``zlib``: zlib with base85, all ASCII (densest by bytes here).

A packing must leave a file that ``python3`` accepts: no surrogates (they
cannot be written as UTF-8), no carriage returns, NULs, quotes or backslashes
inside the literal. Where one would appear, the packer perturbs its input (a
blank first line shifts the pairing) or refuses with a reason. The packed
program is a new program: ``golf`` verifies it with the same verifier as the
plain one (``minimizer.api``), and never writes it in place of the plain one.
"""

from __future__ import annotations

import base64
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Score = Literal["chars", "bytes"]
#: Characters that may not stand inside the single-quoted literal a decoder reads.
FORBIDDEN_IN_LITERAL = frozenset("'\\\r\n\0")
SUPPLEMENTARY = 0x10000  # the first code point above the Basic Multilingual Plane
BITS_PER_CODE_POINT = 20  # planes 1 to 16 hold exactly 2**20 code points


class Refused(ValueError):
    """This packer cannot represent this program; the message says why."""


@dataclass(frozen=True)
class Packed:
    packer: str
    program: str

    @property
    def chars(self) -> int:
        return len(self.program)

    @property
    def bytes(self) -> int:
        return len(self.program.encode("utf-8"))

    def size(self, score: Score) -> int:
        return self.chars if score == "chars" else self.bytes


def _valid_literal(payload: str) -> str | None:
    """Why ``payload`` cannot stand in a ``'…'`` literal of a UTF-8 file, or ``None``."""
    for index, character in enumerate(payload):
        if character in FORBIDDEN_IN_LITERAL:
            return f"the literal would hold {character!r} at {index}"
        if 0xD800 <= ord(character) <= 0xDFFF:
            return f"the literal would hold the surrogate U+{ord(character):04X} at {index}"
    return None


def pack_u16(source: str) -> str:
    """Byte pairs as UTF-16 code points; a blank first line shifts the pairing if it must."""
    reasons = []
    for text in (source, "\n" + source):
        data = text.encode("utf-8")
        if len(data) % 2:  # a last newline can go, or one can come: the pairs must be whole
            data = data[:-1] if data.endswith(b"\n") else data + b"\n"
        payload = data.decode("utf-16-le", errors="surrogatepass")
        reason = _valid_literal(payload)
        if reason is None:
            return f"exec(bytes('{payload}','u16')[2:])"
        reasons.append(reason)
    raise Refused(f"u16: {reasons[-1]}")


def _deflated(source: str) -> bytes:
    return zlib.compress(source.encode("utf-8"), 9)


def pack_z20(source: str) -> str:
    """zlib's bytes as one big integer, 20 bits to a code point in planes 1 to 16."""
    data = _deflated(source)
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, digit = divmod(number, 1 << BITS_PER_CODE_POINT)
        digits.append(chr(SUPPLEMENTARY + digit))
    payload = "".join(digits)  # least significant first, as the decoder's shifts read it
    return (
        "import zlib;exec(zlib.decompress(sum(ord(c)-65536<<20*i for i,c in "
        f"enumerate('{payload}')).to_bytes({len(data)})))"
    )


def pack_zlib(source: str) -> str:
    """zlib's bytes in base85: every character ASCII, so it is the one to score by bytes."""
    payload = base64.b85encode(_deflated(source)).decode("ascii")
    reason = _valid_literal(payload)
    if reason is not None:  # base85's alphabet has no quote or backslash; kept as a guard
        raise Refused(f"zlib: {reason}")
    return f"import zlib,base64;exec(zlib.decompress(base64.b85decode('{payload}')))"


PACKERS: dict[str, Callable[[str], str]] = {
    "u16": pack_u16,
    "z20": pack_z20,
    "zlib": pack_zlib,
}
#: What ``--pack`` accepts: no packing, one packer by name, or the smallest under the score.
CHOICES = ("none", *PACKERS, "auto")


def pack(source: str, packer: str) -> Packed:
    """``source`` packed by the named packer; raises :class:`Refused` when it cannot be."""
    return Packed(packer, PACKERS[packer](source))


def every_packing(source: str) -> tuple[list[Packed], dict[str, str]]:
    """What each packer makes of ``source``, and why the others refused."""
    packed, refused = [], {}
    for name in PACKERS:
        try:
            packed.append(pack(source, name))
        except Refused as reason:
            refused[name] = str(reason)
    return packed, refused


def candidates(source: str, choice: str, score: Score) -> list[Packed]:
    """The packings ``--pack choice`` asks for, best first under ``score``, each smaller than
    ``source`` itself: a packing that does not pay is never worth a verifier run."""
    if choice == "none":
        return []
    plain = Packed("none", source).size(score)
    if choice == "auto":
        packings = every_packing(source)[0]
    else:
        packings = [pack(source, choice)]
    return sorted(
        (packed for packed in packings if packed.size(score) < plain),
        key=lambda packed: packed.size(score),
    )


def first_verified(
    source: str, choice: str, score: Score, verify: Callable[[str], bool]
) -> tuple[Packed | None, list[str]]:
    """The smallest packing of ``source`` that ``verify`` accepts, and what happened to the
    others (refusals and rejections), for the report."""
    notes: list[str] = []
    if choice == "auto":
        notes += [f"{name}: {why}" for name, why in every_packing(source)[1].items()]
    try:
        ranked = candidates(source, choice, score)
    except Refused as reason:
        return None, [*notes, str(reason)]
    if not ranked and choice != "none":
        notes.append(f"{choice}: no packing is smaller than the plain program by {score}")
    for packed in ranked:
        if verify(packed.program):
            return packed, notes
        notes.append(f"{packed.packer}: the packed program was rejected by the verifier")
    return None, notes
