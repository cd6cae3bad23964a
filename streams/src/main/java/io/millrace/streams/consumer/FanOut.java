package io.millrace.streams.consumer;

/** The enhanced fan-out state of an engine: its registered consumers and their live subscriptions. */
public record FanOut(ConsumerRegistry consumers, SubscriptionHub subscriptions) {
}
