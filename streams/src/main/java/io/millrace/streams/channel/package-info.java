/**
 * Channels (reference 9.1): managed delivery of a stream's records to the embedded S3 directory. Channel metadata
 * and per-shard delivery positions are persisted through the {@link io.millrace.log.MetadataStore} by
 * {@link io.millrace.streams.channel.ChannelRegistry}; {@link io.millrace.streams.channel.ChannelDelivery} does the
 * periodic delivery.
 */
package io.millrace.streams.channel;
