/**
 * The Kinesis error catalogue ({@link io.millrace.protocol.error.KinesisError}) and the one exception type that
 * crosses the operation boundary ({@link io.millrace.protocol.error.ApiException}).
 */
package io.millrace.protocol.error;
