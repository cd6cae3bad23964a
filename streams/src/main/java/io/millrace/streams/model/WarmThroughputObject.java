package io.millrace.streams.model;

/** Model shape {@code WarmThroughputObject}: the warm throughput a stream targets and has reached, in MiB/s. */
public record WarmThroughputObject(Integer targetMiBps, Integer currentMiBps) {
}
