#!/usr/bin/env python3
"""Server-side time of HTTP/1.1 requests, measured from the wire (see docs/benchmarks.md, "Consumers").

Captures the loopback interface with a raw packet socket (needs root) for SECONDS while a benchmark runs against a
server on PORT, then reports, for every request answered on a plain HTTP/1.1 connection, the time from the request's
last packet to the response's first packet: what the server (its threads, the fsync) took, without either client's
share. Timestamps are CLOCK_MONOTONIC at capture, the clock Java's System.nanoTime reads.

Usage: sudo bench/server-time.py PORT SECONDS [SKIP_FRACTION]
  SKIP_FRACTION (default 0.2) of the earliest requests is left out, for a benchmark's warm-up.
"""
import collections
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
ETH_HEADER = 14
IPV4 = 0x0800
TCP = 6


def capture(port, seconds):
    """(monotonic ns, 'C' client->server | 'S' server->client, client port, payload start) per packet with data."""
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(ETH_P_ALL))
    sock.bind(('lo', 0))
    sock.settimeout(0.5)
    packets = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            frame = sock.recv(65535)
        except socket.timeout:
            continue
        now = time.monotonic_ns()
        if len(frame) < ETH_HEADER + 40 or struct.unpack('!H', frame[12:14])[0] != IPV4:
            continue
        ip = frame[ETH_HEADER:]
        if ip[9] != TCP:
            continue
        tcp = ip[(ip[0] & 0x0F) * 4:]
        source, destination = struct.unpack('!HH', tcp[:4])
        payload = tcp[(tcp[12] >> 4) * 4:]
        if payload and port in (source, destination):
            direction = 'C' if destination == port else 'S'
            packets.append((now, direction, source if direction == 'C' else destination, payload[:16]))
    return deduplicated(packets)


def deduplicated(packets):
    """Loopback shows each packet twice (sent, received); keeps the first of each such pair."""
    kept = []
    paired = False
    for packet in packets:
        if kept and not paired and kept[-1][1:] == packet[1:] and packet[0] - kept[-1][0] < 200_000:
            paired = True
            continue
        kept.append(packet)
        paired = False
    return kept


def server_times_ms(packets):
    """Per answered request: last request packet -> first response packet, in ms, in request order."""
    by_connection = collections.defaultdict(list)
    for packet in packets:
        by_connection[packet[2]].append(packet)
    answered = []
    for connection in by_connection.values():
        request = None  # [first packet ns, last packet ns]
        for at_ns, direction, _, start in connection:
            if direction == 'C' and start.startswith((b'POST ', b'GET ')):
                request = [at_ns, at_ns]
            elif direction == 'C' and request:
                request[1] = at_ns
            elif direction == 'S' and start.startswith(b'HTTP/1.') and request:
                answered.append((request[0], (at_ns - request[1]) / 1e6))
                request = None
    return [ms for _, ms in sorted(answered)]


def percentile(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]


def main():
    port, seconds = int(sys.argv[1]), float(sys.argv[2])
    skip = float(sys.argv[3]) if len(sys.argv) > 3 else 0.2
    times = server_times_ms(capture(port, seconds))
    times = sorted(times[int(len(times) * skip):])
    if not times:
        print('no HTTP/1.1 request was answered on port %d' % port)
        return 1
    print('server time, request -> response: %d requests, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms'
          % (len(times), percentile(times, 0.5), percentile(times, 0.9), percentile(times, 0.99), times[-1]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
