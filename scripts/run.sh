#!/usr/bin/env bash
# npm start: build and package the extension, install the .vsix into code-server the way a user
# does, create a sample workspace (episodic notes + a few checkpoints made with the CLI) and serve
# it at http://127.0.0.1:8080 (PORT overrides). Ctrl-C stops it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PORT="${PORT:-8080}"
START_DIR="$E2E_CACHE/start"
SAMPLE="$START_DIR/sample-workspace"

bash "$REPO_ROOT/scripts/build.sh"
bash "$REPO_ROOT/scripts/package.sh"
bash "$REPO_ROOT/scripts/e2e-setup.sh"

log "creating the sample workspace in $SAMPLE"
rm -rf "$SAMPLE"
mkdir -p "$START_DIR"
cp -R "$REPO_ROOT/tests/e2e/fixture-workspace" "$SAMPLE"
# Without --files the CLI saves the current directory: run it from the workspace.
# The CLI is the packaged server: the native executable on linux-x64, else the dll through dotnet.
if native_host; then cli=("$NATIVE_SERVER"); else cli=(dotnet "$EXTENSION_DIR/server/checkpoint.dll"); fi
checkpoint() { (cd "$SAMPLE" && "${cli[@]}" --root "$SAMPLE" "$@" </dev/null); }
checkpoint save --name order-form --stage outline --notes "Form handler read, rules sketched"
printf '\n## Errors\n\nAn invalid quantity shows the message next to the field.\n' >> "$SAMPLE/docs/guide.md"
checkpoint save --name order-form --stage validation --notes "Quantity rule written, docs half done"
checkpoint save --name docs --stage draft --notes "Guide only" --files docs
# An uncommitted change since the last checkpoint, for "Compare with Working Copy" to show.
sed -i "s/^  return undefined;/  if (quantity > 999) {\n    return 'At most 999 per order.';\n  }\n  return undefined;/" "$SAMPLE/src/app.js"

log "installing the .vsix into code-server"
vsix="$(host_vsix)"
mkdir -p "$START_DIR/user-data/User"
cat > "$START_DIR/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off"
}
JSON
"$NODE24" "$CODE_SERVER_ENTRY" --user-data-dir "$START_DIR/user-data" --extensions-dir "$START_DIR/extensions" \
  --install-extension "$vsix" --force </dev/null

log "serving $SAMPLE"
printf '\n  Open http://127.0.0.1:%s/?folder=%s\n\n' "$PORT" "$SAMPLE"
# PATH keeps the machine's dotnet visible to the extension host: the universal package's server runs on it.
exec "$NODE24" "$CODE_SERVER_ENTRY" --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry \
  --disable-update-check --disable-workspace-trust --user-data-dir "$START_DIR/user-data" \
  --extensions-dir "$START_DIR/extensions" "$SAMPLE"
