#!/usr/bin/env bash
# Provide one Pulumi toolchain in .tools/bin — the CLI, the Node.js language host and the
# dynamic-provider plugin — without downloading any prebuilt binary: Debian has no Pulumi and the
# CLI's own installers fetch from the internet, so it is built from the Go modules pinned in
# tools/pulumi. After this, `.tools/bin/pulumi` runs up, preview, refresh, destroy and import
# with nothing else on PATH (the CLI finds its language host and plugins next to itself).
#
#   .tools/bin/pulumi                         the CLI v3.248.0 (pkg/v3/cmd/pulumi)
#   .tools/bin/pulumi-language-nodejs         tools/pulumi/nodejs-host: generates code itself and
#                                             relays every other call to the pinned host below
#   .tools/libexec/pulumi-language-nodejs     the pinned Node.js host of sdk/v3 v3.68.0
#   .tools/bin/pulumi-resource-pulumi-nodejs  the dynamic-provider plugin from @pulumi/pulumi
#   .tools/libexec/pulumi-codegen-host        tools/pulumi/codegen-host: GeneratePackage only, with
#                                             pkg/v3/codegen/{python,go} v3.248.0 (gen-sdk), linked as
#   .tools/bin/pulumi-language-{python,go}    the hosts `pulumi package gen-sdk --language …` starts
#   .tools/bin/pulumi-language-dotnet         tools/pulumi/dotnet-host: GeneratePackage only, with
#                                             pkg/v3/codegen/dotnet v3.224.0 (gone from later pkg/v3)
#   .tools/source-hash                        what the build was made from (re-runs reuse it)
#
# Without an earlier build, a full Pulumi installation (pulumi >= MIN_VERSION with its own
# pulumi-language-nodejs next to it) found on PATH is linked as .tools/bin/pulumi instead.
#
# Usage: bash scripts/setup-pulumi.sh   (npm run setup:pulumi)
# Env:   PULUMI_SETUP_FORCE_BUILD=1 ignores a pulumi on PATH and an earlier build, and rebuilds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
LIBEXEC="$TOOLS/libexec"
STAMP="$TOOLS/source-hash"
PINNED_VERSION="v3.248.0"
# The language host comes from sdk/v3 v3.68.0 (see tools/pulumi/language-nodejs/go.mod).
HOST_VERSION="v3.68.0"
MIN_VERSION="3.216.0"
MIN_GO="1.25.11"
# The languages the codegen host generates SDKs for (tools/pulumi/codegen-host/generators.go).
CODEGEN_LANGUAGES="python go"
# The .NET generator left pkg/v3 after v3.224.0 (see tools/pulumi/dotnet-host/main.go).
DOTNET_CODEGEN_VERSION="v3.224.0"
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

# A hash of everything the build is made from: the Go sources and modules in tools/pulumi (paths
# relative to the repository, so every clone agrees) and the versions stamped into the binaries.
source_hash() {
  (
    cd "$ROOT"
    printf 'cli %s host %s\n' "$PINNED_VERSION" "$HOST_VERSION"
    find tools/pulumi -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  ) | sha256sum | cut -d ' ' -f 1
}

# The dynamic-provider plugin is a shell script shipped in @pulumi/pulumi; the CLI finds it next
# to the pulumi binary (or on PATH) and never downloads it.
link_provider_script() {
  [ -f "$PROVIDER_SCRIPT" ] ||
    die "$PROVIDER_SCRIPT is missing: run 'npm ci' first (it ships in @pulumi/pulumi)."
  [ -x "$PROVIDER_SCRIPT" ] || chmod +x "$PROVIDER_SCRIPT"
  mkdir -p "$BIN"
  ln -sfn "../../node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" \
    "$BIN/pulumi-resource-pulumi-nodejs"
}

# The codegen host serves every language in CODEGEN_LANGUAGES; the name it is started under picks
# the language, so each pulumi-language-<lang> in .tools/bin is a link to the one binary.
link_codegen_hosts() {
  local lang
  for lang in $CODEGEN_LANGUAGES; do
    ln -sfn "../libexec/pulumi-codegen-host" "$BIN/pulumi-language-$lang"
  done
}

# Fails with a clear message unless a new enough Go is installed.
require_go() {
  command -v go >/dev/null 2>&1 ||
    die "Go is not installed. Install Go >= $MIN_GO (the Pulumi CLI is built from its Go modules), or put a full Pulumi installation >= $MIN_VERSION on PATH."
  local have
  have="$(go env GOVERSION 2>/dev/null || true)"
  have="${have#go}"
  have="${have%%[-+ ]*}"
  if [ -z "$have" ] || ! version_ge "$have" "$MIN_GO"; then
    die "Go ${have:-unknown} is too old: building Pulumi $PINNED_VERSION needs Go >= $MIN_GO."
  fi
}

# go_build MODULE_DIR PACKAGE VERSION OUTPUT: builds into a temp file and moves it in place, so
# an interrupted build never leaves a broken binary behind.
go_build() {
  local dir="$1" pkg="$2" version="$3" out="$4" log
  log="$(mktemp)"
  mkdir -p "$(dirname "$out")"
  say "building $out ($pkg $version)..."
  # GOTOOLCHAIN=local: a too-old Go was rejected above, so never fetch a toolchain.
  # -mod=readonly: exactly the modules and hashes pinned in go.mod/go.sum.
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

# Removes what earlier runs (or earlier layouts of this script) left in .tools, except Go's
# own caches, which live outside it.
clear_tools() {
  rm -rf "$BIN" "$LIBEXEC" "$TOOLS/codegen-host" "$STAMP"
}

report() {
  local exe="$BIN/pulumi" real
  real="$(readlink -f "$exe")"
  say "pulumi $(pulumi_version_of "$exe") at $exe$([ "$real" != "$exe" ] && printf ' -> %s' "$real")"
  say "Node.js language host: $(dirname "$real")/pulumi-language-nodejs"
  if [ -x "$LIBEXEC/pulumi-language-nodejs" ] && [ "$real" = "$exe" ]; then
    say "  relaying to the pinned host $HOST_VERSION: $LIBEXEC/pulumi-language-nodejs"
  fi
  say "put $BIN on PATH to type plain 'pulumi':  export PATH=\"$BIN:\$PATH\""
}

want_hash="$(source_hash)"

# 1. Reuse an earlier build made from the same sources.
if [ "${PULUMI_SETUP_FORCE_BUILD:-}" != "1" ] && [ -f "$STAMP" ] &&
  [ "$(cat "$STAMP")" = "$want_hash" ] &&
  [ -x "$BIN/pulumi" ] && [ ! -L "$BIN/pulumi" ] &&
  [ -x "$BIN/pulumi-language-nodejs" ] && [ -x "$LIBEXEC/pulumi-language-nodejs" ] &&
  [ -x "$LIBEXEC/pulumi-codegen-host" ] && [ -x "$BIN/pulumi-language-dotnet" ] &&
  [ "$(pulumi_version_of "$BIN/pulumi")" = "$PINNED_VERSION" ]; then
  link_provider_script
  link_codegen_hosts
  say "reusing the earlier build in $BIN"
  report
  exit 0
fi

# 2. Without an earlier build of ours: a full Pulumi installation on PATH (its pulumi, language
#    host and dynamic-provider plugin side by side), linked as .tools/bin/pulumi. The CLI resolves
#    the link and finds the installation's own host and plugins next to the real binary.
if [ "${PULUMI_SETUP_FORCE_BUILD:-}" != "1" ] && [ ! -f "$STAMP" ]; then
  bin_real=""
  [ -d "$BIN" ] && bin_real="$(cd "$BIN" && pwd -P)"
  IFS=: read -r -a path_dirs <<<"${PATH:-}"
  for d in "${path_dirs[@]}"; do
    [ -n "$d" ] && [ -x "$d/pulumi" ] && [ -f "$d/pulumi" ] || continue
    [ -n "$bin_real" ] && [ "$(cd "$d" 2>/dev/null && pwd -P)" = "$bin_real" ] && continue
    real="$(readlink -f "$d/pulumi")"
    pdir="$(dirname "$real")"
    v="$(pulumi_version_of "$real")"
    if [ -n "$v" ] && version_ge "$v" "$MIN_VERSION" && [ -x "$pdir/pulumi-language-nodejs" ] &&
      [ -x "$pdir/pulumi-resource-pulumi-nodejs" ]; then
      clear_tools
      mkdir -p "$BIN"
      ln -s "$real" "$BIN/pulumi"
      say "using the Pulumi $v installation at $pdir"
      report
      exit 0
    fi
    say "ignoring pulumi ${v:-of unknown version} at $d/pulumi (need >= $MIN_VERSION with pulumi-language-nodejs next to it)"
    break
  done
fi

# 3. Build from the Go modules.
require_go
say "building the toolchain from Go modules: 6-12 min with empty Go caches, 1-3 min with warm ones"
clear_tools
link_provider_script
start=$SECONDS
go_build "$ROOT/tools/pulumi" "$CLI_PKG" "$PINNED_VERSION" "$BIN/pulumi"
go_build "$ROOT/tools/pulumi/language-nodejs" "$HOST_PKG" "$HOST_VERSION" "$LIBEXEC/pulumi-language-nodejs"
go_build "$ROOT/tools/pulumi" ./nodejs-host "$PINNED_VERSION" "$BIN/pulumi-language-nodejs"
go_build "$ROOT/tools/pulumi" ./codegen-host "$PINNED_VERSION" "$LIBEXEC/pulumi-codegen-host"
link_codegen_hosts
go_build "$ROOT/tools/pulumi/dotnet-host" . "$DOTNET_CODEGEN_VERSION" "$BIN/pulumi-language-dotnet"
built="$(pulumi_version_of "$BIN/pulumi")"
[ "$built" = "$PINNED_VERSION" ] ||
  die "the built $BIN/pulumi reports '${built}', expected $PINNED_VERSION."
# Written last: only a complete build is ever reused.
printf '%s\n' "$want_hash" >"$STAMP"
say "built in $((SECONDS - start))s"
report
