"""babbletest's judge: runs two programs in a sandbox and compares their traces bit for bit.

``from verifier import verify`` is the Python API: ``verify(reference, candidate)``
returns the :class:`~verifier.verify.Verdict` (``.equivalent``, ``.divergence``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verifier.verify import Verdict

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
    Raises :class:`verifier.verify.BadInput` for a missing or broken file.
    """
    from verifier.cli import default_data
    from verifier.verify import Verifier, load_name_map, read_program

    verifier = Verifier(Path(reference), data or default_data(Path(reference)))
    names = load_name_map(Path(candidate), None) if name_map is None else name_map
    return verifier.verify(read_program(Path(candidate)), Path(candidate).name, names)
