"""The shortest spelling of a float (or imaginary) literal that keeps its exact bits.

Respelling a literal and folding arithmetic into one both need it; a float
spelling is accepted only if it reads back to the same ``float.hex``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal


def _shortest_digits(value: float) -> tuple[str, int]:
    """The fewest significant digits ``d`` and an exponent ``e`` with ``value == d * 10**e``.

    ``repr`` already gives the shortest digit string that reads back to the same
    float; normalising strips its trailing zeros into the exponent.
    """
    _, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    return "".join(map(str, digits)), int(exponent)


def _float_spellings(digits: str, exponent: int) -> Iterator[str]:
    """Every float literal for ``digits * 10**exponent``: positional and scientific."""
    count = len(digits)
    if exponent >= 0:
        yield digits + "0" * exponent + "."
    elif -exponent < count:
        yield digits[:exponent] + "." + digits[exponent:]
    else:
        yield "." + "0" * (-exponent - count) + digits
    for point in range(count + 1):
        mantissa = digits if point == count else digits[:point] + "." + digits[point:]
        scaled_exponent = exponent + count - point
        if scaled_exponent:
            yield f"{mantissa}e{scaled_exponent}"


def shortest_float(value: float) -> str:
    """The shortest float literal holding exactly ``value``'s bits."""
    digits, exponent = _shortest_digits(value)
    bits = value.hex()
    return min(
        (
            spelling
            for spelling in _float_spellings(digits, exponent)
            if float(spelling).hex() == bits
        ),
        key=len,
    )


def shortest_imaginary(imaginary_part: float) -> str:
    """The shortest imaginary literal; unlike a float it may drop the point (``2j``)."""
    digits, exponent = _shortest_digits(imaginary_part)
    spellings = list(_float_spellings(digits, exponent))
    if exponent >= 0:
        spellings.append(digits + "0" * exponent)
    bits = imaginary_part.hex()
    return min(
        (f"{spelling}j" for spelling in spellings if float(spelling).hex() == bits),
        key=len,
    )
