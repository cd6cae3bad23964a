package io.millrace.compat.kcl;

import io.millrace.compat.Dynalite;
import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis Client Library (the version this module depends on, see {@link KclVersion}) as a real polling
 * consumer of Millrace: GetRecords loops, DynamoDB leases in dynalite, checkpoints, a restart, a reshard.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KclPollingIT {
    @RegisterExtension
    static final EmbeddedMillrace MILLRACE = new EmbeddedMillrace();
    @RegisterExtension
    static final Dynalite DYNALITE = new Dynalite();

    private static KinesisAsyncClient kinesis;
    private static DynamoDbAsyncClient dynamo;
    private static CloudWatchAsyncClient cloudWatch;

    @BeforeAll
    static void clients() {
        kinesis = AwsClients.kinesis(MILLRACE.endpoint());
        dynamo = AwsClients.dynamo(DYNALITE.endpoint());
        cloudWatch = AwsClients.unusedCloudWatch();
    }

    @AfterAll
    static void closeClients() {
        kinesis.close();
        dynamo.close();
        cloudWatch.close();
    }

    @Test
    void everyRecordIsProcessedExactlyOnceInKeyOrderAcrossAGracefulRestart() throws Exception {
        String stream = "orders-restart";
        String application = "kcl-restart";
        createStream(stream, 2);
        KclVersion.createLeaseTable(dynamo, application);
        Producer producer = new Producer(kinesis, stream, 6);
        Ledger ledger = new Ledger();

        int firstHalf = producer.put(60);
        try (KclApplication first = startPolling(application, stream, ledger)) {
            assertThat(ledger.awaitDistinct(firstHalf, Ledger.patience())).as(ledger.summary()).isTrue();
            first.stopGracefully();
        }
        int total = producer.put(60);
        try (KclApplication second = startPolling(application, stream, ledger)) {
            assertThat(ledger.awaitDistinct(total, Ledger.patience())).as(ledger.summary()).isTrue();
            second.stopGracefully();
        }

        assertThat(ledger.duplicates()).as("records processed twice").isEmpty();
        assertThat(ledger.distinct()).isEqualTo(total);
        assertThat(ledger.countersByKey()).isEqualTo(producer.expectedCountersByKey());
    }

    @Test
    void aSplitWhileConsumingFinishesTheParentBeforeItsChildrenStart() throws Exception {
        String stream = "orders-split";
        String application = "kcl-split";
        createStream(stream, 1);
        KclVersion.createLeaseTable(dynamo, application);
        Producer producer = new Producer(kinesis, stream, 8);
        Ledger ledger = new Ledger();

        try (KclApplication consumer = startPolling(application, stream, ledger)) {
            int beforeSplit = producer.put(40);
            assertThat(ledger.awaitDistinct(beforeSplit, Ledger.patience())).as(ledger.summary()).isTrue();
            ShardSplit.inHalf(kinesis, stream, ShardSplit.onlyShard(kinesis, stream));
            producer.put(20);
            int total = producer.put(20);
            assertThat(ledger.awaitDistinct(total, Ledger.patience())).as(ledger.summary()).isTrue();
            consumer.stopAfterASplit(); // see KclVersion.stopsGracefullyAfterASplit for KCL 2.x

            assertThat(ledger.shards()).as("records came from the parent and both children").hasSize(3);
            assertThat(ledger.duplicates()).as("records processed twice").isEmpty();
            assertThat(ledger.countersByKey()).isEqualTo(producer.expectedCountersByKey());
        }
    }

    private KclApplication startPolling(String application, String stream, Ledger ledger) {
        return KclApplication.start(application, stream, kinesis, dynamo, cloudWatch, ledger,
                (name, client) -> new PollingConfig(name, client)
                        .idleTimeBetweenReadsInMillis(200)
                        .maxRecords(25));
    }

    private static void createStream(String stream, int shards) {
        kinesis.createStream(r -> r.streamName(stream).shardCount(shards)).join();
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream)).join();
    }
}
