"""Build ``reference/input.txt``, the names corpus the reference trains on by default.

microgpt downloads its training names when ``input.txt`` is missing; a corpus
of our own, built reproducibly from public-domain data, lets it run offline
and lets anyone rebuild the committed file and check it byte for byte.

Source: the 1990 US Census first-name lists (public domain) as shipped inside
the ``names`` package, version 0.3.0, on PyPI: ``dist.male.first`` then
``dist.female.first``, each in its shipped order (most frequent first).
Each line's first field is lowercased; names that are not ASCII letters only
are dropped; a name seen before is dropped, so its first occurrence is kept.
The output is one name per line, each line ending in a newline.

When the installed ``names`` is missing or another version, the sdist is
fetched with pip into a temporary folder and read from there.

    python3 scripts/build_corpus.py [--output PATH] [--from-pip]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.metadata
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path

PACKAGE = "names"
PACKAGE_VERSION = "0.3.0"
CENSUS_LISTS = ("dist.male.first", "dist.female.first")
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "reference" / "input.txt"


def build_corpus(census_lists: Iterable[str]) -> str:
    """One name per line from census-format texts (``NAME freq cumfreq rank``), in order."""
    unique_names: dict[str, None] = {}  # a dict keeps insertion order; a set would not
    for census_list in census_lists:
        for line in census_list.splitlines():
            fields = line.split()
            if not fields:
                continue
            name = fields[0].lower()
            if name.isascii() and name.isalpha():
                unique_names.setdefault(name)
    return "".join(f"{name}\n" for name in unique_names)


def read_installed_lists() -> list[str] | None:
    """The lists from the importable package, or None when it is absent or another version."""
    try:
        if importlib.metadata.version(PACKAGE) != PACKAGE_VERSION:
            return None
        package_folder = Path(importlib.import_module(PACKAGE).__file__).parent
    except (importlib.metadata.PackageNotFoundError, ImportError):
        return None
    return [(package_folder / list_name).read_text(encoding="ascii") for list_name in CENSUS_LISTS]


def read_sdist_lists(archive: Path) -> list[str]:
    with tarfile.open(archive) as sdist:
        members = {Path(member.name).name: member for member in sdist.getmembers()}
        lists = []
        for list_name in CENSUS_LISTS:
            if list_name not in members:
                raise SystemExit(f"build_corpus: {archive.name} holds no {list_name}")
            lists.append(sdist.extractfile(members[list_name]).read().decode("ascii"))
    return lists


def download_sdist(folder: Path) -> Path:
    subprocess.run(
        [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--no-binary", ":all:", "--dest", str(folder), f"{PACKAGE}=={PACKAGE_VERSION}",
        ],
        check=True,
    )  # fmt: skip
    (archive,) = folder.glob(f"{PACKAGE}-{PACKAGE_VERSION}.tar.gz")
    return archive


def fetch_lists(force_pip: bool) -> list[str]:
    installed_lists = None if force_pip else read_installed_lists()
    if installed_lists is not None:
        return installed_lists
    with tempfile.TemporaryDirectory() as folder:
        return read_sdist_lists(download_sdist(Path(folder)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="default: %(default)s")
    parser.add_argument(
        "--from-pip",
        action="store_true",
        help="fetch the sdist with pip even when the package is installed",
    )
    arguments = parser.parse_args(argv)
    corpus = build_corpus(fetch_lists(arguments.from_pip)).encode("ascii")
    arguments.output.write_bytes(corpus)
    print(f"{hashlib.sha256(corpus).hexdigest()}  {arguments.output}")
    name_count = corpus.count(b"\n")
    print(f"{name_count} names, {len(corpus)} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
