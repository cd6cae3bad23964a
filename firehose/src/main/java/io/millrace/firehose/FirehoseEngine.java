package io.millrace.firehose;

import io.millrace.firehose.destination.Destination;
import io.millrace.firehose.destination.s3.BackedUpDestination;
import io.millrace.firehose.destination.s3.ObjectStore;
import io.millrace.firehose.destination.s3.S3Backup;
import io.millrace.firehose.destination.s3.S3Destination;
import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.op.FirehoseOperations;
import io.millrace.firehose.source.KinesisSourceReader;
import io.millrace.firehose.source.StreamSource;
import io.millrace.firehose.processing.HttpLambdaInvoker;
import io.millrace.firehose.processing.LambdaInvoker;
import io.millrace.firehose.stream.DeliveryStream;
import io.millrace.firehose.stream.DeliveryStreamRegistry;
import io.millrace.log.LogStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Firehose engine: the delivery-stream registry (reloaded from the store with every undelivered record), the
 * operation table, and delivery. {@link #deliverDue()} is one delivery pass driven by the injected clock; tests call
 * it directly, {@link #start()} runs it every {@code deliveryTickMs} on one daemon thread. {@link #close()} stops
 * that thread and delivers everything still buffered, whatever the hints say.
 *
 * <p>A failing destination keeps its records buffered and is tried again on the next pass; the failure is logged
 * once until a delivery to that stream succeeds again. Thread-safe.
 */
public final class FirehoseEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FirehoseEngine.class);

    private final DeliveryStreamRegistry registry;
    private final ObjectStore objects;
    private final Clock clock;
    private final FirehoseConfig config;
    private final FirehoseOperations operations;
    private final LambdaInvoker lambdas;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final KinesisSourceReader sourceReader;
    private ScheduledExecutorService scheduler;

    public FirehoseEngine(LogStore store, ObjectStore objects, Clock clock, FirehoseConfig config) {
        this(store, objects, clock, config, null);
    }

    /** @param kinesis the Kinesis streams KinesisStreamAsSource delivery streams read, or {@code null} for none */
    public FirehoseEngine(LogStore store, ObjectStore objects, Clock clock, FirehoseConfig config,
                          StreamSource kinesis) {
        this.registry = new DeliveryStreamRegistry(store, config.maxDeliveryStreams());
        this.objects = objects;
        this.clock = clock;
        this.config = config;
        this.lambdas = new HttpLambdaInvoker(config.lambdaEndpoints());
        this.operations = new FirehoseOperations(registry, clock, config.maxBufferedBytesPerStream(),
                this::destination, kinesis);
        this.sourceReader = kinesis == null ? null
                : new KinesisSourceReader(kinesis, store.metadata(), clock, config.maxBufferedBytesPerStream());
    }

    public FirehoseOperations operations() {
        return operations;
    }

    private Destination destination(S3Settings settings) {
        Destination s3 = new S3Destination(objects, settings, lambdas);
        return settings.backup() == null ? s3
                : new BackedUpDestination(s3, new S3Backup(objects, settings.backup(), settings.zone()));
    }

    /** Starts periodic delivery; call once. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "millrace-firehose-delivery");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            readSources();
            deliverDue();
        }, config.deliveryTickMs(), config.deliveryTickMs(), TimeUnit.MILLISECONDS);
    }

    /**
     * One pass of the KinesisStreamAsSource streams over their sources: new records into their buffers. Returns how
     * many records were taken. Never throws: a failing source is logged and retried on the next pass.
     */
    public int readSources() {
        return sourceReader == null ? 0 : sourceReader.poll(registry.all());
    }

    /** One pass: delivers every stream whose flush policy is due now. Returns the number of objects written. */
    public int deliverDue() {
        return deliverAll(false);
    }

    /** Delivers everything buffered in every stream, regardless of the hints. Returns the objects written. */
    public int flushAll() {
        return deliverAll(true);
    }

    private int deliverAll(boolean force) {
        int delivered = 0;
        for (DeliveryStream stream : registry.all()) {
            String arn = stream.metadata().arn();
            try {
                delivered += stream.deliver(clock.millis(), force, this::destination);
                if (failing.remove(arn)) {
                    LOG.info("Delivery for {} works again", arn);
                }
            } catch (IOException | RuntimeException e) {
                if (failing.add(arn)) {
                    LOG.warn("Delivery for {} failed; its records stay buffered and are retried", arn, e);
                }
            }
        }
        return delivered;
    }

    /** Stops periodic delivery and delivers what is buffered; the caller closes the store afterwards. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        flushAll();
    }
}
