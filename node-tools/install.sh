#!/usr/bin/env bash
# Installs the npm packages pinned by package-lock.json, once: a stamp holding the lock file's hash
# lets every later build skip npm entirely.
set -euo pipefail
cd "$(dirname "$0")"
# jsii, aws-cdk-lib and dynalite need Node.js 20.16 or newer; Debian 12's own nodejs package is 18
command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "node-tools: node or npm not found; install Node.js 20.16 or newer (NodeSource's packages, not Debian 12's nodejs, which is 18)" >&2; exit 1; }
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 16) ? 0 : 1)' \
  || { echo "node-tools: Node.js $(node --version) is too old; jsii and aws-cdk-lib need 20.16 or newer (NodeSource's packages, not Debian 12's nodejs, which is 18)" >&2; exit 1; }
stamp=node_modules/.thestack-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "[node-tools] npm ci (first build on this clone; about a minute)"
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
