#!/usr/bin/env bash
# npm run build: the .NET solution, the server published into the extension, the extension bundle
# (esbuild) and its type check (tsc --noEmit).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules
log "dotnet build Checkpoint.sln"
dotnet build "$REPO_ROOT/Checkpoint.sln" -nologo -v quiet </dev/null
log "publishing the server into vscode-checkpoint/server"
publish_server Debug
log "bundling and type-checking the extension"
bundle_extension
log "done"
