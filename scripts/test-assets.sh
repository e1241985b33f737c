#!/usr/bin/env bash
# Reference files the tests check our outputs against, fetched from the npm registry once per venv.
# The SARIF 2.1.0 JSON schema ships inside Microsoft's SARIF multitool package.
set -euo pipefail
dest="${1:-.venv/share/catalogc-test}"
mkdir -p "$dest"
if [ ! -s "$dest/sarif-2.1.0.json" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "test-assets: npm not found; SARIF schema validation will be skipped" >&2
    exit 0
  fi
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent @microsoft/sarif-multitool-linux@5.7.0 >/dev/null \
     && tar xzf microsoft-sarif-multitool-linux-5.7.0.tgz package/sarif-2.1.0.json)
  mv "$tmp/package/sarif-2.1.0.json" "$dest/sarif-2.1.0.json"
fi
