/**
 * The S3 destination: start with {@link io.millrace.firehose.destination.s3.S3Destination} (content and keys) and
 * {@link io.millrace.firehose.destination.s3.PrefixExpression} (the {@code !{...}} language). Objects go through the
 * shared {@link io.millrace.log.object.ObjectStore}: the embedded {@link io.millrace.log.object.LocalObjectStore}
 * ({@code <data-dir>/s3/<bucket>/<key>}) or {@link io.millrace.firehose.destination.s3.S3EndpointObjectStore}.
 */
package io.millrace.firehose.destination.s3;
