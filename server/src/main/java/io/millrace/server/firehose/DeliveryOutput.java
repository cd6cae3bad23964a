package io.millrace.server.firehose;

import io.millrace.log.object.LocalObjectStore;
import io.millrace.log.object.ObjectStore;
import io.millrace.firehose.destination.s3.S3EndpointObjectStore;
import io.millrace.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where delivered objects go, for Firehose and Kinesis channels alike: the S3-compatible endpoint when one is
 * configured, else the embedded store, a directory per bucket under {@link #localRoot()}.
 * The embedded store is {@code <data-dir>/s3} on a durable server. In {@code --in-memory} mode it is a temporary
 * directory removed by {@link #close()}, because an in-memory server promises to leave the data directory alone; the
 * directory is logged so that its objects can be looked at while the server runs.
 *
 * <p>Thread-safe; {@link #close()} once, after Firehose and the Kinesis engine have delivered their last object.
 */
public final class DeliveryOutput implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryOutput.class);

    private final ObjectStore store;
    private final Path localRoot;
    private final boolean isTemporary;

    private DeliveryOutput(ObjectStore store, Path localRoot, boolean isTemporary) {
        this.store = store;
        this.localRoot = localRoot;
        this.isTemporary = isTemporary;
    }

    public static DeliveryOutput open(ServerConfig config) {
        Path root = config.inMemory() ? temporaryRoot() : config.dataDir().resolve("s3");
        if (config.inMemory() && config.s3Endpoint() == null) {
            LOG.info("In-memory mode: delivered objects go to {} (removed on exit)", root);
        }
        if (config.s3Endpoint() != null) {
            LOG.info("Firehose and Kinesis channels deliver to the S3-compatible endpoint {}", config.s3Endpoint());
            return new DeliveryOutput(new S3EndpointObjectStore(config.s3Endpoint()), root, config.inMemory());
        }
        return new DeliveryOutput(new LocalObjectStore(root), root, config.inMemory());
    }

    private static Path temporaryRoot() {
        try {
            return Files.createTempDirectory("millrace-s3-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for delivered objects", e);
        }
    }

    /** The store Firehose and Kinesis channels deliver to. */
    public ObjectStore store() {
        return store;
    }

    /** The embedded store's directory: {@code <root>/<bucket>/<key>}. */
    public Path localRoot() {
        return localRoot;
    }

    @Override
    public void close() {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the S3 client failed", e);
            }
        }
        if (isTemporary) {
            deleteRecursively(localRoot);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not remove {}", dir, e);
        }
    }
}
