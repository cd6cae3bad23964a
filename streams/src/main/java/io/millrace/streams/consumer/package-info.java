/**
 * Enhanced fan-out: registered consumers ({@link io.millrace.streams.consumer.ConsumerRegistry}, persisted) and
 * their SubscribeToShard streams ({@link io.millrace.streams.consumer.SubscriptionHub} holds the live ones, each a
 * {@link io.millrace.streams.consumer.ShardSubscription} pushing events against demand). No transport here: the
 * server turns a subscription's events into event-stream frames.
 */
package io.millrace.streams.consumer;
