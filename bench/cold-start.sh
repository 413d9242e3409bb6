#!/usr/bin/env bash
# Cold start of every handler (Todo, Media, the router) against the hello-world floor, on JDK 17 and JDK 25, with and without AppCDS / the
# AOT cache / C1 only, and with SnapStart's priming hooks (see bench/README.md for what each row means).
# Usage: bench/cold-start.sh [runs] ; JDK25_HOME overrides the JDK 25 location. Prints Markdown tables.
# COLD_START_ROWS="Lambda default (C1 + Serial GC),default" measures only those rows (their flags column);
# COLD_START_BASELINE=DIR adds the todo-, media- and router-lambda.jar of another build in DIR, in the same run.
set -euo pipefail
. "$(dirname "$0")/args.sh"
help_if_asked "$0" "$@"
cd "$(dirname "$0")/.."
runs="${1:-10}"
whole_number "runs" "$runs"
jdk17="${JDK17_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
jdk25="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
jdks=("jdk17=$jdk17")
if [ -x "$jdk25/bin/java" ]; then
  jdks+=("jdk25=$jdk25")
else
  echo "no JDK 25 at $jdk25 (set JDK25_HOME): measuring JDK 17 only" >&2
fi
# the handler jars and the benchmark's class path (bench/target/runtime), built without running the tests
mvn -B -ntp -q install -DskipTests -pl bench -am
# the subgraph handlers this JVM serves itself run outside Lambda: EMF goes to stdout as in Lambda (not to a
# CloudWatch agent on TCP 25888), and X-Ray has no Lambda segment to attach to
export AWS_EMF_ENVIRONMENT=Lambda AWS_XRAY_CONTEXT_MISSING=IGNORE_ERROR
exec "$jdk17/bin/java" -cp "bench/target/hello-lambda.jar:bench/target/runtime/*" \
  dev.thestack.bench.ColdStartBenchmark "$runs" bench/target/cold-start "${jdks[@]}"
