/**
 * Streams and their lifecycle: {@link io.millrace.streams.stream.StreamRegistry} (every stream of the node, their
 * persisted {@link io.millrace.streams.stream.StreamMetadata} and status transitions) and
 * {@link io.millrace.streams.stream.Stream} (one stream's current metadata, shard logs and routing).
 */
package io.millrace.streams.stream;
