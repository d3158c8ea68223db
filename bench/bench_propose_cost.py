"""What each golf transform costs to propose (count its sites) on corpus programs.

Why: on the larger corpus programs golf's own time, outside verifier runs, is
most of its wall time (``bench/bench_corpus.py``), and golf's report times a
transform only when it proposes sites. Counting every transform's sites once,
all on one parse as the search does (one module and one metadata resolution per
source, ``minimizer.analysis.resolution``: the first transform that needs scopes
pays for them), shows where a round's time goes, including the transforms that
find nothing (issue 12, item 6). CPU seconds of this process; one round's worth
(the search repeats it for every new source).

    python3 bench/bench_propose_cost.py [NAME ...]    # default: nbody raytrace unpack_sequence
"""

from __future__ import annotations

import argparse
import time

import libcst as cst

from minimizer.transforms import GOLF_TIERS, load_tiers

from common import ROOT

DEFAULT_PROGRAMS = ("nbody", "raytrace", "unpack_sequence")


def propose_costs(source: str) -> tuple[float, dict[str, tuple[float, int]]]:
    """Seconds to parse ``source``, and per transform: seconds to count its sites, and how many."""
    costs = {}
    started = time.process_time()
    module = cst.parse_module(source)
    parse_seconds = time.process_time() - started
    for transform in (transform for tier in load_tiers(GOLF_TIERS) for transform in tier):
        started = time.process_time()
        sites = transform.count_sites(module)
        costs[transform.name] = (time.process_time() - started, sites)
    return parse_seconds, costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=DEFAULT_PROGRAMS, metavar="NAME")
    names = parser.parse_args().names
    sources = {name: (ROOT / "corpus" / "programs" / f"{name}.py").read_text() for name in names}
    measured = {name: propose_costs(source) for name, source in sources.items()}
    header = " | ".join(f"{n}, {len(sources[n]):,} chars: s (sites)" for n in names)
    print(f"| transform | {header} |")
    print("|---|" + "---:|" * len(names))
    for transform in measured[names[0]][1]:
        cells = [measured[name][1][transform] for name in names]
        print(f"| {transform} | " + " | ".join(f"{s:.2f} s ({n})" for s, n in cells) + " |")
    print("| one parse | " + " | ".join(f"{measured[n][0]:.2f} s" for n in names) + " |")
    totals = [sum(seconds for seconds, _ in measured[name][1].values()) for name in names]
    print("| **all transforms** | " + " | ".join(f"{total:.2f} s" for total in totals) + " |")
    idle = [
        sum(seconds for seconds, sites in measured[name][1].values() if sites == 0)
        for name in names
    ]
    print("| of which, transforms with 0 sites | " + " | ".join(f"{s:.2f} s" for s in idle) + " |")


if __name__ == "__main__":
    main()
