#!/usr/bin/env bash
# The end-to-end suite in a real VS Code (code-server + headless Chromium, see tests/e2e/run.mjs).
# Packages the extension first unless E2E_SKIP_PACKAGE=1 (then the existing .vsix is used).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules
if [ ! -f "$CODE_SERVER_ENTRY" ] || [ ! -x "$NODE24" ] || [ ! -x /usr/bin/chromium ]; then
  bash "$REPO_ROOT/scripts/e2e-setup.sh"
fi
if [ "${E2E_SKIP_PACKAGE:-0}" != "1" ]; then
  bash "$REPO_ROOT/scripts/package.sh"
fi
node "$REPO_ROOT/tests/e2e/run.mjs"
