/**
 * Durable buffering: {@link io.millrace.firehose.buffer.RecordBuffer} (a log plus a delivered-position checkpoint)
 * and {@link io.millrace.firehose.buffer.FlushPolicy} (when to deliver).
 */
package io.millrace.firehose.buffer;
