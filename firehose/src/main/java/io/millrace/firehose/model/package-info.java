/**
 * Wire shapes shared by several Firehose operations and by the stored delivery-stream configuration. They follow
 * the binding convention of {@link io.millrace.protocol.codec.KinesisProtocol}: component names are the model's
 * member names with the first letter lower-cased.
 */
package io.millrace.firehose.model;
