#!/usr/bin/env bash
# Generates the Java binding of the npm package cdk-monitoring-constructs with jsii-pacmak.
# The Java artifact is not served by the Maven registry here, the npm package is. The output goes to a
# per-machine cache keyed by both versions, so a machine generates it once whatever clone builds it.
set -euo pipefail
out="$1"; tools="$(cd "$(dirname "$0")/../node-tools" && pwd)"
stamp="$out/.complete"
[ -f "$stamp" ] && exit 0
pkg="$tools/node_modules/cdk-monitoring-constructs"
[ -d "$pkg" ] || { echo "monitoring-constructs: $pkg missing; the node-tools module installs it (run the build from the repository root)" >&2; exit 1; }
echo "[monitoring-constructs] jsii-pacmak --code-only --target java -> $out"
tmp="$out.tmp.$$"
rm -rf "$tmp"; mkdir -p "$tmp"
( cd "$pkg" && JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 "$tools/node_modules/.bin/jsii-pacmak" --code-only --target java --outdir "$tmp" . )
rm -rf "$out"; mv "$tmp" "$out"
touch "$stamp"
echo "[monitoring-constructs] generated; compiling its ~470 classes (about a minute, once per clone)"
