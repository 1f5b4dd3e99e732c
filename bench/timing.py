"""Times commands: medians of interleaved runs, a monotonic clock, untimed setup, profiling wrappers."""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Callable


def log(message: str) -> None:
    """Progress goes to stderr so stdout stays the table."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Outcome:
    """What one contender measured: the run times, or why it could not be measured."""
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)   # user + sys of the process tree, per run
    failure: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds and not self.failure else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu and not self.failure else None


@dataclass
class Command:
    """One contender. `argv` is run in `cwd`; `setup` (untimed) runs before each timed run;
    `judge` (untimed) looks at the finished run and returns why it does not count, or None."""
    label: str
    argv: list[str]
    cwd: str | None = None
    env: dict[str, str] | None = None
    setup: Callable[[], None] | None = None
    judge: Callable[[int, str], str | None] | None = None
    wrap: Callable[[list[str], int], list[str]] | None = None


def shell(label: str, script: str, **kwargs) -> Command:
    """An anchor written as a shell line (pipes, &&, redirections), run by bash -c."""
    return Command(label, ["bash", "-c", script], **kwargs)


class Runner:
    """Runs commands with their output in files (no pipe reading inside the timed window)."""

    def __init__(self, scratch: str) -> None:
        self._out = os.path.join(scratch, "last-run.out")

    def run_once(self, command: Command, run_index: int) -> tuple[float, float, str | None]:
        """Wall seconds, CPU seconds (user + sys of every waited-for descendant: on a shared
        machine the steadier measure of work) and why the run does not count, or None."""
        if command.setup:
            command.setup()
        argv = command.wrap(command.argv, run_index) if command.wrap else command.argv
        env = {**os.environ, **command.env} if command.env else None
        with open(self._out, "wb") as sink:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            completed = subprocess.run(argv, cwd=command.cwd, env=env, stdin=subprocess.DEVNULL,
                                       stdout=sink, stderr=subprocess.STDOUT)
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        output = self.output_tail()
        if completed.returncode != 0:
            # The STATUS line alone says little; the line before it says why.
            last = [line for line in output.strip().splitlines() if line.strip()][-2:] or ["(no output)"]
            return elapsed, cpu, f"exit {completed.returncode}: {' / '.join(line[:160] for line in last)}"
        return elapsed, cpu, command.judge(run_index, output) if command.judge else None

    def output_tail(self, limit: int = 64 * 1024) -> str:
        """The last `limit` bytes of the last run's stdout+stderr."""
        with open(self._out, "rb") as source:
            source.seek(0, os.SEEK_END)
            source.seek(max(0, source.tell() - limit))
            return source.read().decode(errors="replace")

    def measure(self, title: str, commands: list[Command], runs: int,
                before_each_run: Callable[[int], None] | None = None) -> dict[str, Outcome]:
        """Runs every command `runs` times, interleaved and in alternating order so that load
        from other processes on the machine falls on all contenders alike. A contender that
        fails once is not run again."""
        outcomes = {command.label: Outcome() for command in commands}
        for run_index in range(runs):
            if before_each_run:
                before_each_run(run_index)
            order = commands if run_index % 2 == 0 else list(reversed(commands))
            for command in order:
                outcome = outcomes[command.label]
                if outcome.failure:
                    continue
                seconds, cpu, failure = self.run_once(command, run_index)
                if failure:
                    outcome.failure = failure
                    log(f"{title}: {command.label} failed: {failure}")
                else:
                    outcome.seconds.append(seconds)
                    outcome.cpu.append(cpu)
            summary = ", ".join(f"{label} {o.seconds[-1]:.3f}s" if o.seconds and not o.failure
                                else f"{label} n/a" for label, o in outcomes.items())
            log(f"{title} run {run_index + 1}/{runs}: {summary}")
        return outcomes
