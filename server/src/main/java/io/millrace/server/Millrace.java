package io.millrace.server;

import io.millrace.firehose.FirehoseConfig;
import io.millrace.firehose.FirehoseEngine;
import io.millrace.log.LogStore;
import io.millrace.log.crypto.KeyRing;
import io.millrace.log.local.LocalLogConfig;
import io.millrace.log.local.LocalLogStore;
import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.codec.KinesisProtocol;
import io.millrace.protocol.model.ServiceModel;
import io.millrace.server.auth.AccessControl;
import io.millrace.server.auth.Authentication;
import io.millrace.server.auth.CredentialsFile;
import io.millrace.server.config.AuthMode;
import io.millrace.server.config.ConfigException;
import io.millrace.server.config.Backend;
import io.millrace.server.config.KafkaBackend;
import io.millrace.server.config.ServerConfig;
import io.millrace.server.firehose.DeliveryOutput;
import io.millrace.server.firehose.KafkaClusters;
import io.millrace.server.firehose.KinesisStreamSource;
import io.millrace.server.firehose.SourcesByArn;
import io.millrace.server.http.HttpServer;
import io.millrace.server.route.FirehoseRoute;
import io.millrace.server.route.KinesisDispatcher;
import io.millrace.server.route.StsQuery;
import io.millrace.server.route.ServiceRoute;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.KinesisEngine;
import io.millrace.streams.consumer.FanOutConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running Millrace: storage, engine, dispatcher and transport wired from one {@link ServerConfig}. This is what
 * {@link Main} starts and what tests embed ({@code Millrace.start(config)} on port 0, then {@link #port()}).
 *
 * <p>Thread safety: {@link #close()} may be called from any thread, once or more.
 */
public final class Millrace implements AutoCloseable {
    private final ServerConfig config;
    private final LogStore store;
    private final KinesisEngine engine;
    private final FirehoseEngine firehose;
    private final DeliveryOutput output;
    private final ExecutorService workers;
    private final HttpServer http;
    private final SourcesByArn sources;
    private final AtomicInteger closed = new AtomicInteger();

    private Millrace(ServerConfig config, LogStore store, KinesisEngine engine, FirehoseEngine firehose,
                     DeliveryOutput output, ExecutorService workers, HttpServer http, SourcesByArn sources) {
        this.config = config;
        this.store = store;
        this.engine = engine;
        this.firehose = firehose;
        this.output = output;
        this.workers = workers;
        this.http = http;
        this.sources = sources;
    }

    /** Opens storage, reloads every stream and starts serving; returns once the port accepts requests. */
    public static Millrace start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * As {@link #start(ServerConfig)}, with the Kinesis engine on {@code engineClock} (tests move one gateway's time
     * to cross limits such as the 5-second SubscribeToShard takeover without waiting).
     */
    public static Millrace start(ServerConfig config, Clock engineClock) {
        Authentication authentication = authentication(config, Authentication.KINESIS_SERVICE);
        Authentication firehoseAuthentication = authentication(config, Authentication.FIREHOSE_SERVICE);
        Authentication stsAuthentication = authentication(config, Authentication.STS_SERVICE);
        // Loading the service models is the slowest part of start-up; it overlaps with opening storage.
        CompletableFuture<KinesisProtocol> protocol = CompletableFuture.supplyAsync(KinesisProtocol::kinesis);
        CompletableFuture<KinesisProtocol> firehoseProtocol =
                CompletableFuture.supplyAsync(() -> KinesisProtocol.of(ServiceModel.firehose()));
        LogStore store = openStore(config);
        DeliveryOutput output = DeliveryOutput.open(config);
        SourcesByArn sources = null;
        try {
            EngineConfig engineConfig = EngineConfig.defaults()
                    .withIteratorSecret(IteratorSecret.loadOrCreate(store.metadata()))
                    .withStreamDelaysMs(config.createStreamDelayMs(), config.deleteStreamDelayMs(),
                            config.updateStreamDelayMs())
                    .withLimitsEnforced(config.enforceLimits())
                    .withFaultPlan(config.faultInjection())
                    // Channels deliver where Firehose does: --s3-endpoint, else <data-dir>/s3 (see DeliveryOutput).
                    .withObjectStore(output.store());
            KinesisEngine engine = new KinesisEngine(store, engineConfig,
                    FanOutConfig.defaults().withConsumerStatusDelayMs(config.consumerStatusDelayMs()),
                    engineClock);
            sources = new SourcesByArn(new KinesisStreamSource(engine.streams(), Clock.systemUTC()),
                    KafkaClusters.of(config.mskBootstraps(), KafkaBackend.clientProperties(config.backend()),
                            config.backend().kafkaBootstrap()));
            FirehoseEngine firehose = new FirehoseEngine(store, output.store(), Clock.systemUTC(),
                    FirehoseConfig.defaults().withLambdaEndpoints(config.lambdaEndpoints()),
                    config.firehoseDestinations(), sources);
            ExecutorService workers = workerPool(config.workerThreads());
            ServiceRoute kinesis = new ServiceRoute(protocol.join(), engine.operations(), authentication,
                    new AccessControl(engine.resourcePolicies(), Authentication.KINESIS_SERVICE));
            KinesisDispatcher dispatcher = new KinesisDispatcher(kinesis,
                    List.of(FirehoseRoute.of(firehose.operations(), firehoseProtocol.join(), firehoseAuthentication)),
                    new StsQuery(stsAuthentication), workers);
            HttpServer http = HttpServer.start(config.transport(), dispatcher);
            firehose.start(); // last, so a failed start leaves no delivery thread behind
            return new Millrace(config, store, engine, firehose, output, workers, http, sources);
        } catch (RuntimeException e) {
            if (sources != null) {
                sources.close();
            }
            output.close();
            store.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * The embedded object store's directory ({@code <bucket>/<key>} below it): {@code <data-dir>/s3}, or in
     * {@code --in-memory} mode a temporary directory that exists while the server runs. Firehose and channels deliver
     * here unless {@code --s3-endpoint} is given.
     */
    public Path objectStoreRoot() {
        return output.localRoot();
    }

    /** Stops accepting, lets in-flight requests finish (bounded by the shutdown timeout), then closes storage. */
    @Override
    public void close() {
        if (closed.getAndIncrement() != 0) {
            return;
        }
        try {
            // Subscriptions would otherwise keep their connections busy for up to five minutes.
            engine.fanOut().subscriptions().endAll();
            http.shutdownGracefully(Duration.ofMillis(config.shutdownTimeoutMs())).join();
        } finally {
            workers.shutdown();
            awaitQuietly(workers, config.shutdownTimeoutMs());
            firehose.close(); // delivers what is still buffered
            sources.close();
            engine.close();
            store.close();
            output.close();
        }
    }

    /** Read before storage opens, so a bad credentials file fails start-up without touching data. */
    private static Authentication authentication(ServerConfig config, String service) {
        return config.auth() == AuthMode.SIGV4
                ? Authentication.sigV4(CredentialsFile.load(config.credentialsFile()), Clock.systemUTC(),
                        config.region(), service)
                : Authentication.none(config.accountId(), config.region());
    }

    private static LogStore openStore(ServerConfig config) {
        // An operator's key ring is fixed; without one, the local store keeps (and provisions) its own. Gateways on
        // Kafka share their data, so they must share keys too: only an operator's key ring can encrypt there.
        KeyRing keyRing = config.keyringFile() == null ? null : loadKeyRing(config.keyringFile());
        if (config.backend().backend() == Backend.KAFKA) {
            return KafkaBackend.open(config.backend(), keyRing == null ? KeyRing.empty() : keyRing);
        }
        if (config.inMemory()) {
            return new InMemoryLogStore(keyRing == null ? KeyRing.ephemeral() : keyRing);
        }
        LocalLogConfig logConfig = LocalLogConfig.builder()
                .durability(io.millrace.log.local.Durability.valueOf(config.durability().name()))
                .flushIntervalMs(config.flushIntervalMs())
                .maxOpenFiles(config.maxOpenFiles())
                .build();
        return LocalLogStore.open(config.dataDir(), logConfig, keyRing);
    }

    private static KeyRing loadKeyRing(java.nio.file.Path file) {
        try {
            return KeyRing.load(file);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new ConfigException("keyring: " + e.getMessage(), e);
        }
    }

    /**
     * Operations run here, off the event loops. The queue is unbounded on purpose: admission is bounded by the
     * transport (in-flight requests per connection), and a rejected continuation would strand a response.
     */
    private static ExecutorService workerPool(int configured) {
        int threads = configured > 0 ? configured : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "millrace-worker-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static void awaitQuietly(ExecutorService pool, long timeoutMs) {
        try {
            pool.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
