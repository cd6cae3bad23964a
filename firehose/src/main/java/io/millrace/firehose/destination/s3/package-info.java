/**
 * The S3 destination and the embedded S3 store: start with {@link io.millrace.firehose.destination.s3.S3Destination}
 * (content and keys), {@link io.millrace.firehose.destination.s3.PrefixExpression} (the {@code !{...}} language) and
 * {@link io.millrace.firehose.destination.s3.LocalObjectStore} ({@code <data-dir>/s3/<bucket>/<key>}).
 */
package io.millrace.firehose.destination.s3;
