"""Condenses the profiles that --wrap writes, so the result file shows what dominated."""
from __future__ import annotations

import os

_TIME_FIELDS = ("Elapsed (wall clock)", "User time", "System time", "Percent of CPU",
                "Maximum resident set size", "Voluntary context switches",
                "Involuntary context switches", "File system outputs")


def summarize(path: str, syscalls: int = 20) -> list[str]:
    """The top `syscalls` lines of an `strace -c` table (plus its total), or the telling
    fields of a `/usr/bin/time -v` report."""
    if not os.path.exists(path):
        return [f"(missing: {path})"]
    with open(path, errors="replace") as source:
        lines = [line.rstrip() for line in source if line.strip()]
    if path.endswith(".strace.txt"):
        table = [line for line in lines if not line.startswith(("strace:", "+++", "---"))]
        head, rows = table[:2], [line for line in table[2:] if not line.startswith("------")]
        total = [line for line in rows if line.rstrip().endswith("total")]
        return head + [line for line in rows if line not in total][:syscalls] + total
    return [line.strip() for line in lines if line.strip().startswith(_TIME_FIELDS)]


def section(paths: list[str]) -> list[str]:
    """Markdown: the first profile of each scenario and tree in full, the others by path."""
    parts: list[str] = ["", "## Profiles", ""]
    shown: set[str] = set()
    for path in paths:
        name = os.path.basename(path)
        key = name.split("-run")[0]
        if key in shown:
            continue
        shown.add(key)
        parts += [f"`{name}`", "", "```", *summarize(path), "```", ""]
    parts += ["All profile files:", *[f"- {path}" for path in paths]]
    return parts
