"""golf's options: one flat table, read from ``[tool.golf]`` in pyproject.toml and the command line.

Every option of ``golf SRC`` is also a key of ``[tool.golf]`` (spelled as the
flag, without the dashes in front), so a project can keep its settings beside
its code, as it does for black or ruff. The command line wins over the file,
and the file over the defaults. An unknown key or transform name is an error
with the closest valid spelling, never silently ignored: a misspelt ``skip``
would otherwise run the very transform a user meant to switch off.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from minimizer.effort import DEFAULT as DEFAULT_EFFORT
from minimizer.effort import LEVELS, parse_level
from minimizer.packing import CHOICES as PACKINGS

SCORES = ("chars", "bytes")


class OptionError(ValueError):
    """A setting golf cannot take; the message is one line, ready for the user."""


@dataclass(frozen=True)
class GolfOptions:
    """What a golf run may be told; the defaults are the safe, fast ones."""

    #: Names never renamed or removed (a public API, a name another program imports).
    preserve: tuple[str, ...] = ()
    #: Transforms not to run, and (when not empty) the only ones to run.
    skip: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    drop_unexercised: bool = False
    readable: bool = False
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    time_limit: float | None = None
    #: How much search to buy (``minimizer.effort``): 1 fast, 2 default, 3 thorough.
    effort: int = DEFAULT_EFFORT
    pack: str = "none"
    score: str = "chars"
    fresh: bool = False

    def __post_init__(self) -> None:
        # The API takes GolfOptions directly: a level it cannot run is refused here too.
        object.__setattr__(self, "effort", effort_level(self.effort))

    def selects(self, transform: str) -> bool:
        """Whether ``--only``/``--skip`` let ``transform`` run."""
        return (not self.only or transform in self.only) and transform not in self.skip


#: The option table: key (as in pyproject and as the flag) -> field of GolfOptions.
KEYS = {f.name.replace("_", "-"): f.name for f in dataclasses.fields(GolfOptions)}


def closest(word: str, choices: Collection[str]) -> str:
    """``; did you mean 'x'?`` for the nearest valid spelling, or nothing when none is near."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.5)
    return f"; did you mean {match[0]!r}?" if match else ""


def effort_level(value: Any) -> int:
    """The effort level ``value`` names, or an OptionError with the closest name."""
    level = parse_level(value)
    if level is None:
        names = ", ".join(f"{number} ({name})" for name, number in LEVELS.items())
        raise OptionError(
            f"effort must be one of {names}, not {value!r}{closest(str(value), LEVELS)}"
        )
    return level


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start``, as black and ruff look for theirs."""
    directory = start.resolve()
    for folder in (directory, *directory.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def read_config(path: Path) -> dict[str, Any]:
    """The ``[tool.golf]`` table of ``path`` (empty when it has none)."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise OptionError(f"cannot read {path}: {error}") from error
    table = document.get("tool", {}).get("golf", {})
    if not isinstance(table, dict):
        raise OptionError(f"[tool.golf] in {path} must be a table")
    return table


def _as_names(key: str, value: Any) -> tuple[str, ...]:
    """A list of names, from TOML's list or the command line's comma-separated string."""
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise OptionError(f"{key} takes a list of names, not {value!r}")
    return tuple(item.strip() for item in value)


def _checked(key: str, value: Any) -> Any:
    """``value`` as the type option ``key`` takes, or an OptionError saying what it takes."""
    default = getattr(GolfOptions(), KEYS[key])
    if key in ("preserve", "skip", "only"):
        return _as_names(key, value)
    if key == "pack" and value not in PACKINGS:
        raise OptionError(
            f"pack must be one of {', '.join(PACKINGS)}{closest(str(value), PACKINGS)}"
        )
    if key == "score" and value not in SCORES:
        raise OptionError(f"score must be one of {', '.join(SCORES)}{closest(str(value), SCORES)}")
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise OptionError(f"{key} takes true or false, not {value!r}")
        return value
    if key == "jobs" and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise OptionError(f"jobs takes a whole number of at least 1, not {value!r}")
    if key == "effort":
        return effort_level(value)
    if key == "time-limit":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise OptionError(f"time-limit takes a number of seconds above 0, not {value!r}")
        return float(value)
    return value


def resolve(
    config: Mapping[str, Any], command_line: Mapping[str, Any], transforms: Collection[str]
) -> GolfOptions:
    """Defaults, then ``config`` ([tool.golf]), then what the command line set (not None)."""
    settings: dict[str, Any] = {}
    for source in (config, {k: v for k, v in command_line.items() if v is not None}):
        for key, value in source.items():
            key = key.replace("_", "-")
            if key not in KEYS:
                raise OptionError(f"unknown option {key!r}{closest(key, KEYS)}")
            settings[KEYS[key]] = _checked(key, value)
    for key in ("skip", "only"):
        for name in settings.get(key, ()):
            if name not in transforms:
                raise OptionError(f"unknown transform {name!r} in {key}{closest(name, transforms)}")
    return GolfOptions(**settings)
