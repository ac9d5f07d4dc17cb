#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the local storage emulators that the cloud-azure and cloud-gcp tests start on 127.0.0.1, into
# .vss/emulators (git-ignored). The tests call this script themselves when an emulator is missing.
#   azurite               Azure Blob Storage emulator, from npm (needs node + npm)
#   fake-gcs-server       Google Cloud Storage JSON-API emulator, built from its Go module (needs Go); it honours
#                         ifGenerationMatch atomically, which the conditional-write tests need
#   gcp-storage-emulator  another GCS emulator, from PyPI (needs python3 with venv); it ignores ifGenerationMatch,
#                         so the tests no longer use it ("gcs" installs it on request)
# Usage: scripts/install/emulators.sh [azurite|fake-gcs|gcs|all]
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
dest="$root/.vss/emulators"
# Azurite 3.36+ needs Node >= 21; 3.35.0 is the newest that runs on the Node 20 of our machines.
AZURITE_VERSION=3.35.0
GCS_EMULATOR_VERSION=2026.7.19
FAKE_GCS_VERSION=v1.56.1
what=${1:-all}

install_azurite() {
  local dir="$dest/azurite"
  if [ -x "$dir/node_modules/.bin/azurite-blob" ]; then return 0; fi
  command -v npm >/dev/null || { echo "install/emulators.sh: npm not found (apt-get install nodejs npm)" >&2; return 1; }
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION"
}

install_gcs() {
  local dir="$dest/gcs-venv"
  if [ -x "$dir/bin/gcp-storage-emulator" ]; then return 0; fi
  command -v python3 >/dev/null || { echo "install/emulators.sh: python3 not found" >&2; return 1; }
  python3 -m venv "$dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check "gcp-storage-emulator==$GCS_EMULATOR_VERSION"
}

install_fake_gcs() {
  local dir="$dest/fake-gcs"
  if [ -x "$dir/bin/fake-gcs-server" ]; then return 0; fi
  local go
  go=$(command -v go || true)
  if [ -z "$go" ] && [ -x /usr/local/go/bin/go ]; then go=/usr/local/go/bin/go; fi
  [ -n "$go" ] || { echo "install/emulators.sh: go not found (apt-get install golang-go)" >&2; return 1; }
  mkdir -p "$dir/bin"
  GOBIN="$dir/bin" "$go" install "github.com/fsouza/fake-gcs-server@$FAKE_GCS_VERSION"
}

case "$what" in
  azurite) install_azurite ;;
  fake-gcs) install_fake_gcs ;;
  gcs) install_gcs ;;
  all) install_azurite; install_fake_gcs ;;
  *) echo "usage: $0 [azurite|fake-gcs|gcs|all]" >&2; exit 2 ;;
esac
