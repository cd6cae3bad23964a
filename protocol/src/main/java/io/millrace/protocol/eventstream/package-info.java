/**
 * The AWS event-stream message format ({@code application/vnd.amazon.eventstream}) that SubscribeToShard answers
 * in. Start at {@link io.millrace.protocol.eventstream.EventStreamMessage}: {@link
 * io.millrace.protocol.eventstream.EventStreamEncoder} frames one into bytes, {@link
 * io.millrace.protocol.eventstream.EventStreamDecoder} checks and parses them back, and {@link
 * io.millrace.protocol.eventstream.EventStreamDescriptor} documents the layout. Nothing here returns or accepts
 * {@code null}.
 */
package io.millrace.protocol.eventstream;
