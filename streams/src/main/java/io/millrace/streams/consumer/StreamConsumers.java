package io.millrace.streams.consumer;

import java.util.List;

/**
 * The consumers of one stream incarnation (named by its {@code storageKey}), in registration order, as persisted in
 * one metadata entry. Immutable.
 */
record StreamConsumers(String storageKey, String accountId, String region, List<ConsumerMetadata> consumers) {

    StreamConsumers {
        consumers = List.copyOf(consumers);
    }
}
