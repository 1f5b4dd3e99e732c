#!/usr/bin/env python3
"""Generates the benchmark trees and edits files in them.

Content is text-like: pseudo-words drawn from a fixed vocabulary, so it compresses like prose or
code (neither all zeros nor incompressible random bytes). Every file starts with a line naming the
file and its edit generation, so no two files (and no two versions of a file) share a hash: the
store cannot win by deduplicating what a real workspace would not duplicate.

Usable as a module (the harness imports it) or from the command line:
  gen_tree.py synthetic DIR --files 10000 --size 20480 --folders 200
  gen_tree.py source DIR --copies 20 --repo .
  gen_tree.py edit DIR --count 10
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys

_POOL_BYTES = 8 * 1024 * 1024
_pool: bytes | None = None


def _text_pool() -> bytes:
    """An 8 MB block of pseudo-prose; files are slices of it at random offsets."""
    global _pool
    if _pool is None:
        rng = random.Random(1234)
        syllables = ["ka", "to", "re", "mi", "lo", "sa", "ne", "tu", "ri", "po", "da", "ve",
                     "chi", "gra", "ste", "ion", "ment", "er", "al", "or", "in", "ex", "un"]
        vocabulary = ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(3000)]
        vocabulary += ["the", "a", "of", "and", "to", "is", "in", "for", "return", "if", "var"]
        words = rng.choices(vocabulary, k=_POOL_BYTES // 5)
        lines = []
        for start in range(0, len(words), 12):
            lines.append(" ".join(words[start:start + 12]))
        _pool = ("\n".join(lines) + "\n").encode()[:_POOL_BYTES]
    return _pool


def file_content(label: str, size: int, rng: random.Random) -> bytes:
    """`size` bytes of text whose first line makes the content unique to `label`."""
    header = f"# {label} {rng.getrandbits(48):012x}\n".encode()
    body_len = max(0, size - len(header))
    pool = _text_pool()
    offset = rng.randrange(0, len(pool) - body_len)
    return (header + pool[offset:offset + body_len])[:size] if size else b""


def synthetic(root: str, files: int, size: int, folders: int, seed: int = 1) -> list[str]:
    """Writes `files` files of `size` bytes spread evenly over `folders` folders; returns their paths."""
    rng = random.Random(seed)
    paths = []
    per_folder = max(1, files // folders)
    for index in range(files):
        folder = os.path.join(root, f"dir{index // per_folder:04d}")
        if index % per_folder == 0:
            os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"file{index:06d}.txt")
        with open(path, "wb") as handle:
            handle.write(file_content(f"{path} v0", size, rng))
        paths.append(path)
    return paths


def source(root: str, copies: int, repo: str) -> list[str]:
    """Copies the repository's tracked files `copies` times into `root`; returns the copied paths."""
    listed = subprocess.run(["git", "-C", repo, "ls-files", "-z"], check=True,
                            capture_output=True).stdout.decode().split("\0")
    tracked = [p for p in listed if p and os.path.isfile(os.path.join(repo, p))
               and not os.path.islink(os.path.join(repo, p))]
    paths = []
    for copy in range(copies):
        for relative in tracked:
            destination = os.path.join(root, f"copy{copy:02d}", relative)
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            shutil.copyfile(os.path.join(repo, relative), destination)
            paths.append(destination)
    return paths


def list_files(root: str) -> list[str]:
    """Every regular file under `root`, sorted, for picking files to edit."""
    found = []
    for folder, _, names in os.walk(root):
        found.extend(os.path.join(folder, name) for name in names)
    return sorted(found)


class Editor:
    """Rewrites chosen files with new content of the same size (a new hash, a new mtime)."""

    def __init__(self, paths: list[str], seed: int = 7) -> None:
        self._paths = paths
        self._rng = random.Random(seed)
        self._generation = 0

    def edit(self, count: int) -> dict[str, bytes]:
        """Edits `count` files; returns each edited path with the content it had before."""
        self._generation += 1
        chosen = self._rng.sample(self._paths, min(count, len(self._paths)))
        previous = {}
        for path in chosen:
            with open(path, "rb") as handle:
                previous[path] = handle.read()
            with open(path, "wb") as handle:
                handle.write(file_content(f"{path} v{self._generation}", max(len(previous[path]), 64), self._rng))
        return previous


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    verbs = parser.add_subparsers(dest="verb", required=True)
    syn = verbs.add_parser("synthetic")
    syn.add_argument("dir")
    syn.add_argument("--files", type=int, required=True)
    syn.add_argument("--size", type=int, required=True)
    syn.add_argument("--folders", type=int, required=True)
    src = verbs.add_parser("source")
    src.add_argument("dir")
    src.add_argument("--copies", type=int, default=20)
    src.add_argument("--repo", default=".")
    edit = verbs.add_parser("edit")
    edit.add_argument("dir")
    edit.add_argument("--count", type=int, default=10)
    edit.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.verb == "synthetic":
        print(len(synthetic(args.dir, args.files, args.size, args.folders)))
    elif args.verb == "source":
        print(len(source(args.dir, args.copies, args.repo)))
    else:
        print("\n".join(Editor(list_files(args.dir), args.seed).edit(args.count)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
