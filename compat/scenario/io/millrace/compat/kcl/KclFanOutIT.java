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
import software.amazon.kinesis.retrieval.fanout.FanOutConfig;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis Client Library as an enhanced fan-out consumer of Millrace: it registers a stream consumer and reads
 * over SubscribeToShard event streams.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KclFanOutIT {
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
    void everyRecordIsDeliveredExactlyOnceInKeyOrderOverSubscribeToShardAcrossAGracefulRestart() throws Exception {
        String stream = "orders-efo";
        String application = "kcl-efo";
        kinesis.createStream(r -> r.streamName(stream).shardCount(2)).join();
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream)).join();
        String streamArn = kinesis.describeStreamSummary(r -> r.streamName(stream)).join()
                .streamDescriptionSummary().streamARN();
        KclVersion.createLeaseTable(dynamo, application);
        Producer producer = new Producer(kinesis, stream, 6);
        Ledger ledger = new Ledger();

        int firstHalf = producer.put(60);
        try (KclApplication first = startFanOut(application, stream, ledger)) {
            assertThat(ledger.awaitDistinct(firstHalf, Ledger.patience())).as(ledger.summary()).isTrue();
            first.stopGracefully();
        }
        int total = producer.put(60);
        try (KclApplication second = startFanOut(application, stream, ledger)) {
            assertThat(ledger.awaitDistinct(total, Ledger.patience())).as(ledger.summary()).isTrue();
            second.stopGracefully();
        }

        assertThat(ledger.duplicates()).as("records processed twice").isEmpty();
        assertThat(ledger.countersByKey()).isEqualTo(producer.expectedCountersByKey());
        assertThat(kinesis.listStreamConsumers(r -> r.streamARN(streamArn)).join().consumers())
                .as("the KCL registered its consumer under the application name")
                .anySatisfy(consumer -> assertThat(consumer.consumerName()).isEqualTo(application));
    }

    @Test
    void aSplitWhileConsumingOverSubscribeToShardFinishesTheParentBeforeItsChildrenAndSurvivesARestart()
            throws Exception {
        String stream = "orders-efo-split";
        String application = "kcl-efo-split";
        kinesis.createStream(r -> r.streamName(stream).shardCount(1)).join();
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream)).join();
        KclVersion.createLeaseTable(dynamo, application);
        Producer producer = new Producer(kinesis, stream, 8);
        Ledger ledger = new Ledger();

        try (KclApplication first = startFanOut(application, stream, ledger)) {
            int beforeSplit = producer.put(40);
            assertThat(ledger.awaitDistinct(beforeSplit, Ledger.patience())).as(ledger.summary()).isTrue();
            ShardSplit.inHalf(kinesis, stream, ShardSplit.onlyShard(kinesis, stream));
            int afterSplit = producer.put(40);
            assertThat(ledger.awaitDistinct(afterSplit, Ledger.patience())).as(ledger.summary()).isTrue();
            first.stopAfterASplit();
        }
        assertThat(ledger.shards()).as("records came from the parent and both children").hasSize(3);
        int total = producer.put(40);
        try (KclApplication second = startFanOut(application, stream, ledger)) {
            assertThat(ledger.awaitDistinct(total, Ledger.patience())).as(ledger.summary()).isTrue();
            second.stopAfterASplit();
        }

        assertThat(ledger.duplicates()).as("records processed twice").isEmpty();
        assertThat(ledger.distinct()).isEqualTo(total);
        assertThat(ledger.countersByKey()).as("per key in order: the parent before its children")
                .isEqualTo(producer.expectedCountersByKey());
    }

    private KclApplication startFanOut(String application, String stream, Ledger ledger) {
        return KclApplication.start(application, stream, kinesis, dynamo, cloudWatch, ledger,
                (name, client) -> new FanOutConfig(client).streamName(name).applicationName(application));
    }
}
