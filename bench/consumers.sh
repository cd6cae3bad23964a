#!/usr/bin/env bash
# Put→receive latency of SubscribeToShard and GetRecords consumers against a running Millrace (see
# docs/benchmarks.md). Usage: bench/consumers.sh ENDPOINT [SERVER_PID] [DURATION_S]
set -euo pipefail
endpoint="${1:?endpoint, e.g. http://127.0.0.1:4567}"
pid_args=()
if [ -n "${2:-}" ]; then pid_args=(--server-pid "$2"); fi
duration="${3:-20}"
jar="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/target/millrace-bench.jar"
# Each case first warms its own fresh client JVM for 30 s (unreported): the code run once per call is compiled by
# C2 only after some ten thousand calls.
run() {
  echo "== $*"
  java -jar "$jar" consumers --endpoint "$endpoint" --duration-s "$duration" --warmup-s 30 "${pid_args[@]}" "$@" \
    | grep -E '^(case|produce|server|bench|consumer [^:]*|verify|subscribe|poll):'
}
# Warm the server's JIT first, for 40 s; not reported.
java -jar "$jar" consumers --endpoint "$endpoint" --duration-s 40 --rate 5000 --consumers 2 > /dev/null
for rate in 1000 10000; do
  run --mode subscribe --consumers 1 --rate "$rate"
  run --mode poll --consumers 1 --rate "$rate" --poll-idle-ms 0
  run --mode poll --consumers 1 --rate "$rate" --poll-idle-ms 200
  run --mode subscribe --consumers 5 --rate "$rate"
done
