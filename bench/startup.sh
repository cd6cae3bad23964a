#!/usr/bin/env bash
# Measures how long Millrace takes from process launch until it answers a ListStreams request, N times.
# Usage: bench/startup.sh [runs] [extra server flags...]   (builds nothing: run bin/millrace once first)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"; shift || true
port=45671
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
for _ in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "$root/bin/millrace" --port "$port" --data-dir "$data" "$@" > /dev/null 2>&1 &
  pid=$!
  until curl -s -o /dev/null -X POST -H 'Content-Type: application/x-amz-json-1.1' \
      -H 'X-Amz-Target: Kinesis_20131202.ListStreams' -d '{}' "http://127.0.0.1:$port/"; do
    sleep 0.01
  done
  end=$(date +%s%N)
  echo "ready (first answer) after $(( (end - start) / 1000000 )) ms"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
done
