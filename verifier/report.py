"""``--report DIR``: what a person would rather look at than read.

Both loss curves on one plot, with the first divergence marked, and the
divergence as a small table, in ``DIR/report.md`` beside ``DIR/loss.png``.
"""

from __future__ import annotations

from pathlib import Path

from verifier.traces import Trace
from verifier.verification import Verdict


def step_losses(trace: Trace, losses: list[float | None]) -> list[tuple[int, float]]:
    """(step, loss) for each line that ended a training step."""
    points = []
    previous_steps = 0
    for steps, loss in zip(trace.steps_at_line, losses):
        if steps != previous_steps and loss is not None:
            points.append((steps, loss))
        previous_steps = steps
    return points


def plot_losses(path: Path, trace: Trace, verdict: Verdict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    reference_losses = [line.loss for line in trace.lines]
    reference = step_losses(trace, reference_losses)
    candidate = step_losses(trace, verdict.candidate_losses)
    figure, axes = plt.subplots(figsize=(7, 4))
    if reference:
        axes.plot(*zip(*reference), "o-", label="reference", color="tab:blue")
    if candidate:
        axes.plot(*zip(*candidate), "x--", label="candidate", color="tab:orange")
    divergence = verdict.divergence
    if divergence is not None and divergence.step:
        axes.axvline(
            divergence.step,
            color="tab:red",
            linestyle=":",
            label=f"first divergence: {divergence.quantity}",
        )
    axes.set_xlabel("training step")
    axes.set_ylabel("loss")
    if verdict.equivalent:
        axes.set_title("equivalent: the curves coincide bit for bit")
    else:
        assert divergence is not None
        axes.set_title(
            f"first divergence: {divergence.quantity} at step {divergence.step} (candidate stopped there)"
        )
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def divergence_table(verdict: Verdict) -> str:
    divergence = verdict.divergence
    if divergence is None:
        return "No divergence: the candidate is equivalent to the reference.\n"
    rows = [
        ("quantity", divergence.quantity),
        ("first step", str(divergence.step)),
        ("where", divergence.where),
        ("index", "" if divergence.index is None else str(divergence.index)),
        ("place", divergence.place or ""),
        ("reference", divergence.reference or ""),
        ("candidate", divergence.candidate or ""),
        ("ULPs apart", "" if divergence.ulps is None else str(divergence.ulps)),
        ("last agreement", divergence.last_agreed),
    ]
    lines = ["| | |", "|---|---|"] + [f"| {name} | `{value}` |" for name, value in rows if value]
    return "\n".join(lines) + "\n"


def write_report(directory: Path, trace: Trace, verdict: Verdict) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    plot_losses(directory / "loss.png", trace, verdict)
    notes = "".join(f"- {note}\n" for note in verdict.notes)
    stderr = verdict.stderr_tail.decode("utf-8", "replace")
    (directory / "report.md").write_text(
        f"# Verification report\n\n![loss curves](loss.png)\n\n{divergence_table(verdict)}\n"
        f"Candidate run: {verdict.elapsed:.1f} s; reference run: {verdict.reference_elapsed:.1f} s.\n"
        + (f"\n## Notes\n\n{notes}" if notes else "")
        + (
            f"\n## The candidate's stderr (shown, not compared)\n\n```\n{stderr}\n```\n"
            if stderr
            else ""
        ),
        encoding="utf-8",
    )
