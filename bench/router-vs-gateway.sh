#!/usr/bin/env bash
# Throughput and latency of the routers in front of the same running subgraphs, with wrk, in one run:
# @apollo/gateway (node-tools/gateway.mjs) and the Java router once it is served by FederationBenchServers, plus
# the Todo subgraph called directly, whose p50 is what a router's overhead is measured against.
# Usage: bench/router-vs-gateway.sh [seconds per measurement, default 15] [connections, default 8] [live|replayed]
# live (default): the subgraphs as built, on dynalite; replayed: every target in front of subgraphs that answer
# from memory what the live ones answered (ReplayedSubgraph), so the routers' own cost and overhead show.
# Installs wrk from Debian if it is missing (needs root). Prints a Markdown table.
set -euo pipefail
. "$(dirname "$0")/args.sh"
help_if_asked "$0" "$@"
cd "$(dirname "$0")/.."
duration="${1:-15}"
connections="${2:-8}"
whole_number "SECONDS" "$duration"
whole_number "CONNECTIONS" "$connections"
subgraphs="${3:-live}"
case "$subgraphs" in
  live) server_args=() ;;
  replayed) server_args=(--replayed-subgraphs) ;;
  *) echo "the third argument is live or replayed, not '$subgraphs'" >&2; exit 2 ;;
esac
warmup=10
work=bench/target/router-vs-gateway
mkdir -p "$work"

if ! command -v wrk >/dev/null; then
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
mvn -B -ntp -q install -DskipTests -pl bench -am

urls="$work/urls"
rm -f "$urls"
# the subgraph handlers this JVM serves itself run outside Lambda: EMF goes to stdout as in Lambda (not to a
# CloudWatch agent on TCP 25888), and X-Ray has no Lambda segment to attach to
export AWS_EMF_ENVIRONMENT=Lambda AWS_XRAY_CONTEXT_MISSING=IGNORE_ERROR
# nodelay: the JDK's HTTP server (LambdaHttpServer, ReplayedSubgraph) otherwise writes the head and the body of an
# answer in two segments, and Nagle's algorithm holds the second until the client's delayed ACK, 40 ms later
java -Dsun.net.httpserver.nodelay=true -cp "bench/target/hello-lambda.jar:bench/target/runtime/*" dev.thestack.bench.FederationBenchServers "$urls" "${server_args[@]}" \
  > "$work/servers.log" 2>&1 &
servers=$!
trap 'kill "$servers" 2>/dev/null; wait "$servers" 2>/dev/null || true' EXIT
for _ in $(seq 180); do
  [ -f "$urls" ] && break
  kill -0 "$servers" 2>/dev/null || { echo "the servers exited; see $work/servers.log:" >&2; tail -20 "$work/servers.log" >&2; exit 1; }
  sleep 1
done
[ -f "$urls" ] || { echo "the servers did not start within 180 s; see $work/servers.log" >&2; exit 1; }

declare -A queries=(
  [root-field]="bench/queries/root-field.json"
  [entity-join]="bench/queries/entity-join.json"
  [mix]="bench/queries/root-field.json bench/queries/entity-join.json bench/queries/mix-aliases.json bench/queries/mix-variables.json"
  [mix-todo]="bench/queries/root-field.json bench/queries/mix-aliases.json bench/queries/mix-variables.json"
)
url_of() { grep "^$1=" "$urls" | cut -d= -f2-; }
routers=$(cut -d= -f1 "$urls" | grep -v '^subgraph-' | tr '\n' ' ')
# the subgraph alone cannot answer the join (attachments are Media's): it runs the queries it owns
runs="subgraph-todo:root-field subgraph-todo:mix-todo"
for router in $routers; do
  runs="$runs $router:root-field $router:entity-join $router:mix"
done

# every target must answer every body it is timed on with data and no error, or its speed means nothing
for run in $runs; do
  target=${run%%:*} query=${run#*:}
  for body in ${queries[$query]}; do
    answer=$(curl -sS -X POST "$(url_of "$target")" -H 'Content-Type: application/json' \
      -H 'x-tenant-id: bench' -H 'x-user-id: bench-user' --data-binary @"$body")
    if [[ "$answer" != *'"data"'* || "$answer" == *'"errors"'* ]]; then
      echo "$target answered $body with: $answer" >&2
      exit 1
    fi
  done
done

# wrk prints latencies as 812.00us, 1.23ms or 1.01s
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }

declare -A rps p50 p99
for run in $runs; do
  target=${run%%:*} query=${run#*:}
  out="$work/$target-$query.txt"
  # shellcheck disable=SC2086 # the body files are separate arguments
  wrk -t1 -c"$connections" -d"${warmup}s" -s bench/graphql-post.lua "$(url_of "$target")" -- ${queries[$query]} >/dev/null
  # shellcheck disable=SC2086
  wrk -t1 -c"$connections" -d"${duration}s" --latency -s bench/graphql-post.lua "$(url_of "$target")" \
    -- ${queries[$query]} > "$out"
  if grep -q "Non-2xx" "$out"; then
    echo "$target: $(grep Non-2xx "$out") for $query" >&2
    exit 1
  fi
  rps[$run]=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$out")
  p50[$run]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99[$run]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
done

echo
echo "wrk -t1 -c$connections -d${duration}s after a ${warmup}s warm-up each, $subgraphs subgraphs; $(nproc) cores shared by wrk, the JVMs and node"
echo
echo "| target | query | req/s | p50 ms | p99 ms |"
echo "|---|---|---:|---:|---:|"
for run in $runs; do
  echo "| ${run%%:*} | ${run#*:} | ${rps[$run]} | ${p50[$run]} | ${p99[$run]} |"
done
echo
for router in $routers; do
  awk -v r="${p50[$router:root-field]}" -v s="${p50[subgraph-todo:root-field]}" -v n="$router" \
    'BEGIN { printf "%s overhead (root-field p50 minus the subgraph'"'"'s): %.2f ms\n", n, r - s }'
done
if [[ " $routers " == *" java-router "* && " $routers " == *" apollo-gateway "* ]]; then
  for query in root-field entity-join mix; do
    awk -v r="${rps[java-router:$query]}" -v g="${rps[apollo-gateway:$query]}" \
      -v rp="${p99[java-router:$query]}" -v gp="${p99[apollo-gateway:$query]}" -v q="$query" \
      'BEGIN { printf "%s: Java router / gateway throughput %.2fx, p99 %.2f vs %.2f ms\n", q, r / g, rp, gp }'
  done
fi
