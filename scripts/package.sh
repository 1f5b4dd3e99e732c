#!/usr/bin/env bash
# npm run package: the server published in Release into the extension, a production bundle, then
# `vsce package` → vscode-checkpoint/vscode-checkpoint-<version>.vsix.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules
log "publishing the server (Release) into vscode-checkpoint/server"
publish_server Release
log "bundling and type-checking the extension"
bundle_extension --production
rm -f "$EXTENSION_DIR"/*.vsix
(cd "$EXTENSION_DIR" && npx --no-install vsce package --no-dependencies </dev/null)
vsix="$(ls "$EXTENSION_DIR"/*.vsix)"
log "packaged $vsix"
