/**
 * The Kinesis engine. Start with {@link io.millrace.streams.KinesisEngine}: built on a
 * {@link io.millrace.log.LogStore}, it exposes every operation through its
 * {@link io.millrace.streams.op.OperationTable}.
 */
package io.millrace.streams;
