"""The verifier's verdict on a rewrite, for the rejection tests.

Each rejection test starts either from a variant of the tiny reference that is
still equivalent to it (checked here, so that the rewrite is what the verifier
refuses), or from a small program of its own that is its own reference; it
applies one rewrite at all of its sites and returns the verdict."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from transform_check import apply_sites

from minimizer.transforms.base import Transform
from verifier.verification import Verdict, Verifier


def rewritten_verdict(verifier: Verifier, transform: Transform, variant: str) -> Verdict:
    before = verifier.verify(variant.encode("utf-8"), "microgpt.py")
    assert before.equivalent, before.describe()
    rewritten = apply_sites(transform, variant)
    assert rewritten != variant, f"{transform.name} proposed nothing"
    return verifier.verify(rewritten.encode("utf-8"), "microgpt.py")


def standalone_verdict(folder: Path, transform: Transform, program: str) -> tuple[str, Verdict]:
    """``program`` (dedented) rewritten by ``transform`` at all its sites, and the verdict
    of the rewritten program against ``program`` itself."""
    reference = folder / "program.py"
    reference.write_text(dedent(program), encoding="utf-8")
    rewritten = apply_sites(transform, reference.read_text(encoding="utf-8"))
    assert rewritten != reference.read_text(encoding="utf-8"), f"{transform.name} proposed nothing"
    return rewritten, Verifier(reference, None).verify(rewritten.encode("utf-8"), "program.py")
