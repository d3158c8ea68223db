"""The golf report's picture: where the characters went, over time and per transform.

A table of numbers says what each transform saved; a picture says it at a
glance. ``<name>.report.png`` beside ``report.md`` has two panels: the
program's characters over wall time, one step each time the search kept a
change, and the characters each transform saved, largest first.
"""

from __future__ import annotations

from pathlib import Path


def write_progress_png(
    path: Path, history: list[tuple[float, int]], savings: dict[str, int], title: str
) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no screen: draw to a file
    import matplotlib.pyplot as plt

    saved = sorted(((chars, name) for name, chars in savings.items() if chars > 0), reverse=True)
    figure, (over_time, per_transform) = plt.subplots(
        1, 2, figsize=(12, 4.5), gridspec_kw={"width_ratios": [1, 1.2]}
    )
    seconds, sizes = zip(*history)
    over_time.step(seconds, sizes, where="post", color="tab:blue")
    over_time.plot(seconds, sizes, "o", color="tab:blue", markersize=3)
    over_time.set_xlabel("wall time (s)")
    over_time.set_ylabel("characters")
    over_time.set_ylim(bottom=0)
    over_time.set_title("characters as the search kept changes")
    if saved:
        chars, names = zip(*saved)
        per_transform.barh(names, chars, color="tab:green")
        per_transform.invert_yaxis()
        for row, value in enumerate(chars):
            per_transform.annotate(str(value), (value, row), xytext=(3, 0),
                                   textcoords="offset points", va="center", fontsize=8)  # fmt: skip
    per_transform.set_xlabel("characters saved")
    per_transform.set_title("characters saved per transform")
    per_transform.tick_params(axis="y", labelsize=8)
    figure.suptitle(title)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
