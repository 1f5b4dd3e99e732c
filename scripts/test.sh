#!/usr/bin/env bash
# npm test: the .NET tests, the extension's unit tests, the MCP server under the official TypeScript client,
# the end-to-end suite in a real VS Code (code-server + headless Chromium), then `npm start` itself served
# and loaded in the browser. Every stage runs; the exit code is non-zero if any failed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules

failed=()
# Every stage's output is also kept, to add the test counts of all runners into one closing line.
transcript="$(mktemp)"
trap 'rm -f "$transcript"' EXIT
run_stage() {
  local name="$1"
  shift
  log "── $name"
  local started=$SECONDS
  if "$@" 2>&1 | tee -a "$transcript"; then
    log "── $name: passed ($((SECONDS - started)) s)"
  else
    log "── $name: FAILED ($((SECONDS - started)) s)"
    failed+=("$name")
  fi
}

# The CLI and language-server tests spawn the artifact users get: on linux-x64 the native executable.
if native_host; then
  run_stage "native server (Native AOT publish)" publish_native_server
  export CHECKPOINT_TEST_SERVER="$NATIVE_SERVER"
fi
run_stage "dotnet test" dotnet test "$REPO_ROOT/Checkpoint.sln" -nologo
# The whole MSTest suite again on the portable file-system layer (what macOS and Windows run, which CI here
# cannot): every engine test and every spawned CLI/server inherits the variable.
run_stage "dotnet test (portable file system)" env CHECKPOINT_FILESYSTEM=portable dotnet test "$REPO_ROOT/Checkpoint.sln" -nologo --no-build
run_stage "extension unit tests" npm --prefix "$EXTENSION_DIR" run test:unit
# The official MCP TypeScript SDK against the built server (dotnet test above built it).
run_stage "MCP client (TypeScript SDK)" node --test "$REPO_ROOT/tests/mcp/"
run_stage "e2e setup" bash "$REPO_ROOT/scripts/e2e-setup.sh"
run_stage "e2e (code-server + Chromium)" bash "$REPO_ROOT/scripts/e2e.sh"
run_stage "npm start (the README's run command)" node "$REPO_ROOT/tests/e2e/start.mjs"

# MSTest: "Passed!  - Failed:     0, Passed:   179, …"; node --test: "# pass 51" / "# fail 0";
# the e2e runner: "18 passed, 0 failed".
totals="$(awk '
  /(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+/ { gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
  /^# pass [0-9]+$/ { p += $3 }
  /^# fail [0-9]+$/ { f += $3 }
  /^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 }
  END { printf "%d passed, %d failed", p, f }' "$transcript")"

if [ "${#failed[@]}" -gt 0 ]; then
  log "failed stages: ${failed[*]}"
  # A stage can fail before any test reports (a build or type error): it still counts as a failure.
  read -r passed _ failures _ <<<"${totals//,/}"
  if [ "$failures" -eq 0 ]; then failures=${#failed[@]}; fi
  echo "$passed passed, $failures failed"
  exit 1
fi
log "all stages passed"
echo "$totals"
