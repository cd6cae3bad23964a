package io.millrace.streams;

import io.millrace.log.LogStore;
import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.consumer.FanOutConfig;
import io.millrace.streams.op.OperationTable;
import io.millrace.streams.op.Operation;
import io.millrace.streams.op.RequestContext;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** An engine on an in-memory store with a manual clock, called through its operation table as the server would. */
public final class EngineFixture implements AutoCloseable {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    /** 2015-01-22T01:22:02Z, the instant of the AWS expiry message recorded in the reference. */
    public static final long START_MS = 1_421_889_722_000L;
    public static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    public final ManualClock clock = new ManualClock(START_MS);
    public final LogStore store;
    public final EngineConfig config;
    public final FanOutConfig fanOut;
    private KinesisEngine engine;

    public EngineFixture() {
        this(new InMemoryLogStore(), EngineConfig.defaults().withIteratorSecret(SECRET));
    }

    public EngineFixture(LogStore store, EngineConfig config) {
        this(store, config, FanOutConfig.defaults());
    }

    /** Subscriptions run on the calling thread, so a test sees their events before its call returns. */
    public EngineFixture(LogStore store, EngineConfig config, FanOutConfig fanOut) {
        this.store = store;
        this.config = config;
        this.fanOut = fanOut;
        this.engine = newEngine();
    }

    private KinesisEngine newEngine() {
        return new KinesisEngine(store, config, fanOut, clock, Runnable::run);
    }

    public KinesisEngine engine() {
        return engine;
    }

    /** Closes the engine and builds a new one on the same store, as a restart would. */
    public void restart() {
        engine.close();
        engine = newEngine();
    }

    public RequestContext context() {
        return new RequestContext(ACCOUNT, REGION, "request-1");
    }

    /** Runs {@code name} and returns its response, failing the test on an error. */
    @SuppressWarnings("unchecked")
    public <I, O> O call(String name, I request) {
        return call(name, request, context());
    }

    @SuppressWarnings("unchecked")
    public <I, O> O call(String name, I request, RequestContext context) {
        OperationTable.Entry<?, ?> entry = engine.operations().lookup(name);
        assertThat(entry).as("operation %s", name).isNotNull();
        assertThat(entry.requestType()).isEqualTo(request.getClass());
        Operation<I, O> operation = (Operation<I, O>) entry.operation();
        try {
            return operation.execute(request, context).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Runs {@code name} expecting an {@link ApiException} of {@code error}, and returns it. */
    public ApiException fails(String name, Object request, KinesisError error) {
        try {
            call(name, request);
        } catch (ApiException e) {
            assertThat(e.error()).as("error of %s", name).isEqualTo(error);
            return e;
        }
        return fail("%s succeeded, expected %s", name, error);
    }

    /** The wire message of the expected error. */
    public String message(String name, Object request, KinesisError error) {
        return fails(name, request, error).wireMessage();
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
