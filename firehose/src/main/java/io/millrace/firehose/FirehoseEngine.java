package io.millrace.firehose;

import io.millrace.firehose.destination.Destination;
import io.millrace.log.object.ObjectStore;
import io.millrace.firehose.op.FirehoseOperations;
import io.millrace.firehose.processing.HttpLambdaInvoker;
import io.millrace.firehose.processing.LambdaInvoker;
import io.millrace.firehose.source.KinesisSourceReader;
import io.millrace.firehose.source.StreamSource;
import io.millrace.firehose.stream.DeliveryStream;
import io.millrace.firehose.stream.DeliveryStreamMetadata;
import io.millrace.firehose.stream.DeliveryStreamRegistry;
import io.millrace.log.LogStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
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
    private final Destinations destinations;
    private final Clock clock;
    private final FirehoseConfig config;
    private final FirehoseOperations operations;
    private final LambdaInvoker lambdas;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final KinesisSourceReader sourceReader;
    private ScheduledExecutorService scheduler;

    public FirehoseEngine(LogStore store, ObjectStore objects, Clock clock, FirehoseConfig config) {
        this(store, objects, clock, config, DestinationOptions.defaults(), null);
    }

    /** @param kinesis the Kinesis streams KinesisStreamAsSource delivery streams read, or {@code null} for none */
    public FirehoseEngine(LogStore store, ObjectStore objects, Clock clock, FirehoseConfig config,
                          StreamSource kinesis) {
        this(store, objects, clock, config, DestinationOptions.defaults(), kinesis);
    }

    public FirehoseEngine(LogStore store, ObjectStore objects, Clock clock, FirehoseConfig config,
                          DestinationOptions destinationOptions) {
        this(store, objects, clock, config, destinationOptions, null);
    }

    /**
     * @param destinationOptions how destinations outside the process are reached
     * @param kinesis the Kinesis streams KinesisStreamAsSource delivery streams read, or {@code null} for none
     */
    public FirehoseEngine(LogStore store, ObjectStore objects, Clock clock, FirehoseConfig config,
                          DestinationOptions destinationOptions, StreamSource kinesis) {
        this.registry = new DeliveryStreamRegistry(store, config.maxDeliveryStreams());
        this.lambdas = new HttpLambdaInvoker(config.lambdaEndpoints());
        this.destinations = new Destinations(objects, clock, destinationOptions, lambdas);
        this.clock = clock;
        this.config = config;
        this.operations = new FirehoseOperations(registry, clock, config.maxBufferedBytesPerStream(),
                this::destination, kinesis);
        this.sourceReader = kinesis == null ? null
                : new KinesisSourceReader(kinesis, store.metadata(), clock, config.maxBufferedBytesPerStream());
    }

    public FirehoseOperations operations() {
        return operations;
    }

    private Destination destination(DeliveryStreamMetadata metadata) {
        return destinations.forStream(metadata);
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
        Set<String> live = new HashSet<>();
        Set<String> liveArns = new HashSet<>();
        for (DeliveryStream stream : registry.all()) {
            String arn = stream.metadata().arn();
            live.add(stream.metadata().logKey());
            liveArns.add(arn);
            try {
                delivered += stream.deliver(clock.millis(), force, this::destination);
                stream.onDeliverySucceeded();
                if (failing.remove(arn)) {
                    LOG.info("Delivery for {} works again", arn);
                }
            } catch (IOException | RuntimeException e) {
                stream.onDeliveryFailed(String.valueOf(e.getMessage()));
                if (failing.add(arn)) {
                    LOG.warn("Delivery for {} failed; its records stay buffered and are retried", arn, e);
                }
            }
        }
        // A deleted stream's retry and processing state would otherwise stay in memory for good.
        destinations.retainOnly(live);
        failing.retainAll(liveArns);
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
