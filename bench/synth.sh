#!/usr/bin/env bash
# Whole-organization synth (./stack synth: every account's stack + cdk-nag + summary) against a one-stack minimal
# CDK app, measured in the same run: wall time with hyperfine, peak RSS (JVM + node child) by sampling.
# Target: org <= 2x minimal.
#   bench/synth.sh [RUNS]   (default 5; installs hyperfine and procps from Debian if missing, which needs root)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/args.sh"
help_if_asked "$0" "$@"
RUNS="${1:-5}"
whole_number "RUNS" "$RUNS"
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v pgrep >/dev/null || missing+=(procps)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[bench] installing ${missing[*]} (Debian packages)" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

"$ROOT/stack" build >/dev/null
CP="$ROOT/app/target/classes:$ROOT/app/target/lib/*"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
javac -d "$WORK/classes" -cp "$CP" "$ROOT/bench/MinimalApp.java"

minimal=(java -cp "$WORK/classes:$CP" MinimalApp "$WORK/minimal.out")
org=(java -Dthestack.root="$ROOT" -cp "$CP" dev.thestack.cli.StackCli synth --config "$ROOT/stack.yaml" --out "$WORK/org.out")

hyperfine --runs "$RUNS" --warmup 1 --style basic --export-json "$WORK/times.json" \
  -n minimal-app "${minimal[*]} >/dev/null 2>&1" \
  -n whole-organization "${org[*]} >/dev/null 2>&1" >&2

# jsii runs the CDK in a node child of the JVM: the figure is the JVM and its children combined, sampled every
# 100 ms (GNU time would report only the larger of the two processes)
tree_rss_kb() {
  local pids=("$1") queue=("$1") p
  while [ ${#queue[@]} -gt 0 ]; do
    p=${queue[0]}; queue=("${queue[@]:1}")
    for c in $(pgrep -P "$p"); do pids+=("$c"); queue+=("$c"); done
  done
  ps -o rss= $(printf -- '-p %s ' "${pids[@]}") 2>/dev/null | awk '{s+=$1} END {print s+0}'
}
peak_rss_mb() {
  "$@" >/dev/null 2>&1 &
  local pid=$! peak=0 total
  while kill -0 "$pid" 2>/dev/null; do
    total=$(tree_rss_kb "$pid")
    [ "$total" -gt "$peak" ] && peak=$total
    sleep 0.1
  done
  wait "$pid"
  echo $(( peak / 1024 ))
}
rss_min=$(peak_rss_mb "${minimal[@]}")
rss_org=$(peak_rss_mb "${org[@]}")

python3 - "$WORK/times.json" "$rss_min" "$rss_org" <<'PY'
import json, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
m, o = runs["minimal-app"], runs["whole-organization"]
rss_m, rss_o = int(sys.argv[2]), int(sys.argv[3])
ratio = o["mean"] / m["mean"]
sd = lambda r: f"{r['stddev']:.2f}" if r.get("stddev") is not None else "n/a"
print(f"minimal app (1 stack, 1 resource):         {m['mean']:6.2f} s ± {sd(m)}   peak RSS {rss_m:5d} MB")
print(f"whole organization (all stacks + cdk-nag): {o['mean']:6.2f} s ± {sd(o)}   peak RSS {rss_o:5d} MB")
print(f"ratio: wall {ratio:.2f}x, peak RSS {rss_o / rss_m:.2f}x  (target wall <= 2.00x: {'met' if ratio <= 2 else 'NOT met'})")
PY
