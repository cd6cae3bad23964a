#!/usr/bin/env python3
"""fdatasync latency of three ways to grow a log file, interleaved so they share the machine's noise.

  append   - write at the end of a growing file (what a Millrace segment does today): fdatasync must also
             journal the new file size
  zero     - overwrite a file filled with zeros beforehand: only data blocks and the disk cache flush
  falloc   - write into posix_fallocate'd (unwritten) extents: fdatasync must journal the extent conversion

Usage: bench/fdatasync-latency.py DIR [ITERATIONS] [BYTES_PER_WRITE]
One write + fdatasync per file per iteration, 3 ms apart (about the rate of 10 ms PutRecords calls at 1,000
records/s of 256 bytes when each file stands for one shard).
"""
import os
import sys
import time

directory = sys.argv[1]
iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
write_bytes = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
payload = b"x" * write_bytes
total = iterations * write_bytes + 4096


def open_file(mode):
    path = os.path.join(directory, "fdatasync-" + mode + ".dat")
    if os.path.exists(path):
        os.remove(path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    if mode == "zero":
        os.write(fd, b"\0" * total)
        os.fsync(fd)
        os.lseek(fd, 0, os.SEEK_SET)
    elif mode == "falloc":
        os.posix_fallocate(fd, 0, total)
        os.fsync(fd)
    return fd, path


files = {mode: open_file(mode) for mode in ("append", "zero", "falloc")}
latencies = {mode: [] for mode in files}
order = list(files)
for _ in range(iterations):
    for mode in order:
        fd, _ = files[mode]
        os.write(fd, payload)
        started = time.perf_counter()
        os.fdatasync(fd)
        latencies[mode].append((time.perf_counter() - started) * 1000)
    order = order[1:] + order[:1]  # no mode always goes first
    time.sleep(0.003)
for mode, (fd, path) in files.items():
    os.close(fd)
    os.remove(path)
    ms = sorted(latencies[mode])
    print("%-6s fdatasync p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms" % (
        mode, ms[len(ms) // 2], ms[int(len(ms) * 0.9)], ms[int(len(ms) * 0.99)], ms[-1]))
