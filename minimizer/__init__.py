"""babbletest's golfer: size-reducing libcst transforms kept only when the verifier agrees.

``from minimizer import golf`` is the Python API (:mod:`minimizer.api`); it is
imported on first use, so that ``golf stats`` does not pay for libcst.
"""

from __future__ import annotations

from typing import Any

__all__ = ["golf", "golf_code", "GolfOptions", "GolfResult", "GolfError"]


def __getattr__(name: str) -> Any:
    if name in ("golf", "golf_code", "GolfResult", "GolfError"):
        from minimizer import api

        return getattr(api, name)
    if name == "GolfOptions":
        from minimizer.options import GolfOptions

        return GolfOptions
    raise AttributeError(f"module 'minimizer' has no attribute {name!r}")
