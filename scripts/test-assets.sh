#!/usr/bin/env bash
# Reference files the tests check our outputs against, fetched from the npm registry once per venv.
# The SARIF 2.1.0 JSON schema ships inside Microsoft's SARIF multitool package.
set -euo pipefail
dest="${1:-.venv/share/catalogc-test}"
mkdir -p "$dest"
fetch_npm() {  # fetch_npm PACKAGE@VERSION MEMBER TARGET: one file out of an npm package
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$1" >/dev/null && tar xzf ./*.tgz "$2")
  mv "$tmp/$2" "$3"
  rm -rf "$tmp"
}
# axe-core runs in the browser tests' pages for the accessibility check.
if [ ! -s "$dest/axe.min.js" ] && command -v npm >/dev/null 2>&1; then
  fetch_npm axe-core@4.10.3 package/axe.min.js "$dest/axe.min.js"
fi
# The browser tests drive Debian's chromium (Playwright's own browser download is not available).
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-assets: installing Debian's chromium for the browser tests" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
# The YAML language server editors use (VS Code's YAML extension, nvim-lspconfig's yamlls): the
# schema test drives it over stdio. 1.25.0 is the newest release that runs on Node 20.
if [ ! -s "$dest/yls/node_modules/yaml-language-server/bin/yaml-language-server" ] && command -v npm >/dev/null 2>&1; then
  npm install --silent --no-audit --no-fund --prefix "$dest/yls" yaml-language-server@1.25.0 >/dev/null
fi
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
