package io.millrace.bench;

import java.util.Arrays;

/** Percentiles of a set of latency samples, in milliseconds; nearest-rank method. */
record LatencySummary(int samples, double p50Ms, double p99Ms, double maxMs) {

    static LatencySummary of(long[] samplesNs, int count) {
        if (count == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = Arrays.copyOf(samplesNs, count);
        Arrays.sort(sorted);
        return new LatencySummary(count, rank(sorted, 0.50) / 1e6, rank(sorted, 0.99) / 1e6,
                sorted[count - 1] / 1e6);
    }

    private static long rank(long[] sorted, double q) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    @Override
    public String toString() {
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)", p50Ms, p99Ms, maxMs, samples);
    }
}
