#!/usr/bin/env bash
# Installs the npm packages pinned by package-lock.json, once: a stamp holding the lock file's hash
# lets every later build skip npm entirely.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "node-tools: npm not found; install Node.js 20+ (apt-get install nodejs npm)" >&2; exit 1; }
stamp=node_modules/.thestack-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "[node-tools] npm ci (first build on this clone; about a minute)"
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
