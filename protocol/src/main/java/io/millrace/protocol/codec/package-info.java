/**
 * The Kinesis wire codec. Start at {@link io.millrace.protocol.codec.KinesisProtocol}: it decodes AWS JSON 1.1
 * and CBOR request bodies (parse, type-check, normalise, validate constraints), binds them to request records,
 * and encodes responses and errors. {@link io.millrace.protocol.codec.WireFormat} picks the encoding from the
 * Content-Type. Everything else here is package-private machinery. Nothing in this package returns or accepts
 * {@code null} except where a method says so.
 */
package io.millrace.protocol.codec;
