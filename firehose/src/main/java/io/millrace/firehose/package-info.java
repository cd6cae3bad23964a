/**
 * Kinesis Data Firehose: start with {@link io.millrace.firehose.FirehoseEngine} (wiring and delivery), the operations
 * in {@code op}, buffering in {@code buffer} and the destinations in {@code destination}.
 */
package io.millrace.firehose;
