"""The golf report: what each transform tried, kept and was refused, and what it saved.

Written as ``<name>.report.md`` for people and ``<name>.report.json`` for
tools, beside the golfed program, each time ``golf`` finishes or stops.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import libcst as cst

from minimizer.analysis.naming import analyze
from minimizer.packing import Packed
from minimizer.plot import write_progress_png
from minimizer.problem import Problem
from minimizer.stats import METRICS, measure
from verifier.traces import describe_contract


def renaming_refusals(source: str) -> list[dict]:
    """What stopped renaming in ``source``: each construct, its line and what it pinned."""
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError:
        return []
    return [dataclasses.asdict(note) for note in analyze(module).refusals]


def report_data(
    original: str,
    problem: Problem,
    elapsed: float,
    interrupted: bool,
    resumed: bool,
    unexercised: list[int] | None,
    packed: Packed | None = None,
    packing_notes: list[str] | None = None,
) -> dict:
    source_lines = original.splitlines()
    compared, not_found = problem.verifier.trace.contract()
    return {
        "original": dataclasses.asdict(measure(original)),
        "golfed": dataclasses.asdict(measure(problem.verified)),
        # Packed sizes stand apart: the golfed program is what the transforms made.
        "packed": (
            None
            if packed is None
            else {"packer": packed.packer, "chars": packed.chars, "bytes": packed.bytes}
        ),
        "packing_notes": packing_notes or [],
        "history": [[round(seconds, 2), chars] for seconds, chars in problem.history],
        "verifier_runs": problem.runs,
        "screening_runs": problem.screens,
        "wall_seconds": round(elapsed, 1),
        "interrupted": interrupted,
        "resumed_from_earlier_output": resumed,
        "reference_run_seconds": round(problem.verifier.trace.elapsed, 2),
        # The contract every kept change was verified under, for this program.
        "contract": {"compared": compared, "not_found": not_found},
        "transforms": [dataclasses.asdict(stats) for stats in problem.stats.values()],
        "renaming_refusals": renaming_refusals(original),
        "unexercised_lines": (
            None
            if unexercised is None
            else {
                line: source_lines[line - 1].strip()
                for line in unexercised
                if line <= len(source_lines)
            }
        ),
    }


def render_markdown(data: dict) -> str:
    lines = [
        "# Golf report",
        "",
        f"![characters over time and per transform]({data['picture']})",
        "",
    ]
    if data["interrupted"]:
        lines += [
            "The search was interrupted; the program beside this report is the best verified so far.",
            "",
        ]
    contract = data.get("contract")
    if contract:
        lines += [
            "Verified bit for bit against the original: "
            + describe_contract(contract["compared"], contract["not_found"])
            + ".",
            "",
        ]
    lines += ["| | original | golfed |", "|---|---:|---:|"]
    for key, label in METRICS:
        lines.append(f"| {label} | {data['original'][key]} | {data['golfed'][key]} |")
    packed = data.get("packed")
    if packed:
        lines += [
            "",
            f"Packed (`{packed['packer']}`, written beside it as `.packed.py`, verified too):"
            f" {packed['chars']} characters, {packed['bytes']} bytes.",
        ]
    lines += [f"- packing: {note}" for note in data.get("packing_notes", [])]
    lines += [
        "",
        f"Wall time {data['wall_seconds']} s ({data['verifier_runs']} full verifier runs in all, most of them"
        " for whole chains of transforms; a transform's own runs are those spent bisecting its sites;"
        f" {data.get('screening_runs', 0)} screening runs, each stopped after the first training step,"
        " for sites screened one by one and for a failing chain's prefixes;"
        f" the reference's recorded run took {data['reference_run_seconds']} s)."
        + (" Resumed from an earlier run's output." if data["resumed_from_earlier_output"] else ""),
        "",
        "| transform | safety | sites tried | kept | rejected | screened out | chars saved | own runs"
        " | screened sites | seconds |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in data["transforms"]:
        lines.append(
            f"| {t['name']} | {t['safety']} | {t['sites_tried']} | {t['kept']} | {t['rejected']} "
            f"| {t['screened_out']} | {t['characters_saved']} | {t['runs']} | {t.get('screens', 0)} "
            f"| {t['seconds']:.1f} |"
        )
    if any(t["screened_out"] for t in data["transforms"]):
        lines += [
            "",
            "Screened out: restructurings not tried because, on top of the ones taken, they would not"
            " have saved one of black's lines (`--readable`).",
        ]
    rejections = [(t["name"], reason) for t in data["transforms"] for reason in t["rejections"]]
    if rejections:
        lines += ["", "## Rejected by the verifier (first reasons)", ""]
        lines += [f"- {name}: {reason}" for name, reason in rejections]
    refusals = data.get("renaming_refusals", [])
    if refusals:
        lines += ["", "## Names kept because the program reaches them by name", ""]
        lines += [
            f"- line {r['line']}: {r['construct']} pins {r['pinned']}"
            + (f" ({', '.join(r['names'])})" if r["names"] else "")
            for r in refusals
        ]
    unexercised = data["unexercised_lines"]
    if unexercised:
        lines += [
            "",
            "## Code no run exercised",
            "",
            "The verifier cannot judge these lines of the original (no run reaches them); they are kept"
            " unless `--drop-unexercised` is given.",
            "",
        ]
        lines += [f"- line {line}: `{text}`" for line, text in unexercised.items()]
    return "\n".join(lines) + "\n"


def write_report(stem: Path, data: dict) -> None:
    """Write report.md, report.json and report.png beside ``stem`` from :func:`report_data`."""
    data["picture"] = stem.name + ".png"  # beside report.md, which shows it
    stem.parent.mkdir(parents=True, exist_ok=True)
    # ``stem`` ends in ".report": append, never replace, the suffix.
    stem.with_name(stem.name + ".md").write_text(render_markdown(data), encoding="utf-8")
    stem.with_name(stem.name + ".json").write_text(
        json.dumps(data, indent=2) + "\n", encoding="utf-8"
    )
    savings = {t["name"]: t["characters_saved"] for t in data["transforms"]}
    title = f"{data['original']['chars']} -> {data['golfed']['chars']} characters"
    history = [(seconds, chars) for seconds, chars in data["history"]]
    write_progress_png(stem.with_name(stem.name + ".png"), history, savings, title)
