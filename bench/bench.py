#!/usr/bin/env python3
"""Checkpoint against the anchors it replaces: a shadow git repository, tar, cp -r, the bare
walk+stat floor and sha256sum. Started by bench/run.sh, which builds the release server first.

Prints one markdown table (ours / anchor) and writes it under bench/results/. Not a test: a missed
target is reported, never an error. Exit status 1 means the benchmark itself is broken.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gen_tree  # noqa: E402
import profiles  # noqa: E402
from report import Row, Target, markdown  # noqa: E402
from timing import Command, Outcome, Runner, log, shell  # noqa: E402

SCENARIOS = ["first-save", "no-change-save", "edit-save", "restore-full", "restore-10", "verify",
             "store-size", "store-size-long", "mcp-save", "lsp", "startup", "list-1000"]
NAME = "bench"
FULL_TREES = {"A": (10_000, 20 * 1024, 200), "B": (100_000, 2 * 1024, 2_000), "C": 20}
QUICK_TREES = {"A": (1_000, 20 * 1024, 20), "B": (10_000, 2 * 1024, 200), "C": 2}
SIZE_SAVES = 20
CHURN = 0.01
# An agent that checkpoints every step: many saves, few files changed in each (tree B only).
LONG_SAVES = 200
LONG_CHURN = 0.001
LONG_TREES = {"B"}
# list-1000: that many real checkpoints (saves of a small folder, under LIST_NAMES names) in one store.
LIST_CHECKPOINTS = 1_000
LIST_NAMES = 10
# Git reads neither the user's nor the system's configuration: the shadow repository's own
# config (written by ShadowGit.init) is the whole configuration, on any machine.
GIT_ENV = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}


def q(path: str) -> str:
    return shlex.quote(path)


def remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        # rm -rf: a third of shutil.rmtree's syscalls on a 100k-file tree (no lstat per entry).
        subprocess.run(["rm", "-rf", "--", path], check=True)
    elif os.path.lexists(path):
        os.remove(path)


def disk_usage(path: str) -> int:
    """Apparent size in bytes, as `du -sb` reports it (files plus directory entries)."""
    return int(subprocess.run(["du", "-sb", path], check=True, capture_output=True, text=True).stdout.split()[0])


def initialize_seconds(executable: str, cwd: str) -> float:
    """Spawn of `checkpoint serve` → its initialize response has been read, in seconds."""
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"processId": os.getpid(), "rootUri": None, "capabilities": {}}}).encode()
    started = time.perf_counter()
    child = subprocess.Popen([executable, "serve"], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    try:
        assert child.stdin and child.stdout
        child.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        child.stdin.flush()
        while True:
            length = None
            while (line := child.stdout.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is None:
                raise ValueError(f"the server closed stdout before answering initialize (exit {child.poll()})")
            message = json.loads(child.stdout.read(length))
            if message.get("id") == 1:
                elapsed = time.perf_counter() - started
                if "result" not in message:
                    raise ValueError(f"initialize failed: {message.get('error')}")
                return elapsed
    finally:
        child.kill()
        child.wait()


class McpSession:
    """`checkpoint mcp` over stdio, as an agent's client runs it: newline-delimited JSON-RPC."""

    def __init__(self, argv: list[str], cwd: str) -> None:
        self.child = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL)
        self.next_id = 0

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        assert self.child.stdout
        while True:
            line = self.child.stdout.readline()
            if not line:
                raise ValueError(f"checkpoint mcp closed stdout before answering {method} (exit {self.child.poll()})")
            message = json.loads(line)
            if message.get("id") == self.next_id:
                if "result" not in message:
                    raise ValueError(f"{method} failed: {message.get('error')}")
                return message["result"]

    def send(self, message: dict) -> None:
        assert self.child.stdin
        self.child.stdin.write(json.dumps(message).encode() + b"\n")
        self.child.stdin.flush()

    def initialize(self) -> dict:
        result = self.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                             "clientInfo": {"name": "bench", "version": "1"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        return result

    def close(self) -> None:
        self.child.kill()
        self.child.wait()


def mcp_initialize_seconds(executable: str, cwd: str) -> float:
    """Spawn of `checkpoint mcp` → its initialize response has been read, in seconds."""
    started = time.perf_counter()
    session = McpSession([executable, "--root", cwd, "mcp"], cwd)
    try:
        session.initialize()
        return time.perf_counter() - started
    finally:
        session.close()


class Tree:
    """A generated tree plus the state of our store and of the shadow git that mirror it."""

    def __init__(self, key: str, root: str, work: str) -> None:
        self.key = key
        self.root = root
        self.store = os.path.join(work, "stores", key)
        self.git = ShadowGit(os.path.join(work, "git", key), root, auto_gc=False)
        self.paths: list[str] = []
        self.editor: gen_tree.Editor | None = None
        self.description = key
        self.baseline: str | None = None   # timestamp of our checkpoint that equals the tree
        self.ours_synced = False           # our baseline equals the tree's content
        self.git_synced = False            # the shadow git's HEAD equals the tree's content
        self.ours_failure: str | None = None

    def edit(self, count: int) -> dict[str, bytes]:
        self.ours_synced = self.git_synced = False
        assert self.editor
        return self.editor.edit(count)


class ShadowGit:
    """What Cline and Roo Code keep per task: a git dir outside the workspace, core.worktree set."""

    def __init__(self, gitdir: str, worktree: str, auto_gc: bool) -> None:
        self.gitdir = gitdir
        self.worktree = worktree
        self.auto_gc = auto_gc

    def init(self) -> None:
        remove(self.gitdir)
        os.makedirs(self.gitdir)
        env = {**os.environ, **GIT_ENV}
        subprocess.run(["git", f"--git-dir={self.gitdir}", "init", "-q"], check=True, env=env)
        settings = {"core.bare": "false", "core.worktree": self.worktree, "user.name": "bench",
                    "user.email": "bench@localhost", "commit.gpgSign": "false"}
        # Timed repositories never gc (a detached auto-gc would steal CPU from the next
        # contender); the store-size repository gcs as a default install does, in the foreground.
        settings.update({"gc.autoDetach": "false"} if self.auto_gc else {"gc.auto": "0"})
        for key, value in settings.items():
            subprocess.run(["git", f"--git-dir={self.gitdir}", "config", key, value], check=True, env=env)

    def git(self, worktree: str | None = None) -> str:
        return f"git --git-dir={q(self.gitdir)} --work-tree={q(worktree or self.worktree)}"

    def commit_script(self) -> str:
        return f"{self.git()} add -A && {self.git()} commit -q --allow-empty --no-verify -m checkpoint"

    def commit_command(self, **kwargs) -> Command:
        return shell("shadow git add -A && commit", self.commit_script(), cwd=self.worktree, env=GIT_ENV, **kwargs)

    def commit_now(self) -> None:
        subprocess.run(["bash", "-c", self.commit_script()], check=True, cwd=self.worktree,
                       env={**os.environ, **GIT_ENV}, stdout=subprocess.DEVNULL)


class Ours:
    """Builds `checkpoint` commands, optionally wrapped in /usr/bin/time -v or strace -c -f."""

    def __init__(self, executable: str, wrapper: str, profile_dir: str) -> None:
        self.executable = executable
        self.wrapper = wrapper
        self.profile_dir = profile_dir
        self.profiles: list[str] = []
        # The engine's stopwatch phases (CHECKPOINT_TRACE=1, a few lines on stderr) of the last
        # successful run of each scenario and tree: which phase dominates, at no measurable cost.
        self.traces: dict[str, list[str]] = {}

    def command(self, scenario: str, tree: Tree, args: list[str], store: str | None = None,
                setup=None, judge=None) -> Command:
        argv = [self.executable, "--root", tree.root, "--store", store or tree.store, *args]

        def wrap(argv: list[str], run_index: int) -> list[str]:
            if self.wrapper == "none":
                return argv
            path = os.path.join(self.profile_dir, f"{scenario}-{tree.key}-run{run_index + 1}.{self.wrapper}.txt")
            self.profiles.append(path)
            if self.wrapper == "time":
                return ["/usr/bin/time", "-v", "-o", path, *argv]
            return ["strace", "-f", "-c", "-o", path, *argv]

        def judged(run_index: int, output: str) -> str | None:
            if "STATUS=OK" not in output:
                last = (output.strip().splitlines() or ["(no output)"])[-1]
                return f"no STATUS=OK line (last line: {last[:120]!r})"
            failure = judge(run_index, output) if judge else None
            phases = [line[len("[trace] "):] for line in output.splitlines() if line.startswith("[trace] ")]
            if phases and not failure:
                self.traces[f"{scenario} {tree.key}"] = phases
            return failure

        return Command("ours", argv, cwd=tree.root, env={"CHECKPOINT_TRACE": "1"}, setup=setup, judge=judged, wrap=wrap)

    def save(self, scenario: str, tree: Tree, store: str | None = None, setup=None) -> Command:
        """A save of the whole tree; a successful one becomes the tree's baseline checkpoint."""
        def record(_: int, output: str) -> str | None:
            if store is None:
                found = re.findall(rf"CHECKPOINT={NAME}_(\S+)", output)
                tree.baseline = found[-1] if found else None
                tree.ours_synced = True
            return None

        return self.command(scenario, tree, ["save", "--name", NAME, "--stage", scenario], store, setup, record)

    def which(self, tree: Tree, latest: str = "--latest") -> list[str]:
        """Selects the baseline checkpoint: by timestamp when the save printed it, else the latest
        (`verify` has no --latest: without a timestamp it checks every checkpoint of the name)."""
        if tree.baseline:
            return ["--name", NAME, "--timestamp", tree.baseline]
        return ["--name", NAME, latest] if latest else ["--name", NAME]


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work = args.work
        self.runner = Runner(self.work)
        self.ours = Ours(args.checkpoint, args.wrap, os.path.join(args.results, "profile"))
        self.rows: list[Row] = []
        self.raw: dict[str, dict[str, list[float] | str]] = {}
        self.commands: dict[str, str] = {}
        self.tree_lines: list[str] = []
        os.makedirs(os.path.join(self.work, "stores"), exist_ok=True)

    # ---- helpers ----------------------------------------------------------------------------

    def measure(self, scenario: str, tree: Tree, commands: list[Command], runs: int | None = None,
                before_each_run=None) -> dict[str, Outcome]:
        if tree.ours_failure:
            commands = [c for c in commands if c.label != "ours"]
        outcomes = self.runner.measure(f"{scenario} {tree.key}", commands, runs or self.args.runs, before_each_run)
        if tree.ours_failure:
            outcomes["ours"] = Outcome(failure=f"skipped: {tree.ours_failure}")
        for command in commands:
            if command.label != "ours":
                script = " ".join(command.argv[2:] if command.argv[0] == "bash" else command.argv)
                for path, variable in ((tree.git.gitdir, "$G"), (tree.root, "$T"), (self.work, "$W")):
                    script = script.replace(path, variable)
                self.commands.setdefault(command.label, script)
        self.raw[f"{scenario} {tree.key}"] = {label: (o.failure or {"wall": o.seconds, "cpu": o.cpu})
                                              for label, o in outcomes.items()}
        return outcomes

    def add(self, scenario: str, tree: Tree, outcomes: dict[str, Outcome], anchor: str,
            target: Target | None = None, shown: str | None = None) -> None:
        ours, other = outcomes["ours"], outcomes[anchor]
        notes = [f"ours: {ours.failure}" if ours.failure else "", f"{anchor}: {other.failure}" if other.failure else ""]
        self.rows.append(Row(scenario, tree.description, ours.median, shown or anchor, other.median,
                             target=target, note="; ".join(n for n in notes if n),
                             ours_cpu=ours.cpu_median, anchor_cpu=other.cpu_median))

    def prepare(self, tree: Tree) -> None:
        """Brings our baseline checkpoint and the shadow git's HEAD level with the tree (untimed)."""
        if not os.path.isdir(tree.git.gitdir):
            tree.git.init()
        if not tree.git_synced:
            tree.git.commit_now()
            tree.git_synced = True
        if not tree.ours_synced and not tree.ours_failure:
            _, _, failure = self.runner.run_once(self.ours.save("baseline", tree), 0)
            if failure:
                tree.ours_failure = f"baseline save failed: {failure}"
                log(f"{tree.key}: {tree.ours_failure}")

    # ---- scenarios --------------------------------------------------------------------------

    def first_save(self, tree: Tree) -> None:
        archive, copy = os.path.join(self.work, "first.tar"), os.path.join(self.work, "first-copy")
        parent, base = os.path.split(tree.root)
        outcomes = self.measure("first save", tree, [
            self.ours.save("first-save", tree, setup=lambda: remove(tree.store)),
            tree.git.commit_command(setup=tree.git.init),
            shell("tar -cf", f"tar -cf {q(archive)} -C {q(parent)} {q(base)}", setup=lambda: remove(archive)),
            shell("cp -r", f"cp -r {q(tree.root)} {q(copy)}", setup=lambda: remove(copy)),
        ])
        remove(archive), remove(copy)
        tree.git_synced = outcomes["shadow git add -A && commit"].failure is None
        if outcomes["ours"].failure and not tree.ours_failure:
            tree.ours_failure = f"first save failed: {outcomes['ours'].failure}"
        four_times = Target(0.25) if tree.key in ("A", "B") else None
        self.add("first save", tree, outcomes, "shadow git add -A && commit", four_times)
        self.add("first save", tree, outcomes, "tar -cf")
        self.add("first save", tree, outcomes, "cp -r")

    def floor(self, tree: Tree) -> Command:
        return shell("walk+stat floor (find -printf)", f"find {q(tree.root)} -printf '%s %T@ %i\\n' > /dev/null")

    def no_change_save(self, tree: Tree) -> None:
        self.prepare(tree)
        outcomes = self.measure("no-change save", tree, [
            self.ours.save("no-change-save", tree), self.floor(tree), tree.git.commit_command()])
        self.add("no-change save", tree, outcomes, "walk+stat floor (find -printf)",
                 Target(1.5) if tree.key == "B" else None)
        self.add("no-change save", tree, outcomes, "shadow git add -A && commit")

    def edit_save(self, tree: Tree) -> None:
        self.prepare(tree)
        outcomes = self.measure("save after 10 edits", tree, [
            self.ours.save("edit-save", tree), self.floor(tree), tree.git.commit_command()],
            before_each_run=lambda _: tree.edit(10))
        tree.git_synced = outcomes["shadow git add -A && commit"].failure is None
        self.add("save after editing 10 files", tree, outcomes, "walk+stat floor (find -printf)")
        self.add("save after editing 10 files", tree, outcomes, "shadow git add -A && commit")

    def mcp_save(self, tree: Tree) -> None:
        """What an agent pays per step: `checkpoint_save` through a running `checkpoint mcp` (the tool
        call's round trip) after 10 files changed, against the shadow git's commit of the same change."""
        self.prepare(tree)
        label, anchor = "ours (checkpoint_save over MCP)", "shadow git add -A && commit"
        seconds: dict[str, list[float]] = {label: [], anchor: []}
        failure = tree.ours_failure or ""
        session = None
        try:
            session = McpSession([self.args.checkpoint, "--root", tree.root, "--store", tree.store, "mcp"], tree.root)
            session.initialize()
        except (OSError, ValueError) as error:
            failure = f"checkpoint mcp: {error}"
        for index in range(self.args.runs):
            tree.edit(10)
            contenders = [label, anchor] if index % 2 == 0 else [anchor, label]
            for name in contenders:
                if name == label:
                    if failure or session is None:
                        continue
                    try:
                        started = time.perf_counter()
                        result = session.request("tools/call", {"name": "checkpoint_save",
                                                                "arguments": {"name": NAME, "stage": "mcp-save"}})
                        elapsed = time.perf_counter() - started
                        if result.get("isError"):
                            raise ValueError(json.dumps(result.get("content"))[:300])
                        seconds[label].append(elapsed)
                    except (OSError, ValueError) as error:
                        failure = str(error)
                        log(f"mcp-save {tree.key}: {error}")
                else:
                    started = time.perf_counter()
                    tree.git.commit_now()
                    seconds[anchor].append(time.perf_counter() - started)
            log(f"mcp-save {tree.key} run {index + 1}/{self.args.runs}: "
                + ", ".join(f"{n} {v[-1]:.3f}s" for n, v in seconds.items() if v))
        if session:
            session.close()
        tree.ours_synced = not failure
        self.raw[f"mcp-save {tree.key}"] = {n: {"wall": v} for n, v in seconds.items()}
        ours = statistics.median(seconds[label]) if seconds[label] else None
        git = statistics.median(seconds[anchor]) if seconds[anchor] else None
        self.rows.append(Row("checkpoint_save over MCP after editing 10 files", tree.description, ours, anchor, git,
                             target=Target(1.0) if tree.key == "B" else None,
                             note=f"ours: {failure}" if failure else "one running `checkpoint mcp`; the tool call's round trip"))
        self.commands["checkpoint_save over MCP"] = ("checkpoint --root $T --store $W/stores/… mcp, then per run one tools/call "
                                                     "checkpoint_save {name: bench, stage: mcp-save}")

    def restore_full(self, tree: Tree) -> None:
        self.prepare(tree)
        target = os.path.join(self.work, "restore")
        index = os.path.join(self.work, "restore.index")

        def empty_target() -> None:
            remove(target), remove(index), os.makedirs(target)

        def complete(run_index: int, _: str) -> str | None:
            if run_index > 0:
                return None
            restored = sum(len(names) for _, _, names in os.walk(target))
            return None if restored == len(tree.paths) else f"restored {restored} of {len(tree.paths)} files"

        outcomes = self.measure("full restore", tree, [
            self.ours.command("restore-full", tree, ["resume", *self.ours.which(tree), "--target", target, "--yes"],
                              setup=empty_target, judge=complete),
            shell("cp -r", f"cp -r {q(tree.root)} {q(target)}", setup=lambda: remove(target)),
            shell("git checkout -f HEAD -- .",
                  f"GIT_INDEX_FILE={q(index)} {tree.git.git(target)} checkout -f HEAD -- .",
                  cwd=target, env=GIT_ENV, setup=empty_target),
        ])
        remove(target), remove(index)
        self.add("full restore into an empty folder", tree, outcomes, "cp -r", Target(1.0))
        self.add("full restore into an empty folder", tree, outcomes, "git checkout -f HEAD -- .")

    def restore_ten(self, tree: Tree) -> None:
        self.prepare(tree)
        # Baseline content of every file edited since the tree last equalled the baseline: a
        # contender that fails leaves its edits behind, and the next one must restore those too.
        edited: dict[str, bytes] = {}

        def edit() -> None:
            for path, content in tree.edit(10).items():
                edited.setdefault(path, content)

        def restored(_: int, __: str) -> str | None:
            wrong = [p for p, content in edited.items() if open(p, "rb").read() != content]
            if wrong:
                return f"{len(wrong)} of {len(edited)} edited files not restored"
            edited.clear()
            return None

        ours = self.ours.command("restore-10", tree, ["resume", *self.ours.which(tree), "--yes"],
                                 setup=edit, judge=restored)
        git = shell("git reset --hard", f"{tree.git.git()} reset -q --hard", cwd=tree.root, env=GIT_ENV,
                    setup=edit, judge=restored)
        outcomes = self.measure("restore 10 files", tree, [ours, git])
        # Both put the tree back to the baseline; a failed contender leaves it edited.
        tree.ours_synced = tree.git_synced = not (outcomes["ours"].failure or outcomes["git reset --hard"].failure)
        self.add("restore 10 changed files into the root", tree, outcomes, "git reset --hard")

    def verify(self, tree: Tree) -> None:
        self.prepare(tree)
        outcomes = self.measure("verify", tree, [
            self.ours.command("verify", tree, ["verify", *self.ours.which(tree, latest="")]),
            shell("sha256sum", f"find {q(tree.root)} -type f -print0 | xargs -0 sha256sum > /dev/null"),
        ])
        self.add("verify", tree, outcomes, "sha256sum", Target(1.25), "sha256sum (find | xargs)")

    def store_size_long(self, tree: Tree) -> None:
        if tree.key not in LONG_TREES:
            log(f"store-size-long: only on tree(s) {', '.join(sorted(LONG_TREES))}")
            return
        self.store_size(tree, LONG_SAVES, LONG_CHURN)

    @staticmethod
    def store_split(store: str) -> tuple[int, int, int]:
        """Our store's bytes as file contents (loose objects, pack-*), folder trees (tree-*) and checkpoint folders."""
        objects = trees = 0
        objects_dir = os.path.join(store, "objects")
        for folder, _, names in os.walk(objects_dir):
            for name in names:
                size = os.path.getsize(os.path.join(folder, name))
                if name.startswith("tree-"):
                    trees += size
                else:
                    objects += size
        folders = [os.path.join(store, n) for n in os.listdir(store) if n.startswith(NAME + "_")]
        return objects, trees, sum(disk_usage(f) for f in folders)

    def store_size(self, tree: Tree, saves: int = SIZE_SAVES, churn: float = CHURN) -> None:
        store = os.path.join(self.work, "stores", f"{tree.key}-size")
        git = ShadowGit(os.path.join(self.work, "git", f"{tree.key}-size"), tree.root, auto_gc=True)
        remove(store)
        git.init()
        churned = max(1, round(len(tree.paths) * churn))
        pct = f"{churn * 100:g} %"
        first = self.ours.save("store-size", tree, store)
        if not tree.ours_failure:
            _, _, failure = self.runner.run_once(first, 0)
            if failure:
                tree.ours_failure = f"store-size first save failed: {failure}"
        git.commit_now()
        outcomes = self.measure(f"save after {pct} churn", tree,
                                [self.ours.save("store-size", tree, store), git.commit_command()],
                                runs=saves - 1, before_each_run=lambda _: tree.edit(churned))
        ours_bytes = None if tree.ours_failure or outcomes["ours"].failure else disk_usage(store)
        git_bytes = disk_usage(git.gitdir)
        copies = saves * disk_usage(tree.root)
        packs = len([n for n in os.listdir(os.path.join(git.gitdir, "objects", "pack")) if n.endswith(".pack")])
        note = f"ours: {outcomes['ours'].failure}" if outcomes["ours"].failure else ""
        split = None
        if ours_bytes:
            # Where our bytes are: file contents, folder trees, and the per-checkpoint folders (checkpoint.json + summary).
            objects, trees, manifests = split = self.store_split(store)
            note = (f"ours = {objects / 1e6:.1f} MB objects + {trees / 1e6:.1f} MB trees + {manifests / 1e6:.1f} MB in "
                    f"{saves} checkpoint folders (checkpoint.json + summary) + "
                    f"{(ours_bytes - objects - trees - manifests) / 1e6:.1f} MB other (index, folders)")
        scenario = f"store size after {saves} saves, {pct} churn ({churned} files/save)"
        self.rows.append(Row(scenario, tree.description, ours_bytes, "shadow git .git", git_bytes, "bytes", Target(1.0),
                             f"the shadow git keeps git's default gc settings; {packs} pack file(s) after {saves} commits"))
        self.rows.append(Row(scenario, tree.description, ours_bytes, f"{saves} plain copies", copies, "bytes", note=note))
        self.add(f"save after {pct} churn (median of {saves - 1})", tree, outcomes, "shadow git add -A && commit")
        self.raw[f"store size {tree.key} {saves}x{pct}"] = {"ours": ours_bytes or "n/a", "shadow git": git_bytes, "copies": copies,
                                                    "split (objects, trees, checkpoint folders)": split or "n/a"}
        remove(store), remove(git.gitdir)

    def lsp(self) -> None:
        workspace = os.path.join(self.work, "lsp")
        os.makedirs(workspace, exist_ok=True)
        quick = self.args.quick
        argv = ["node", os.path.join(os.path.dirname(os.path.abspath(__file__)), "lsp-timing.mjs"),
                "--server", self.args.checkpoint, "--workspace", workspace,
                "--spawns", "5" if quick else "15", "--requests", "15" if quick else "50"]
        log("lsp: " + " ".join(argv[2:]))
        completed = subprocess.run(argv, capture_output=True, text=True)
        sys.stderr.write(completed.stderr)
        try:
            result = json.loads(completed.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            result = {"error": f"lsp-timing.mjs exit {completed.returncode}, no JSON result"}
        self.raw["lsp"] = result
        note_size = f"{result.get('noteBytes', 0) / 1e6:.2f} MB, {result.get('noteEntries', '?')} entries"
        lines = [("spawn → initialize response", "initialize", 0.150, "server"),
                 ("codeLens, new document version each request", "lensNewVersion", 0.020, note_size),
                 ("codeLens, same document version (cached)", "lensSameVersion", 0.020, note_size)]
        for title, key, ceiling, tree in lines:
            measured = result.get(key) or {}
            reason = measured.get("na") or result.get("error") or ("" if measured else "not measured")
            for stat, target in (("p50", Target(ceiling, absolute=True)), ("p95", None)):
                value = measured.get(stat)
                count = f", n={measured['n']}" if measured.get("n") else ""
                self.rows.append(Row(f"LSP {title} ({stat}{count})", tree,
                                     value / 1000 if value is not None else None, "", None,
                                     target=target, note=f"ours: {reason}" if reason else ""))

    def startup(self) -> None:
        """What every editor start and every CLI call pays before any work: spawn → initialize
        response, and `list` on an empty store. Ours (the native executable) against the ReadyToRun
        framework-dependent build it replaced (--baseline), interleaved in one run."""
        root = os.path.join(self.work, "startup")
        os.makedirs(os.path.join(root, "memory", "checkpoints"), exist_ok=True)
        baseline = self.args.baseline
        label = "ReadyToRun build"
        runs = 11 if self.args.quick else 31
        executables = {"ours": self.args.checkpoint, **({label: baseline} if baseline else {})}
        missing = "" if baseline else "no --baseline build given"

        spawns: dict[str, list[float]] = {name: [] for name in executables}
        failures: dict[str, str] = {}
        for index in range(runs):
            order = list(executables.items())
            for name, executable in order if index % 2 == 0 else reversed(order):
                if name in failures:
                    continue
                try:
                    spawns[name].append(initialize_seconds(executable, root))
                except (OSError, ValueError) as error:
                    failures[name] = str(error)
                    log(f"startup: {name} initialize failed: {error}")
        log("startup initialize p50: " + ", ".join(f"{n} {statistics.median(v) * 1000:.1f} ms" for n, v in spawns.items() if v))
        ours_spawn, old_spawn = spawns["ours"], spawns.get(label, [])
        self.rows.append(Row(f"spawn → initialize response (p50, n={runs})", "server",
                             statistics.median(ours_spawn) if ours_spawn else None, label,
                             statistics.median(old_spawn) if old_spawn else None, target=Target(0.015, absolute=True),
                             note="; ".join(f"{n}: {f}" for n, f in failures.items()) or (f"{label}: {missing}" if missing else "")))

        mcp: dict[str, list[float]] = {name: [] for name in executables}
        for index in range(runs):
            order = list(executables.items())
            for name, executable in order if index % 2 == 0 else reversed(order):
                if f"mcp {name}" in failures:
                    continue
                try:
                    mcp[name].append(mcp_initialize_seconds(executable, root))
                except (OSError, ValueError) as error:
                    failures[f"mcp {name}"] = str(error)
                    log(f"startup: {name} mcp initialize failed: {error}")
        log("startup MCP initialize p50: " + ", ".join(f"{n} {statistics.median(v) * 1000:.1f} ms" for n, v in mcp.items() if v))
        self.rows.append(Row(f"`checkpoint mcp` spawn → initialize response (p50, n={runs})", "server",
                             statistics.median(mcp["ours"]) if mcp["ours"] else None, label,
                             statistics.median(mcp[label]) if mcp.get(label) else None, target=Target(0.020, absolute=True),
                             note="; ".join(f"{n}: {f}" for n, f in failures.items() if n.startswith("mcp ")) or (f"{label}: {missing}" if missing else "")))

        commands = [Command(name, [executable, "--root", root, "list"], cwd=root) for name, executable in executables.items()]
        outcomes = self.runner.measure("startup list", commands, runs)
        self.raw["startup"] = {"initialize": {n: v for n, v in spawns.items()}, "mcp initialize": mcp,
                               "list": {n: o.failure or {"wall": o.seconds, "cpu": o.cpu} for n, o in outcomes.items()}}
        ours, old = outcomes["ours"], outcomes.get(label, Outcome(failure=missing))
        notes = [f"ours: {ours.failure}" if ours.failure else "", f"{label}: {old.failure}" if old.failure else ""]
        self.rows.append(Row(f"`checkpoint list`, empty store (p50, n={runs})", "server", ours.median, label, old.median,
                             target=Target(0.015, absolute=True), note="; ".join(n for n in notes if n),
                             ours_cpu=ours.cpu_median, anchor_cpu=old.cpu_median))

    def list_1000(self) -> None:
        """`list` and `list --json` on a store of 1,000 checkpoints (issue 13's ≤ 100 ms): they read each
        checkpoint.json's header only, never its trees. The store is real: 1,000 saves through the CLI of a
        40-file folder (10 names × 100, untimed; a tenth of that with --quick), edited before every tenth save so
        the checkpoints do not all share one tree."""
        root = os.path.join(self.work, "list-1000")
        remove(root)
        os.makedirs(root)
        count = LIST_CHECKPOINTS // 10 if self.args.quick else LIST_CHECKPOINTS
        paths = gen_tree.synthetic(root, 40, 1024, 4)
        editor = gen_tree.Editor(paths)
        started = time.perf_counter()
        failure = ""
        for index in range(count):
            if index % 10 == 0:
                editor.edit(1)
            done = subprocess.run([self.args.checkpoint, "--root", root, "save", "--name", f"agent-{index % LIST_NAMES}",
                                   "--stage", f"step-{index}"], cwd=root, capture_output=True, text=True)
            if done.returncode != 0:
                failure = f"save {index} failed: {done.stderr.strip()[-200:]}"
                break
        folders = len([d for d in os.listdir(os.path.join(root, "memory", "checkpoints")) if d.startswith("agent-")])
        log(f"list-1000: {folders} checkpoints saved in {time.perf_counter() - started:.1f}s{'; ' + failure if failure else ''}")
        runs = 11 if self.args.quick else 31
        commands = [Command("list", [self.args.checkpoint, "--root", root, "list"], cwd=root),
                    Command("list --json", [self.args.checkpoint, "--root", root, "list", "--json"], cwd=root)]
        outcomes = self.runner.measure("list-1000", commands, runs) if not failure else {
            c.label: Outcome(failure=failure) for c in commands}
        self.raw["list-1000"] = {"checkpoints": folders,
                                 **{n: o.failure or {"wall": o.seconds, "cpu": o.cpu} for n, o in outcomes.items()}}
        for label, outcome in outcomes.items():
            self.rows.append(Row(f"`checkpoint {label}`, {folders:,} checkpoints (p50, n={runs})", "server", outcome.median, "", None,
                                 target=Target(0.100, absolute=True), note=f"ours: {outcome.failure}" if outcome.failure else "",
                                 ours_cpu=outcome.cpu_median))
        remove(root)

    # ---- driver -----------------------------------------------------------------------------

    def build_tree(self, key: str) -> Tree:
        spec = (QUICK_TREES if self.args.quick else FULL_TREES)[key]
        tree = Tree(key, os.path.join(self.work, "trees", key), self.work)
        started = time.perf_counter()
        remove(tree.root)
        os.makedirs(tree.root)
        if key == "C":
            tree.paths = gen_tree.source(tree.root, spec, self.args.repo)
            shape = f"this repository's {len(tree.paths) // spec} tracked files × {spec}"
        else:
            files, size, folders = spec
            tree.paths = gen_tree.synthetic(tree.root, files, size, folders)
            shape = f"{files:,} files × {size // 1024} KB in {folders:,} folders"
        tree.editor = gen_tree.Editor(tree.paths)
        total = disk_usage(tree.root)
        tree.description = f"{key}"
        self.tree_lines.append(f"- **{key}**: {shape} — {len(tree.paths):,} files, {total / 1e6:.1f} MB")
        # Warm cache: every file is read once so that all contenders start from memory.
        subprocess.run(["bash", "-c", f"find {q(tree.root)} -type f -print0 | xargs -0 cat > /dev/null"], check=True)
        log(f"tree {key}: {len(tree.paths):,} files, {total / 1e6:.1f} MB, generated in {time.perf_counter() - started:.1f}s")
        return tree

    def run(self, write) -> str:
        """Runs the selected scenarios; `write(document, final)` gets the result document after
        every scenario (so an interrupted run still leaves what it measured) and at the end."""
        load_before = open("/proc/loadavg").read().split()[:3]
        started = time.perf_counter()
        steps = {"first-save": self.first_save, "no-change-save": self.no_change_save,
                 "edit-save": self.edit_save, "restore-full": self.restore_full,
                 "restore-10": self.restore_ten, "verify": self.verify, "store-size": self.store_size,
                 "store-size-long": self.store_size_long, "mcp-save": self.mcp_save}
        tree_steps = [s for s in self.args.only if s in steps]
        for key in self.args.trees if tree_steps else []:
            tree = self.build_tree(key)
            for step in tree_steps:
                log(f"== {step} on tree {key}")
                steps[step](tree)
                write(self.document(load_before, time.perf_counter() - started, f"after {step} on tree {key}"), False)
            started_cleanup = time.perf_counter()
            remove(tree.root), remove(tree.store), remove(tree.git.gitdir)
            log(f"tree {key}: removed in {time.perf_counter() - started_cleanup:.1f}s")
        if "lsp" in self.args.only:
            self.lsp()
        if "startup" in self.args.only:
            self.startup()
        if "list-1000" in self.args.only:
            self.list_1000()
        document = self.document(load_before, time.perf_counter() - started)
        write(document, True)
        return document

    def document(self, load_before: list[str], elapsed: float, unfinished: str = "") -> str:
        commit = subprocess.run(["git", "-C", self.args.repo, "log", "-1", "--format=%h %s"],
                                capture_output=True, text=True).stdout.strip()
        load_after = open("/proc/loadavg").read().split()[:3]
        cores = os.cpu_count()
        wrapper = ("" if self.args.wrap == "none" else
                   f"\n**Profiling run**: our commands ran under `{self.args.wrap}`; their times include its overhead.\n")
        parts = [
            f"# Checkpoint benchmark — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
            "",
            *([f"**Incomplete**: written {unfinished}; the run is still going or was interrupted.", ""] if unfinished else []),
            f"Commit `{commit}`; mode {'quick' if self.args.quick else 'default'}; median of "
            f"{self.args.runs} runs (interleaved, alternating order); {cores} cores, load average "
            f"{' '.join(load_before)} before, {' '.join(load_after)} after (the machine is shared); "
            f"total {elapsed / 60:.1f} min.",
            "**Warm cache**: the page cache is not dropped (not permitted in this container), every tree "
            "is read once before timing, so every contender reads from memory. All trees, stores and "
            "copies live on the same file system.",
            wrapper,
            "Trees:", *self.tree_lines, "",
            markdown(self.rows), "",
            "Anchor commands (`$T` the tree, `$G` the shadow git dir with `core.worktree=$T` and `gc.auto=0`, "
            "`$W` the scratch folder; the store-size shadow git keeps git's default gc settings). Ours is "
            "`checkpoint --root $T --store $W/stores/… save|resume|verify --name bench …`, run in `$T`:", "",
            *[f"- {label}: `{script}`" for label, script in self.commands.items()],
        ]
        if self.ours.traces:
            parts += ["", "## Engine phases (`CHECKPOINT_TRACE=1`, last run of each scenario and tree)", ""]
            for key, phases in self.ours.traces.items():
                parts.append(f"- {key}: " + "; ".join(phases))
        if self.ours.profiles:
            parts += profiles.section(self.ours.profiles)
        return "\n".join(parts) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--checkpoint", required=True, help="the published `checkpoint` executable")
    parser.add_argument("--baseline", help="the ReadyToRun framework-dependent `checkpoint`, for the startup comparison")
    parser.add_argument("--work", required=True, help="scratch folder (trees, stores, copies)")
    parser.add_argument("--repo", required=True, help="repository whose tracked files make tree C")
    parser.add_argument("--results", required=True, help="folder for the result files")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default=",".join(SCENARIOS))
    parser.add_argument("--trees", default="A,B,C")
    parser.add_argument("--wrap", choices=["none", "time", "strace"], default="none")
    args = parser.parse_args()
    args.only = [s for s in args.only.split(",") if s]
    args.trees = [t for t in args.trees.upper().split(",") if t]
    unknown = [s for s in args.only if s not in SCENARIOS] + [t for t in args.trees if t not in FULL_TREES]
    if unknown or args.runs < 1:
        parser.error(f"unknown scenario or tree {unknown}; scenarios: {', '.join(SCENARIOS)}; trees: A, B, C")
    os.makedirs(os.path.join(args.results, "profile"), exist_ok=True)

    complete = args.only == SCENARIOS and args.trees == list(FULL_TREES) and args.wrap == "none"
    stem = os.path.join(args.results, "quick" if args.quick else ("latest" if complete else "partial"))
    bench = Bench(args)

    def write(document: str, final: bool) -> None:
        # A complete run that is interrupted must not replace the last complete latest.md.
        target = stem if final or stem.endswith(("quick", "partial")) else stem + ".incomplete"
        with open(target + ".md", "w") as out:
            out.write(document)
        with open(target + ".json", "w") as out:
            json.dump(bench.raw, out, indent=1)
        if final:
            if os.path.exists(stem + ".incomplete.md"):
                os.remove(stem + ".incomplete.md"), os.remove(stem + ".incomplete.json")
            log(f"written {target}.md")

    print(bench.run(write))
    return 0


if __name__ == "__main__":
    sys.exit(main())
