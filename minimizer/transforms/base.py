"""The contract every transform follows, so that the search can treat them alike.

A transform proposes *sites*: numbered places where it could shrink the program.
Numbering is the order in which a deterministic traversal meets them, so the same
module always yields the same numbering, and any subset of sites can be applied
to it. The search applies batches of sites, verifies them, and bisects a batch
that fails to find the culprits (see ``minimizer.search``).
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Collection
from typing import ClassVar

import libcst as cst


class Safety(enum.Enum):
    """How much a transform's output must be checked before it is kept."""

    #: Only layout changes: the output parses to the same ``ast`` as the input.
    LAYOUT = "layout"
    #: Equivalent by construction for programs the transform agreed to touch.
    SAFE = "safe"
    #: May change behaviour (floats, evaluation order): only the verifier decides.
    RISKY = "risky"


class Transform(ABC):
    """A size-reducing rewrite that proposes numbered sites."""

    name: ClassVar[str]
    safety: ClassVar[Safety]
    #: Rewrites the program's structure rather than its spelling; in readable output it
    #: is kept only where it saves a line (see ``minimizer.objective``).
    restructures: ClassVar[bool] = False

    @abstractmethod
    def count_sites(self, module: cst.Module) -> int:
        """How many sites this transform proposes in ``module``."""

    @abstractmethod
    def apply(self, module: cst.Module, sites: Collection[int]) -> cst.Module:
        """``module`` with the changes at the given site numbers made."""

    def renames(self, module: cst.Module, sites: Collection[int]) -> dict[str, str]:
        """Names of module-level things that these sites respell, old to new, for the name map."""
        return {}


class SiteTransformer(cst.CSTTransformer):
    """A libcst transformer that numbers its candidate sites as it meets them.

    Subclasses call :meth:`take_site` at each place they could change; it counts
    the site and says whether this site was chosen. With ``chosen=None`` the
    transformer only counts and changes nothing.
    """

    def __init__(self, chosen: frozenset[int] | None) -> None:
        super().__init__()
        self.chosen = chosen
        self.site_count = 0

    def take_site(self) -> bool:
        index = self.site_count
        self.site_count += 1
        return self.chosen is not None and index in self.chosen


class CSTTransform(Transform):
    """A transform implemented by one :class:`SiteTransformer` subclass.

    Transformers that declare ``METADATA_DEPENDENCIES`` are run through a
    ``MetadataWrapper`` so that scope and position questions can be answered.
    """

    transformer: ClassVar[type[SiteTransformer]]

    def _run(self, module: cst.Module, chosen: frozenset[int] | None) -> tuple[cst.Module, int]:
        visitor = self.transformer(chosen)
        if visitor.get_inherited_dependencies():
            result = cst.MetadataWrapper(module).visit(visitor)
        else:
            result = module.visit(visitor)
        return result, visitor.site_count

    def count_sites(self, module: cst.Module) -> int:
        return self._run(module, None)[1]

    def apply(self, module: cst.Module, sites: Collection[int]) -> cst.Module:
        return self._run(module, frozenset(sites))[0]
