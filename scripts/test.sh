#!/usr/bin/env bash
# npm test: the .NET tests, the extension's unit tests, then the end-to-end suite in a real VS Code
# (code-server + headless Chromium). Every stage runs; the exit code is non-zero if any failed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules

failed=()
run_stage() {
  local name="$1"
  shift
  log "── $name"
  local started=$SECONDS
  if "$@"; then
    log "── $name: passed ($((SECONDS - started)) s)"
  else
    log "── $name: FAILED ($((SECONDS - started)) s)"
    failed+=("$name")
  fi
}

run_stage "dotnet test" dotnet test "$REPO_ROOT/Checkpoint.sln" -nologo
run_stage "extension unit tests" npm --prefix "$EXTENSION_DIR" run test:unit
run_stage "e2e setup" bash "$REPO_ROOT/scripts/e2e-setup.sh"
run_stage "e2e (code-server + Chromium)" bash "$REPO_ROOT/scripts/e2e.sh"

if [ "${#failed[@]}" -gt 0 ]; then
  log "failed stages: ${failed[*]}"
  exit 1
fi
log "all stages passed"
