#!/usr/bin/env bash
# How much of Kafka's cost per byte is per record: Kafka's own producer (1 KiB payloads or 128 KiB ones, i.e. 128
# 1 KiB records bundled into one Kafka record) on one in-process KRaft broker, with the gateway's producer settings,
# alternated over ROUNDS rounds. Prints each run's rate and the CPU seconds of the producer's JVM and of the broker
# over the whole run (WARMUP_S unreported, then DURATION_S measured; see docs/benchmarks.md, session 10).
# Usage: bench/kafka-record-size.sh [ROUNDS] [DURATION_S] [WARMUP_S]
#        (build first: mvn -B -DskipTests -pl bench -am package)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"; duration="${2:-20}"; warmup="${3:-20}"
bench_jar="$root/bench/target/millrace-bench.jar"
work="$(mktemp -d)"
java -Xmx1g -jar "$bench_jar" kafka-broker > "$work/broker.log" 2>&1 &
broker=$!
trap 'kill "$broker" 2>/dev/null; wait "$broker" 2>/dev/null; rm -rf "$work"' EXIT
until grep -q "kafka: bootstrap" "$work/broker.log"; do
  kill -0 "$broker" 2>/dev/null || { cat "$work/broker.log" >&2; exit 1; }
  sleep 0.2
done
bootstrap="$(sed -n 's|^kafka: bootstrap ||p' "$work/broker.log")"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz="$(getconf CLK_TCK)"
for round in $(seq 1 "$rounds"); do
  for size in 1024 131072; do
    before="$(ticks "$broker")"
    /usr/bin/time -f "%U %S" -o "$work/time" java -XX:+UseParallelGC -jar "$bench_jar" kafka-producer \
        --bootstrap "$bootstrap" --partitions 4 --duration-s "$duration" --warmup-s "$warmup" --record-bytes "$size" \
        --linger-ms 2 --batch-bytes 262144 --max-request-bytes 11534336 --buffer-bytes 67108864 > "$work/producer.log" 2>&1
    after="$(ticks "$broker")"
    rate="$(sed -n 's|^put: [0-9]* records in .* = \([0-9]*\) records/s$|\1|p' "$work/producer.log" | head -n 1)"
    awk -v r="$round" -v s="$size" -v rate="$rate" -v a="$before" -v b="$after" -v hz="$hz" \
        -v c="$(awk '{print $1 + $2}' "$work/time")" 'BEGIN {
      printf "round %d, %6d-byte records: %7d records/s = %4.0f MiB/s; producer JVM CPU %.1f s, broker CPU %.1f s\n",
        r, s, rate, rate * s / 1048576, c, (b - a) / hz }'
  done
done
