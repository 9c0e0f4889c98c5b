#!/usr/bin/env bash
# Step 1 of the action: make an accord binary available and publish its path as the step's
# `bin` output. Order: a binary the caller already has (ACCORD_BIN, which the action's own
# test uses), the release binary for this runner when `version` is given and one exists,
# else a build of the action's own source, which is the revision the workflow pinned.
set -euo pipefail

out() { echo "$1=$2" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"; }

if [ -n "${ACCORD_BIN:-}" ]; then
  if [ ! -x "$ACCORD_BIN" ]; then
    echo "::error title=accord::ACCORD_BIN=$ACCORD_BIN is not an executable file"
    exit 2
  fi
  out bin "$ACCORD_BIN"
  exit 0
fi

root="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/accord"
exe=accord
[ "${RUNNER_OS:-}" = Windows ] && exe=accord.exe

# The Rust target triple of the runner, as release archives are named.
target() {
  local os arch
  case "${RUNNER_OS:-$(uname -s)}" in
    Linux) os=unknown-linux-gnu ;;
    macOS | Darwin) os=apple-darwin ;;
    Windows) os=pc-windows-msvc ;;
    *) return 1 ;;
  esac
  case "${RUNNER_ARCH:-$(uname -m)}" in
    X64 | x86_64 | amd64) arch=x86_64 ;;
    ARM64 | arm64 | aarch64) arch=aarch64 ;;
    *) return 1 ;;
  esac
  echo "$arch-$os"
}

# A composite action's own repository is not always in github.action_repository (it is empty
# in some runner versions), so it can also be given outright.
repo="${ACCORD_RELEASE_REPOSITORY:-${ACCORD_ACTION_REPOSITORY:-${GITHUB_ACTION_REPOSITORY:-}}}"
version="${ACCORD_VERSION:-}"
version="${version#v}"

if [ -n "$version" ] && { [ -z "$repo" ] || ! target >/dev/null; }; then
  echo "::notice title=accord::no release binary for version $version (action repository '${repo}', runner ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}); building from source instead"
elif [ -n "$version" ]; then
  triple="$(target)"
  url="${GITHUB_SERVER_URL:-https://github.com}/$repo/releases/download/v$version/accord-$triple.tar.gz"
  mkdir -p "$root/bin"
  if curl --fail --silent --show-error --location --retry 3 --output "$root/accord.tar.gz" "$url" 2>"$root/curl.log" &&
    tar -xzf "$root/accord.tar.gz" -C "$root/bin" &&
    [ -x "$root/bin/$exe" ]; then
    echo "accord $version from $url"
    out bin "$root/bin/$exe"
    exit 0
  fi
  echo "::notice title=accord::no release binary at $url ($(tr '\n' ' ' <"$root/curl.log")); building from source instead"
fi

action_path="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
cargo install --locked --path "$action_path/cli" --root "$root"
out bin "$root/bin/$exe"
