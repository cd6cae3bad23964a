/**
 * The {@link io.millrace.firehose.destination.Destination} SPI and what it is handed. Built-ins live in
 * sub-packages: {@code s3} (the embedded S3 store under the data directory). Record processing, which destinations run
 * before writing, is in {@code io.millrace.firehose.processing}.
 */
package io.millrace.firehose.destination;
