package io.millrace.kafka;

import io.millrace.log.MetadataStore;
import io.millrace.log.MetadataStoreContract;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The compacted-topic metadata store against the shared contract; reopening is a new store on the same topic. */
class KafkaMetadataStoreTest extends MetadataStoreContract {
    private final Map<MetadataStore, KafkaLogConfig> configs = new IdentityHashMap<>();
    private final List<KafkaLogStore> stores = new ArrayList<>();

    @Override
    protected MetadataStore newStore() {
        return open(SharedKafka.config("meta"));
    }

    @Override
    protected MetadataStore reopen(MetadataStore closed) {
        return open(configs.get(closed));
    }

    private MetadataStore open(KafkaLogConfig config) {
        KafkaLogStore store = KafkaLogStore.open(config);
        stores.add(store);
        configs.put(store.metadata(), config);
        return store.metadata();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(KafkaLogStore::close);
    }
}
