#!/usr/bin/env bash
# npm run package: both packages of the extension, from one production bundle:
#   vscode-checkpoint/vscode-checkpoint-<version>.vsix            universal: server/checkpoint.dll
#                                                                 (framework-dependent, needs .NET 10)
#   vscode-checkpoint/vscode-checkpoint-linux-x64-<version>.vsix  `vsce package --target linux-x64`:
#                                                                 server/checkpoint, Native AOT, needs nothing
# The native one needs a linux-x64 machine (Native AOT does not cross-compile between operating systems).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_node_modules
# Over this, the linux-x64 package is not "small" any more (the native executable is ~9 MB, ~3.5 MB zipped).
max_native_vsix_bytes=$((15 * 1024 * 1024))

log "bundling and type-checking the extension"
bundle_extension --production
rm -f "$EXTENSION_DIR"/*.vsix
vsce_package() { (cd "$EXTENSION_DIR" && npx --no-install vsce package --no-dependencies "$@" </dev/null); }

log "publishing the framework-dependent server (Release) into vscode-checkpoint/server"
publish_server Release
vsce_package --out "$VSIX_UNIVERSAL"
log "packaged $VSIX_UNIVERSAL"

if ! native_host; then
  log "not a linux-x64 machine: no linux-x64 package (it needs the native compiler for linux-x64)"
  exit 0
fi
log "publishing the native server (Native AOT, $NATIVE_RID)"
publish_native_server
rm -rf "$EXTENSION_DIR/server"
mkdir -p "$EXTENSION_DIR/server"
# The executable alone: its .dbg symbols (~17 MB) stay out of the package.
cp "$NATIVE_SERVER" "$EXTENSION_DIR/server/checkpoint"
vsce_package --target "$NATIVE_RID" --out "$VSIX_NATIVE"
size=$(stat -c %s "$VSIX_NATIVE")
if [ "$size" -ge "$max_native_vsix_bytes" ]; then
  log "$VSIX_NATIVE is $size bytes, over the 15 MB the linux-x64 package must stay under"
  exit 1
fi
log "packaged $VSIX_NATIVE ($((size / 1024)) KB)"
