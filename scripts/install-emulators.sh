#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the local storage emulators that the cloud-azure and cloud-gcp tests start on 127.0.0.1, into
# .vss/emulators (git-ignored). The tests call this script themselves when an emulator is missing.
#   azurite               Azure Blob Storage emulator, from npm (needs node + npm)
#   gcp-storage-emulator  Google Cloud Storage JSON-API emulator, from PyPI (needs python3 with venv)
# Usage: scripts/install-emulators.sh [azurite|gcs|all]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.vss/emulators"
# Azurite 3.36+ needs Node >= 21; 3.35.0 is the newest that runs on the Node 20 of our machines.
AZURITE_VERSION=3.35.0
GCS_EMULATOR_VERSION=2026.7.19
what=${1:-all}

install_azurite() {
  local dir="$dest/azurite"
  if [ -x "$dir/node_modules/.bin/azurite-blob" ]; then return 0; fi
  command -v npm >/dev/null || { echo "install-emulators: npm not found (apt-get install nodejs npm)" >&2; return 1; }
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION"
}

install_gcs() {
  local dir="$dest/gcs-venv"
  if [ -x "$dir/bin/gcp-storage-emulator" ]; then return 0; fi
  command -v python3 >/dev/null || { echo "install-emulators: python3 not found" >&2; return 1; }
  python3 -m venv "$dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check "gcp-storage-emulator==$GCS_EMULATOR_VERSION"
}

case "$what" in
  azurite) install_azurite ;;
  gcs) install_gcs ;;
  all) install_azurite; install_gcs ;;
  *) echo "usage: $0 [azurite|gcs|all]" >&2; exit 2 ;;
esac
