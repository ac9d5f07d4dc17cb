#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs cfn-lint (AWS's CloudFormation/SAM template linter, from PyPI) into .vss/cfn-lint (git-ignored): the
# adapter-aws tests validate template.yaml with it. Idempotent.
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
CFN_LINT_VERSION=1.58.0
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/.vss/cfn-lint"
if [ -x "$dir/bin/cfn-lint" ] && "$dir/bin/cfn-lint" --version 2>/dev/null | grep -q "$CFN_LINT_VERSION"; then
  exit 0
fi
echo "Installing cfn-lint $CFN_LINT_VERSION into $dir ..." >&2
rm -rf "$dir"
python3 -m venv "$dir"
"$dir/bin/pip" install --quiet --disable-pip-version-check "cfn-lint==$CFN_LINT_VERSION" >&2
"$dir/bin/cfn-lint" --version >&2
