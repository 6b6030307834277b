#!/usr/bin/env bash
# Installs the real VS Code used by the tests and the demo (code-server 4.100.3 = VS Code 1.100.3)
# and the browser driver, on a machine that reaches only the npm registry and Debian's packages.
# Idempotent: does nothing when harness/node_modules was installed from the same lockfile.
# usage: bash harness/setup.sh [--force]
set -euo pipefail
HARNESS=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HARNESS")
STAMP=$HARNESS/node_modules/.harness-setup-stamp
APT_PACKAGES=(libkrb5-dev ripgrep chromium) # kerberos headers (native module), rg (ripgrep seed), the browser
T0=$(date +%s%N)
elapsed() { echo "$(( ($(date +%s%N) - T0) / 1000000 )) ms"; }

# The key covers everything that decides the install: the lockfile, this script and the Node ABI.
KEY=$(cat "$HARNESS/package-lock.json" "$HARNESS/setup.sh" <(node -p 'process.versions.modules') | sha256sum | cut -c1-32)

missing_apt=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing_apt+=("$p")
done

if [ "${1:-}" != "--force" ] && [ ${#missing_apt[@]} -eq 0 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$KEY" ]; then
  echo "harness: up to date ($(elapsed))"
  exit 0
fi

if [ ${#missing_apt[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo "harness: apt-get install ${missing_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q >/dev/null
  $SUDO apt-get install -y -q "${missing_apt[@]}" >/dev/null
  echo "harness: apt done ($(elapsed))"
fi

# Everything npm's install scripts write to the temporary folder stays in a scratch folder of the repo.
SCRATCH=$REPO/.run/setup-$(date +%Y%m%d-%H%M%S)-$$
trap 'rm -rf "$SCRATCH"' EXIT
mkdir -p "$SCRATCH/tmp" "$SCRATCH/rgseed"
export TMPDIR=$SCRATCH/tmp

# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here: seed its cache
# with Debian's rg under the exact name and cache folder it looks for.
RG_CACHE=$TMPDIR/vscode-ripgrep-cache-1.15.11
mkdir -p "$RG_CACHE"
cp "$(command -v rg)" "$SCRATCH/rgseed/rg"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$SCRATCH/rgseed" rg

# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, and a user .npmrc may say yes=false.
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it.
echo "harness: npm ci in harness/ (native modules build from source: about a minute and a half)"
(cd "$HARNESS" && npm_config_yes=true npm_config_unsafe_perm=true npm ci --no-audit --no-fund --loglevel=error >"$SCRATCH/npm-ci.log" 2>&1) || {
  tail -40 "$SCRATCH/npm-ci.log"
  echo "harness: npm ci failed" >&2
  exit 1
}
test -x "$HARNESS/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" || {
  echo "harness: code-server installed without ripgrep" >&2
  exit 1
}
echo "$KEY" >"$STAMP"
echo "harness: installed ($(elapsed))"
