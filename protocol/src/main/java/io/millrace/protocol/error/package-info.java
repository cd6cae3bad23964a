/**
 * The error catalogues ({@link io.millrace.protocol.error.KinesisError}, {@link io.millrace.protocol.error.FirehoseError}) and the one exception type that
 * crosses the operation boundary ({@link io.millrace.protocol.error.ApiException}).
 */
package io.millrace.protocol.error;
