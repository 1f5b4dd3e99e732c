"""The result table: one row per (scenario, tree, anchor), ours / anchor, the target, met or not."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Target:
    """Either a ratio ceiling (ours / anchor <= ceiling) or an absolute ceiling on ours (seconds)."""
    ceiling: float
    absolute: bool = False

    def describe(self) -> str:
        if self.absolute:
            return f"≤ {format_seconds(self.ceiling)}"
        return f"≤ {self.ceiling:g}×"

    def met(self, ours: float, anchor: float | None) -> bool | None:
        if self.absolute:
            return ours <= self.ceiling
        if anchor is None or anchor <= 0:
            return None
        return ours / anchor <= self.ceiling


@dataclass
class Row:
    scenario: str
    tree: str
    ours: float | None          # seconds, or bytes when unit == "bytes"
    anchor: str                 # what we compare against ("" for absolute targets)
    anchor_value: float | None
    unit: str = "seconds"       # "seconds" | "bytes"
    target: Target | None = None
    note: str = ""              # why ours or the anchor is n/a, or a caveat
    ours_cpu: float | None = None    # median user + sys seconds, for the CPU table
    anchor_cpu: float | None = None

    def cells(self) -> list[str]:
        show = format_bytes if self.unit == "bytes" else format_seconds
        ours = show(self.ours) if self.ours is not None else "n/a"
        anchor_value = show(self.anchor_value) if self.anchor_value is not None else ("—" if not self.anchor else "n/a")
        ratio = "—"
        if self.ours is not None and self.anchor_value:
            ratio = f"{self.ours / self.anchor_value:.2f}×"
        target = self.target.describe() if self.target else "—"
        met = "—"
        if self.target:
            verdict = self.target.met(self.ours, self.anchor_value) if self.ours is not None else None
            met = "n/a" if verdict is None else ("yes" if verdict else "**no**")
        return [self.scenario, self.tree, ours, self.anchor or "—", anchor_value, ratio, target, met]


HEADER = ["scenario", "tree", "ours", "anchor", "anchor value", "ours / anchor", "target", "met?"]


def format_seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def format_bytes(value: float) -> str:
    return f"{value / 1e6:.1f} MB"


def markdown(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    # One line per distinct note: a contender that is unavailable for a whole tree says so once.
    where: dict[str, list[str]] = {}
    for row in rows:
        if row.note:
            where.setdefault(row.note, []).append(f"{row.scenario} ({row.tree})")
    if where:
        lines += ["", "Notes:"]
        for note, places in where.items():
            more = f" and {len(places) - 1} more row(s)" if len(places) > 1 else ""
            lines.append(f"- {places[0]}{more}: {note}")
    return "\n".join(lines + cpu_table(rows))


def cpu_table(rows: list[Row]) -> list[str]:
    """The same comparisons in CPU time (user + sys, medians): steadier than wall time when other
    processes compete for the cores, blind to waiting (fsync, a busy disk, a lock)."""
    timed = [row for row in rows if row.ours_cpu is not None and row.anchor_cpu is not None]
    if not timed:
        return []
    lines = ["", "CPU time (user + sys of the whole process tree, medians):", "",
             "| scenario | tree | ours cpu | ours wall | anchor | anchor cpu | cpu ours / anchor |", "|---|---|---|---|---|---|---|"]
    for row in timed:
        ratio = f"{row.ours_cpu / row.anchor_cpu:.2f}×" if row.anchor_cpu else "—"
        lines.append(f"| {row.scenario} | {row.tree} | {format_seconds(row.ours_cpu)} | {format_seconds(row.ours or 0)} "
                     f"| {row.anchor} | {format_seconds(row.anchor_cpu)} | {ratio} |")
    return lines
