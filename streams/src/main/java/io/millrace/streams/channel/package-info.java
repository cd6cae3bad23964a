/**
 * Channels (reference 9.1): managed delivery of a stream's records to S3, through the server's
 * {@link io.millrace.log.object.ObjectStore} (the embedded S3 directory, or an S3-compatible endpoint). Channel
 * metadata and per-shard delivery positions are persisted through the {@link io.millrace.log.MetadataStore} by
 * {@link io.millrace.streams.channel.ChannelRegistry}; {@link io.millrace.streams.channel.ChannelDelivery} does the
 * periodic delivery.
 */
package io.millrace.streams.channel;
