#!/usr/bin/env bash
# Provide the Pulumi CLI, the Node.js language host and the dynamic-provider plugin
# without downloading any prebuilt binary: Debian has no Pulumi and the CLI's own
# installers fetch from the internet, so the CLI is built from its Go modules
# (wrapper modules in tools/pulumi) into .tools/bin. A pulumi >= MIN_VERSION already
# on PATH is used instead. Re-runs reuse an earlier build.
#
# Usage: bash scripts/setup-pulumi.sh   (npm run setup:pulumi)
# Env:   PULUMI_SETUP_FORCE_BUILD=1 ignores a pulumi on PATH and rebuilds .tools/bin.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/.tools/bin"
PINNED_VERSION="v3.248.0"
# The language host comes from sdk/v3 v3.68.0 (see tools/pulumi/language-nodejs/go.mod).
HOST_VERSION="v3.68.0"
MIN_VERSION="3.216.0"
MIN_GO="1.25.11"
CLI_PKG="github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
HOST_PKG="github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
VERSION_VAR="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
PROVIDER_SCRIPT="$ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

# `pulumi version` must not phone home while we probe it.
export PULUMI_SKIP_UPDATE_CHECK=true

say() { printf 'setup-pulumi: %s\n' "$*"; }
die() {
  printf 'setup-pulumi: error: %s\n' "$*" >&2
  exit 1
}

# version_ge A B: true when dotted version A >= B (leading "v" ignored).
version_ge() {
  local a="${1#v}" b="${2#v}"
  [ "$(printf '%s\n%s\n' "$b" "$a" | sort -V | head -n 1)" = "$b" ]
}

# The version a pulumi binary reports, or nothing when it cannot run.
pulumi_version_of() {
  "$1" version 2>/dev/null | tr -d '[:space:]' || true
}

# The dynamic-provider plugin is a shell script shipped in @pulumi/pulumi; the CLI finds
# it next to the pulumi binary or on PATH, and never downloads it.
link_provider_script() {
  [ -f "$PROVIDER_SCRIPT" ] ||
    die "$PROVIDER_SCRIPT is missing: run 'npm ci' first (it ships in @pulumi/pulumi)."
  [ -x "$PROVIDER_SCRIPT" ] || chmod +x "$PROVIDER_SCRIPT"
  mkdir -p "$BIN"
  ln -sfn "../../node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" \
    "$BIN/pulumi-resource-pulumi-nodejs"
}

# Fails with a clear message unless a new enough Go is installed.
require_go() {
  command -v go >/dev/null 2>&1 ||
    die "Go is not installed. Install Go >= $MIN_GO (the Pulumi CLI is built from its Go modules), or put a pulumi >= $MIN_VERSION on PATH."
  local have
  have="$(go env GOVERSION 2>/dev/null || true)"
  have="${have#go}"
  have="${have%%[-+ ]*}"
  if [ -z "$have" ] || ! version_ge "$have" "$MIN_GO"; then
    die "Go ${have:-unknown} is too old: building Pulumi $PINNED_VERSION needs Go >= $MIN_GO."
  fi
}

# go_build MODULE_DIR PACKAGE VERSION OUTPUT: builds into a temp file and moves it in
# place, so an interrupted build never leaves a broken binary that looks reusable.
go_build() {
  local dir="$1" pkg="$2" version="$3" out="$4" log
  log="$(mktemp)"
  mkdir -p "$BIN"
  say "building $(basename "$out") $version (6-12 min with cold Go caches, seconds with warm ones)..."
  # GOTOOLCHAIN=local: a too-old Go was rejected above, so never fetch a toolchain.
  if ! (cd "$dir" && GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:-} -mod=readonly" \
    go build -trimpath -ldflags "-X $VERSION_VAR=$version" -o "$out.tmp" "$pkg") >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$out.tmp"
    if grep -qiE 'dial tcp|proxy|no such host|timeout|connection refused|403 Forbidden|404 Not Found|i/o timeout|TLS' "$log"; then
      rm -f "$log"
      die "could not download Go modules for $pkg from the module proxy ($(go env GOPROXY)); check network access to it (see the errors above)."
    fi
    rm -f "$log"
    die "go build of $pkg failed (see the errors above)."
  fi
  rm -f "$log"
  mv -f "$out.tmp" "$out"
}

# The pinned language host (sdk v3.68.0) predates GenerateProgram, so `pulumi import` could not
# print code with it. tools/pulumi/codegen-host is a language host that only generates programs,
# with the CLI's own Node.js generator (pkg/v3 v3.248.0); tests put it first on PATH for
# `pulumi import` only. Not needed with a full pulumi installation on PATH.
CODEGEN_BIN="$ROOT/.tools/codegen-host/bin"
build_codegen_host() {
  mkdir -p "$CODEGEN_BIN"
  go_build "$ROOT/tools/pulumi" ./codegen-host "$PINNED_VERSION" "$CODEGEN_BIN/pulumi-language-nodejs"
}

build_language_host() {
  go_build "$ROOT/tools/pulumi/language-nodejs" "$HOST_PKG" "$HOST_VERSION" \
    "$BIN/pulumi-language-nodejs"
}

report() {
  say "pulumi $(pulumi_version_of "$1") at $1"
  say "language host: $2"
  say "dynamic provider plugin: $3"
  if [ -x "$CODEGEN_BIN/pulumi-language-nodejs" ]; then
    say "codegen host for pulumi import: $CODEGEN_BIN/pulumi-language-nodejs"
  fi
}

# 1. Reuse an earlier build.
if [ "${PULUMI_SETUP_FORCE_BUILD:-}" != "1" ] && [ -x "$BIN/pulumi" ] &&
  [ -x "$BIN/pulumi-language-nodejs" ] &&
  [ "$(pulumi_version_of "$BIN/pulumi")" = "$PINNED_VERSION" ]; then
  link_provider_script
  if [ ! -x "$CODEGEN_BIN/pulumi-language-nodejs" ]; then
    require_go
    build_codegen_host
  fi
  say "reusing the earlier build in $BIN"
  report "$BIN/pulumi" "$BIN/pulumi-language-nodejs" "$BIN/pulumi-resource-pulumi-nodejs"
  exit 0
fi

# 2. A new enough pulumi on PATH (other than our own .tools/bin).
path_pulumi=""
if [ "${PULUMI_SETUP_FORCE_BUILD:-}" != "1" ]; then
  bin_real=""
  [ -d "$BIN" ] && bin_real="$(cd "$BIN" && pwd -P)"
  IFS=: read -r -a path_dirs <<<"${PATH:-}"
  for d in "${path_dirs[@]}"; do
    if [ -z "$d" ] || [ ! -f "$d/pulumi" ] || [ ! -x "$d/pulumi" ]; then continue; fi
    [ -n "$bin_real" ] && [ "$(cd "$d" 2>/dev/null && pwd -P)" = "$bin_real" ] && continue
    path_pulumi="$d/pulumi"
    break
  done
fi
if [ -n "$path_pulumi" ]; then
  v="$(pulumi_version_of "$path_pulumi")"
  if [ -n "$v" ] && version_ge "$v" "$MIN_VERSION"; then
    pdir="$(dirname "$path_pulumi")"
    # Prefer the language host and plugin installed with that CLI; fill gaps in .tools/bin
    # (pulumi-env.ts puts .tools/bin on PATH too, which is where the CLI also looks).
    if [ -x "$pdir/pulumi-language-nodejs" ]; then
      host="$pdir/pulumi-language-nodejs"
    elif command -v pulumi-language-nodejs >/dev/null 2>&1; then
      host="$(command -v pulumi-language-nodejs)"
    elif [ -x "$BIN/pulumi-language-nodejs" ]; then
      host="$BIN/pulumi-language-nodejs"
    else
      require_go
      build_language_host
      host="$BIN/pulumi-language-nodejs"
    fi
    if [ -x "$pdir/pulumi-resource-pulumi-nodejs" ]; then
      provider="$pdir/pulumi-resource-pulumi-nodejs"
    else
      link_provider_script
      provider="$BIN/pulumi-resource-pulumi-nodejs"
    fi
    say "using pulumi $v from PATH"
    report "$path_pulumi" "$host" "$provider"
    exit 0
  fi
  say "ignoring pulumi ${v:-of unknown version} at $path_pulumi (need >= $MIN_VERSION)"
fi

# 3. Build from the Go modules.
require_go
link_provider_script
start=$SECONDS
go_build "$ROOT/tools/pulumi" "$CLI_PKG" "$PINNED_VERSION" "$BIN/pulumi"
build_language_host
build_codegen_host
built="$(pulumi_version_of "$BIN/pulumi")"
[ "$built" = "$PINNED_VERSION" ] ||
  die "the built $BIN/pulumi reports '${built}', expected $PINNED_VERSION."
say "built in $((SECONDS - start))s"
report "$BIN/pulumi" "$BIN/pulumi-language-nodejs" "$BIN/pulumi-resource-pulumi-nodejs"
