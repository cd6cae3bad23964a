package io.millrace.compat.kcl;

import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.retrieval.RetrievalSpecificConfig;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * One worker of a KCL consumer application: a {@link Scheduler} on its own thread, reading one stream from
 * TRIM_HORIZON into a {@link Ledger}, with its leases in the lease table named after the application. Intervals are
 * cut from the KCL's production defaults (seconds to minutes) to a few hundred milliseconds so tests stay short.
 *
 * <p>Thread safety: start and stop from one thread.
 */
final class KclApplication implements AutoCloseable {
    static final long FAILOVER_MS = 1_000;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final Scheduler scheduler;
    private final Thread thread;

    private KclApplication(Scheduler scheduler, String workerId) {
        this.scheduler = scheduler;
        this.thread = new Thread(scheduler, "kcl-" + workerId);
        this.thread.setDaemon(true);
    }

    /**
     * Starts a worker; {@code retrieval} picks polling or enhanced fan-out from the stream name and the Kinesis
     * client.
     */
    static KclApplication start(String applicationName, String streamName, KinesisAsyncClient kinesis,
                                DynamoDbAsyncClient dynamo, CloudWatchAsyncClient cloudWatch, Ledger ledger,
                                BiFunction<String, KinesisAsyncClient, RetrievalSpecificConfig> retrieval) {
        String workerId = applicationName + "-" + UUID.randomUUID();
        ConfigsBuilder configs = new ConfigsBuilder(streamName, applicationName, kinesis, dynamo, cloudWatch,
                workerId, () -> new LedgerProcessor(ledger));
        Scheduler scheduler = new Scheduler(
                configs.checkpointConfig(),
                KclVersion.tune(configs.coordinatorConfig()
                        .parentShardPollIntervalMillis(100)
                        .shardConsumerDispatchPollIntervalMillis(100)
                        .schedulerInitializationBackoffTimeMillis(200)),
                KclVersion.tune(configs.leaseManagementConfig()
                        .failoverTimeMillis(FAILOVER_MS)
                        .shardSyncIntervalMillis(500)
                        .listShardsBackoffTimeInMillis(200)),
                configs.lifecycleConfig().taskBackoffTimeMillis(100),
                configs.metricsConfig().metricsLevel(MetricsLevel.NONE),
                configs.processorConfig(),
                configs.retrievalConfig()
                        .retrievalSpecificConfig(retrieval.apply(streamName, kinesis))
                        .initialPositionInStreamExtended(InitialPositionInStreamExtended
                                .newInitialPosition(InitialPositionInStream.TRIM_HORIZON)));
        KclApplication application = new KclApplication(scheduler, workerId);
        application.thread.start();
        return application;
    }

    /** Asks every record processor to checkpoint and stop, and waits until the scheduler has finished. */
    void stopGracefully() throws InterruptedException, ExecutionException, TimeoutException {
        boolean clean = scheduler.startGracefulShutdown().get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!clean) {
            throw new IllegalStateException("the KCL scheduler reported an unclean graceful shutdown");
        }
        thread.join(SHUTDOWN_TIMEOUT.toMillis());
    }

    /**
     * Stops after a split: gracefully where the KCL version can ({@link KclVersion#stopsGracefullyAfterASplit()}),
     * otherwise by shutting the scheduler down. A batch whose checkpoint the shutdown cuts off is delivered again to
     * the next application; the processors count a batch only once its checkpoint is stored, so it still counts
     * once.
     */
    void stopAfterASplit() throws InterruptedException, ExecutionException, TimeoutException {
        if (KclVersion.stopsGracefullyAfterASplit()) {
            stopGracefully();
            return;
        }
        scheduler.shutdown();
        thread.join(SHUTDOWN_TIMEOUT.toMillis());
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            scheduler.shutdown();
        }
    }
}
