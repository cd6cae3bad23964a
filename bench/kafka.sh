#!/usr/bin/env bash
# The Kafka backend's ingest rate beside Kafka's own producer and the embedded store, on one machine (see
# docs/benchmarks.md): starts one in-process KRaft broker on 127.0.0.1 in a JVM of its own, then for each round runs
#   1. Kafka's producer (1 KiB, acks=all, idempotent) on a topic with SHARDS partitions, with Kafka's default
#      batching and with the settings of the gateway's own producer (see gateway_producer below),
#   2. Millrace --backend kafka on that broker, driven by the load generator (CBOR, 8 threads x 500 x 1 KiB),
#      before the producer with the gateway's settings in even rounds and after it in odd ones,
#   3. Millrace on its embedded store (fsync), same load,
# and prints the three put rates and their ratios. Every JVM is separate, as in production.
# Every client first runs WARMUP_S seconds unreported (the same load, to streams and topics of their own that are
# deleted as it goes), so the rates compare JIT-compiled steady states rather than JVMs still compiling their code.
# The default is long because the gateway's JIT needs it: on two shared cores its C2 compiler thread still took a
# quarter of the gateway's CPU 20-70 s into a run, and settled only after about 80 s (docs/benchmarks.md).
# CPU times include the warm-up. Each run also prints the CPU time the hypervisor stole from this VM meanwhile.
# Before each run the page cache is filled with a file of its own (deleted after the run), so the broker's log writes
# reuse memory as on a server in steady state: on this VM, writing into memory that the host has not backed (never
# used since boot, or handed back after a deletion) cost the broker's writes several times the CPU, and that made the
# slower run slower still (docs/benchmarks.md, session 11). FILL_PAGE_CACHE=0 turns it off.
# Both Millrace servers get the heap the README advises for ingest-heavy servers (SERVER_HEAP, see below).
# Usage: [SERVER_HEAP="JVM options"] [FILL_PAGE_CACHE=0] bench/kafka.sh [ROUNDS] [DURATION_S] [SHARDS] [WARMUP_S]
#        (build first: mvn -B -DskipTests -pl server,bench -am package)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"; duration="${2:-15}"; shards="${3:-4}"; warmup="${4:-90}"
bench_jar="$root/bench/target/millrace-bench.jar"
# Both clients (Kafka's producer and the load generator) run on the collector the gateway uses. Under G1 the
# allocation-heavy AWS SDK took a fifth to a third more CPU per record on these two cores (docs/benchmarks.md).
client=(java -XX:+UseParallelGC -jar "$bench_jar")
# Both Millrace servers run with the heap the README advises for ingest-heavy servers (bin/millrace's default caps the
# young generation at 64 MiB, which under this load collects about nine times a second); override with SERVER_HEAP.
server_heap="${SERVER_HEAP--Xmx512m -XX:MaxNewSize=320m}"
# The batching settings of the gateway's producer (ClusterClients.producerProperties): linger.ms, batch.size,
# max.request.size (a produce request may carry more batches than Kafka's default 1 MiB allows) and buffer.memory.
gateway_producer=(--linger-ms 2 --batch-bytes 262144 --max-request-bytes 11534336 --buffer-bytes 67108864)
gateway_label="the gateway's settings: linger.ms=2, batch.size=256 KiB, max.request.size=11 MiB, buffer.memory=64 MiB"
work="$(mktemp -d)"
fill_enabled="${FILL_PAGE_CACHE:-1}"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

wait_for() { # FILE PATTERN PID: until FILE contains PATTERN, failing if PID exits first
  until grep -q "$2" "$1"; do
    kill -0 "$3" 2>/dev/null || { echo "process $3 exited:" >&2; cat "$1" >&2; exit 1; }
    sleep 0.2
  done
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system time of a process, in clock ticks
seconds() { # TEXT TICKS_BEFORE TICKS_NOW: prints TEXT and the seconds between the two clock-tick counts
  awk -v a="$2" -v b="$3" -v hz="$(getconf CLK_TCK)" -v t="$1" 'BEGIN { printf "  %s %.1f s\n", t, (b - a) / hz }' >&2
}
broker_cpu() { seconds "$1: broker CPU" "$2" "$(cpu_ticks "$broker")"; } # PHASE TICKS_BEFORE
steal_ticks() { awk '/^cpu /{print $9}' /proc/stat; } # all CPUs' stolen time, in clock ticks
steal() { seconds "$1: CPU stolen by the hypervisor" "$2" "$(steal_ticks)"; } # PHASE TICKS_BEFORE
fill_page_cache() { # fills the free memory, less 4 GiB for the JVMs, with a clean file's pages (see the top)
  (( fill_enabled )) || return 0
  local available_mib free_disk_mib
  available_mib=$(awk '/^MemAvailable:/ { print int($2 / 1024) - 4096 }' /proc/meminfo)
  free_disk_mib=$(df -Pm "$work" | awk 'NR == 2 { print $4 - 20480 }') # leaves 20 GiB for the run's own data
  (( available_mib > free_disk_mib )) && available_mib=$free_disk_mib
  (( available_mib > 0 )) || { echo "  page cache not filled: too little memory or disk" >&2; return 0; }
  dd if=/dev/zero of="$work/page-cache-fill" bs=1M count="$available_mib" status=none
  sync "$work/page-cache-fill"
}
drop_fill() { rm -f "$work/page-cache-fill"; }
client_cpu() { awk -v p="$1" '{ printf "  %s: client CPU %.1f s\n", p, $1 + $2 }' "$2" >&2; }
put_rate() { sed -n 's|^put: [0-9]* records in .* = \([0-9]*\) records/s$|\1|p' "$1" | head -n 1; }

java -Xmx1g -jar "$bench_jar" kafka-broker > "$work/broker.log" 2>&1 &
broker=$!; pids+=("$broker")
wait_for "$work/broker.log" "kafka: bootstrap" "$broker"
bootstrap="$(sed -n 's|^kafka: bootstrap ||p' "$work/broker.log")"
echo "broker $bootstrap (pid $broker); load: $(cut -d' ' -f1-3 /proc/loadavg)"

gateway() { # NAME ARGS...: starts Millrace, runs the load generator against it, stops it; prints the put rate
  local name="$1"; shift
  local port=$((45000 + RANDOM % 5000))
  fill_page_cache
  MILLRACE_EXTRA_JAVA_OPTS="$server_heap" "$root/bin/millrace" --port "$port" --data-dir "$work/data-$name" "$@" \
      > "$work/$name.server.log" 2>&1 &
  local server=$!
  wait_for "$work/$name.server.log" "listening on" "$server"
  local before; before="$(cpu_ticks "$broker")"
  local stolen; stolen="$(steal_ticks)"
  /usr/bin/time -f "%U %S" -o "$work/$name.time" "${client[@]}" --endpoint "http://127.0.0.1:$port" --shards "$shards" --threads 8 --batch 500 \
      --record-bytes 1024 --duration-s "$duration" --warmup-s "$warmup" --cbor true --latency-samples 50 \
      --server-pid "$server" \
      > "$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; }
  broker_cpu "$name (whole run: put, read-back, latency)" "$before"
  steal "$name (whole run)" "$stolen"
  client_cpu "$name load generator (whole run)" "$work/$name.time"
  kill -TERM "$server"; wait "$server" 2>/dev/null || true
  rm -rf "$work/data-$name"
  drop_fill
  grep -E '^(put|verify|server)' "$work/$name.log" | sed "s|^|  $name |" >&2
  put_rate "$work/$name.log"
}

reference() { # Kafka's producer with the batching the gateway's producer uses; sets $producer
  fill_page_cache
  local before; before="$(cpu_ticks "$broker")"
  local stolen; stolen="$(steal_ticks)"
  /usr/bin/time -f "%U %S" -o "$work/producer.time" \
      "${client[@]}" kafka-producer --bootstrap "$bootstrap" --partitions "$shards" --duration-s "$duration" \
      "${gateway_producer[@]}" --warmup-s "$warmup" > "$work/producer.log" 2>&1
  broker_cpu "kafka-producer ($gateway_label)" "$before"
  steal "kafka-producer ($gateway_label)" "$stolen"
  client_cpu "kafka-producer ($gateway_label)" "$work/producer.time"
  producer="$(put_rate "$work/producer.log")"
  drop_fill
  echo "  kafka-producer ($gateway_label) $(grep '^put' "$work/producer.log")"
}

ratios=()
for round in $(seq 1 "$rounds"); do
  echo "== round $round, load: $(cut -d' ' -f1-3 /proc/loadavg)"
  # Kafka's producer with Kafka's default batching (the one with the gateway's batching is `reference`, below).
  fill_page_cache
  "${client[@]}" kafka-producer --bootstrap "$bootstrap" --partitions "$shards" --duration-s "$duration" \
      --warmup-s "$warmup" > "$work/producer-defaults.log" 2>&1
  defaults="$(put_rate "$work/producer-defaults.log")"
  drop_fill
  echo "  kafka-producer (defaults) $(grep '^put' "$work/producer-defaults.log")"
  # The two runs the target compares take turns at going first, so that neither always runs on a broker and disk
  # still busy with the previous phase's data (docs/benchmarks.md, session 9).
  if (( round % 2 == 1 )); then
    reference
    kafka="$(gateway kafka --backend kafka --kafka-bootstrap "$bootstrap" --kafka-topic-prefix "bench$round.")"
  else
    kafka="$(gateway kafka --backend kafka --kafka-bootstrap "$bootstrap" --kafka-topic-prefix "bench$round.")"
    reference
  fi
  embedded="$(gateway embedded)"
  awk -v d="$defaults" -v p="$producer" -v k="$kafka" -v e="$embedded" 'BEGIN {
    printf "  records/s: Kafka producer %d (defaults %d), Millrace on Kafka %d, Millrace embedded %d\n", p, d, k, e
    printf "  ratios: Millrace on Kafka / Kafka producer = %.2f (/ defaults %.2f), Millrace on Kafka / embedded = %.2f\n",
      k / p, k / d, k / e }'
  ratios+=("$(awk -v p="$producer" -v k="$kafka" 'BEGIN { printf "%.2f", k / p }')")
done
# The producer's rate swings from round to round on a shared machine, so one round's ratio says little.
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ r[NR] = $1 } END {
  printf "median of %d rounds: Millrace on Kafka / Kafka producer (the gateway'"'"'s settings) = %.2f (%.2f-%.2f)\n",
    NR, NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2, r[1], r[NR] }'
