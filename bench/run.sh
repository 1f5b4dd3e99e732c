#!/usr/bin/env bash
# Checkpoint against the anchors it replaces (shadow git, tar, cp -r, find, sha256sum) and the
# language server's latency. Builds the release server, generates the trees, prints one markdown
# table and writes it to bench/results/. Not a test: it exits 0 whatever the numbers are.
#
#   bench/run.sh                 default: trees A (10k × 20 KB), B (100k × 2 KB), C (repo × 20), 5 runs (~15 min)
#   bench/run.sh --quick         smoke check: trees a tenth the size, 3 runs (~2 min)
#
# Options (each also an environment variable):
#   --runs N          BENCH_RUNS      runs per measurement, median reported (default 5, quick 3)
#   --only LIST       BENCH_SCENARIO  comma list of: first-save, no-change-save, edit-save,
#                                     restore-full, restore-10, verify, store-size, store-size-long,
#                                     mcp-save, lsp, startup
#   --trees LIST      BENCH_TREES     comma list of A, B, C (default all)
#   --wrap time|strace BENCH_WRAP     run our command under `/usr/bin/time -v` or `strace -c -f`;
#                                     one profile per run in bench/results/profile/
#   --dir DIR         BENCH_DIR       parent of the scratch folder (default /tmp); must have ~2 GB free
#   --server PATH     BENCH_SERVER    use this `checkpoint` executable instead of building one
#   --baseline PATH   BENCH_BASELINE  the ReadyToRun `checkpoint` the startup scenario compares with
#   --keep            BENCH_KEEP=1    keep the scratch folder (trees, stores) for inspection
#
# Example, profiling the no-change save on the 100k tree:
#   BENCH_SCENARIO=no-change-save BENCH_TREES=B BENCH_RUNS=1 BENCH_WRAP=strace bench/run.sh
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(git -C "$bench_dir" rev-parse --show-toplevel)"

quick=0
runs="${BENCH_RUNS:-}"
only="${BENCH_SCENARIO:-}"
trees="${BENCH_TREES:-A,B,C}"
wrap="${BENCH_WRAP:-none}"
parent="${BENCH_DIR:-/tmp}"
server="${BENCH_SERVER:-}"
baseline="${BENCH_BASELINE:-}"
keep="${BENCH_KEEP:-0}"

usage() { sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
fail() { echo "bench: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --runs) runs="${2:?--runs needs a number}"; shift ;;
    --only) only="${2:?--only needs a scenario list}"; shift ;;
    --trees) trees="${2:?--trees needs a list such as A,B}"; shift ;;
    --wrap) wrap="${2:?--wrap needs time or strace}"; shift ;;
    --dir) parent="${2:?--dir needs a folder}"; shift ;;
    --server) server="${2:?--server needs a path}"; shift ;;
    --baseline) baseline="${2:?--baseline needs a path}"; shift ;;
    --keep) keep=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option: $1" ;;
  esac
  shift
done
[[ -z "$runs" ]] && runs=$([[ $quick == 1 ]] && echo 3 || echo 5)
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || fail "--runs must be a positive integer, got '$runs'"
case "$wrap" in none|time|strace) ;; *) fail "--wrap must be time or strace, got '$wrap'" ;; esac

for tool in python3 node git tar cp find xargs sha256sum du; do
  command -v "$tool" >/dev/null || fail "$tool is required"
done
# The profiling wrappers are installed on demand (Debian: the packages `time` and `strace`).
need_package() {
  local binary="$1" package="$2"
  [[ -x "$binary" ]] || command -v "$binary" >/dev/null && return 0
  echo "bench: installing $package for --wrap" >&2
  { apt-get update -qq && apt-get install -y -qq "$package"; } >&2 || fail "could not install $package"
}
[[ "$wrap" == time ]] && need_package /usr/bin/time time
[[ "$wrap" == strace ]] && need_package strace strace

mkdir -p "$parent"
work="$(mktemp -d "$parent/checkpoint-bench.XXXXXX")"
cleanup() {
  if [[ "$keep" == 1 ]]; then echo "bench: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

publish() {  # $1: output folder, then extra dotnet publish options
  local out="$1"
  shift
  if ! dotnet publish "$repo/server/Checkpoint.Server/Checkpoint.Server.csproj" -c Release -r linux-x64 \
      -o "$out" "$@" >"$work/publish.log" 2>&1; then
    tail -30 "$work/publish.log" >&2
    fail "dotnet publish failed (log above)"
  fi
}
if [[ -z "$server" ]]; then
  echo "bench: publishing the release server (Native AOT) …" >&2
  publish "$work/pub"
  server="$work/pub/checkpoint"
fi
[[ -x "$server" ]] || fail "no executable at $server"
# The build the native one replaced, for the startup comparison: ReadyToRun, framework-dependent.
if [[ -z "$baseline" && ( -z "$only" || ",$only," == *,startup,* ) ]]; then
  echo "bench: publishing the ReadyToRun build for the startup comparison …" >&2
  publish "$work/pub-r2r" -p:PublishAot=false
  baseline="$work/pub-r2r/checkpoint"
fi

args=(--checkpoint "$server" --work "$work" --repo "$repo" --results "$bench_dir/results"
      --runs "$runs" --trees "$trees" --wrap "$wrap")
[[ -n "$baseline" ]] && args+=(--baseline "$baseline")
[[ -n "$only" ]] && args+=(--only "$only")
[[ "$quick" == 1 ]] && args+=(--quick)
python3 "$bench_dir/bench.py" "${args[@]}"
