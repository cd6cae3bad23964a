#!/usr/bin/env bash
# Firehose PutRecordBatch ingest and delivery (see docs/benchmarks.md): starts a fresh server from SERVER_JAR on a
# temporary data directory, runs `millrace-bench firehose` against it (to the embedded S3 directory, or with
# `s3proxy` to an s3proxy the bench starts on 127.0.0.1), then prints the server's CPU seconds per thread group
# (from /proc, so Linux only) and stops the server.
# Usage: bench/firehose.sh SERVER_JAR [local|s3proxy] [RECORDS]
set -euo pipefail
server_jar="${1:?server jar, e.g. server/target/millrace.jar}"
target="${2:-local}"
records="${3:-300000}"
port=45871
s3_port=45880
bench_jar="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/target/millrace-bench.jar"
data="$(mktemp -d)"
server_args=(--port "$port" --data-dir "$data")
bench_args=(--endpoint "http://127.0.0.1:$port" --data-dir "$data" --records "$records")
if [ "$target" = s3proxy ]; then
  server_args+=(--s3-endpoint "http://127.0.0.1:$s3_port" --s3-access-key bench --s3-secret-key bench-secret)
  bench_args+=(--s3proxy-port "$s3_port")
fi
java -Xmx1g -jar "$server_jar" "${server_args[@]}" > "$data.server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data" "$data.server.log"' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.3; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar "$bench_jar" firehose "${bench_args[@]}" | grep -E '^(records|accepted|delivered)='
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# CPU seconds per thread group since the server started (digits folded: epollEventLoopGroup-3-1 and -3-2 add up).
python3 - "$server" <<'PY'
import collections, os, re, sys
pid, tick, cpu = sys.argv[1], os.sysconf('SC_CLK_TCK'), collections.Counter()
for task in os.listdir(f'/proc/{pid}/task'):
    stat = open(f'/proc/{pid}/task/{task}/stat').read()
    fields = stat[stat.rindex(')') + 2:].split()
    cpu[re.sub(r'\d+', 'N', stat[stat.index('(') + 1:stat.rindex(')')])] += (int(fields[11]) + int(fields[12])) / tick
print(f'server cpu_s={sum(cpu.values()):.2f}: ' + ', '.join(f'{k}={v:.2f}' for k, v in cpu.most_common(8)))
PY
