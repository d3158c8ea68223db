"""babbletest's judge: runs two programs in a sandbox and compares their traces bit for bit.

``from verifier import verify`` is the Python API: ``verify(reference, candidate)``
returns the :class:`~verifier.verification.Verdict` (``.equivalent``, ``.divergence``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verifier.verification import Verdict

__all__ = ["verify"]


def verify(
    reference: Path,
    candidate: Path,
    *,
    data: Path | None = None,
    name_map: dict[str, str] | None = None,
) -> Verdict:
    """Is ``candidate`` bit-identical in behaviour to ``reference``, run on ``data``?

    ``data`` defaults to the ``input.txt`` beside the reference; ``name_map``
    (golfed name -> original) to the ``<candidate>.map.json`` beside the candidate.
    Raises :class:`verifier.verification.BadInput` for a missing or broken file.
    """
    from verifier.inputs import default_data, load_name_map, read_program
    from verifier.verification import Verifier

    verifier = Verifier(Path(reference), data or default_data(Path(reference)))
    names = load_name_map(Path(candidate), None) if name_map is None else name_map
    return verifier.verify(read_program(Path(candidate)), Path(candidate).name, names)
