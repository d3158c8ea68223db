"""The verifier's verdict on a rewrite of a tiny-reference variant, for the rejection tests.

Each rejection test starts from a variant of the tiny reference that is still
equivalent to it (checked here, so that the rewrite is what the verifier
refuses), applies one rewrite at all of its sites, and returns the verdict."""

from __future__ import annotations

from transform_check import apply_sites

from minimizer.transforms.base import Transform
from verifier.verification import Verdict, Verifier


def rewritten_verdict(verifier: Verifier, transform: Transform, variant: str) -> Verdict:
    before = verifier.verify(variant.encode("utf-8"), "microgpt.py")
    assert before.equivalent, before.describe()
    rewritten = apply_sites(transform, variant)
    assert rewritten != variant, f"{transform.name} proposed nothing"
    return verifier.verify(rewritten.encode("utf-8"), "microgpt.py")
