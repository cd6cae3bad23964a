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
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Firehose engine: the delivery-stream registry (reloaded from the store with every undelivered record), the
 * operation table, and delivery. {@link #deliverDue()} is one delivery pass driven by the injected clock, on the
 * calling thread; tests call it directly. {@link #start()} checks the streams every {@code deliveryTickMs} instead,
 * and delivers each due stream on a thread of its own, so that a destination that is slow or being retried (a Lambda
 * function's back-off, an HTTP endpoint's time-out) holds back only its own stream, as each Firehose stream is on its
 * own in AWS; a stream is never delivered by two threads at once. {@link #close()} stops those threads and delivers
 * everything still buffered, whatever the hints say.
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
    /** The streams whose delivery runs on {@link #deliveries} now. */
    private final Set<DeliveryStream> delivering = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;
    private ExecutorService deliveries;

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
            Thread thread = new Thread(runnable, "millrace-firehose-ticks");
            thread.setDaemon(true);
            return thread;
        });
        // As many threads as streams delivering at once; an idle one ends after a minute.
        AtomicInteger threads = new AtomicInteger();
        deliveries = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "millrace-firehose-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            readSources();
            startDeliveries();
        }, config.deliveryTickMs(), config.deliveryTickMs(), TimeUnit.MILLISECONDS);
    }

    /** The ticks' pass: starts the delivery of every stream that is not delivering already. */
    private void startDeliveries() {
        Collection<DeliveryStream> streams = registry.all();
        for (DeliveryStream stream : streams) {
            if (delivering.add(stream)) {
                try {
                    deliveries.execute(() -> {
                        try {
                            deliver(stream, false);
                        } finally {
                            delivering.remove(stream);
                        }
                    });
                } catch (RejectedExecutionException closing) {
                    delivering.remove(stream);
                }
            }
        }
        forgetAllBut(streams);
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
        Collection<DeliveryStream> streams = registry.all();
        for (DeliveryStream stream : streams) {
            delivered += deliver(stream, force);
        }
        forgetAllBut(streams);
        return delivered;
    }

    /** Delivers what {@code stream} has due (everything when {@code force}); returns the objects written. */
    private int deliver(DeliveryStream stream, boolean force) {
        String arn = stream.metadata().arn();
        try {
            int delivered = stream.deliver(clock.millis(), force, this::destination);
            stream.onDeliverySucceeded();
            if (failing.remove(arn)) {
                LOG.info("Delivery for {} works again", arn);
            }
            return delivered;
        } catch (IOException | RuntimeException e) {
            stream.onDeliveryFailed(String.valueOf(e.getMessage()));
            if (failing.add(arn)) {
                LOG.warn("Delivery for {} failed; its records stay buffered and are retried", arn, e);
            }
            return 0;
        }
    }

    /** Drops the retry and processing state of streams not among {@code live}: deleted streams' would stay for good. */
    private void forgetAllBut(Collection<DeliveryStream> live) {
        Set<String> logKeys = new HashSet<>();
        Set<String> arns = new HashSet<>();
        for (DeliveryStream stream : live) {
            logKeys.add(stream.metadata().logKey());
            arns.add(stream.metadata().arn());
        }
        destinations.retainOnly(logKeys);
        failing.retainAll(arns);
    }

    /**
     * Stops periodic delivery and delivers what is buffered; the caller closes the store afterwards. A delivery still
     * running after 30 s (a destination being retried) is interrupted; its records stay buffered for the final pass.
     */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            deliveries.shutdown();
            try {
                long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
                if (!deliveries.awaitTermination(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    deliveries.shutdownNow();
                    deliveries.awaitTermination(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
            deliveries = null;
        }
        flushAll();
    }
}
