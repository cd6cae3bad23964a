/**
 * Object storage (S3 PutObject) for delivered output: the {@link io.millrace.log.object.ObjectStore} SPI and the
 * embedded {@link io.millrace.log.object.LocalObjectStore} ({@code <root>/<bucket>/<key>}). Used by Firehose's S3
 * destination and by Kinesis channels; the S3-endpoint implementation lives in the firehose module with the AWS SDK.
 */
package io.millrace.log.object;
