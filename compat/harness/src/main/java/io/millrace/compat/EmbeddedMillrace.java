package io.millrace.compat;

import io.millrace.server.Millrace;
import io.millrace.server.config.MillraceCommand;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A JUnit 5 extension that runs Millrace in-process on an ephemeral loopback port for the duration of a test class:
 * the server the third-party clients under test talk to. In memory by default; {@link #onDisk()} gives it a
 * temporary data directory instead, where Firehose delivers to the embedded S3 directory ({@link #s3Directory()}).
 *
 * <p>Thread safety: started and stopped by JUnit on one thread; the accessors may be read from any thread.
 */
public final class EmbeddedMillrace implements BeforeAllCallback, AfterAllCallback {
    private final boolean onDisk;
    private final List<String> options;
    private volatile Path dataDir;
    private volatile Millrace server;

    /** In memory. */
    public EmbeddedMillrace() {
        this(false);
    }

    /** In memory, with {@code options} of {@code bin/millrace} (such as {@code --auth sigv4}) besides. */
    public EmbeddedMillrace(String... options) {
        this(false, options);
    }

    private EmbeddedMillrace(boolean onDisk, String... options) {
        this.onDisk = onDisk;
        this.options = List.of(options);
    }

    /** With a temporary data directory, removed after the test class, and {@code options} besides. */
    public static EmbeddedMillrace onDisk(String... options) {
        return new EmbeddedMillrace(true, options);
    }

    /**
     * The options of {@code --auth=sigv4} with one identity, {@code accessKeyId}/{@code secretAccessKey} in account
     * {@code accountId} (user {@code user}), written to a temporary credentials file the JVM deletes on exit.
     */
    public static String[] sigV4With(String accessKeyId, String secretAccessKey, String accountId, String user) {
        try {
            Path file = Files.createTempFile("millrace-compat-credentials", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, """
                    {"identities": [
                      {"accessKeyId": "%s", "secretAccessKey": "%s", "accountId": "%s", "user": "%s"}
                    ]}""".formatted(accessKeyId, secretAccessKey, accountId, user));
            return new String[] {"--auth", "sigv4", "--credentials", file.toString()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0"));
        if (onDisk) {
            dataDir = Files.createTempDirectory("millrace-compat-");
            arguments.addAll(List.of("--data-dir", dataDir.toString()));
        } else {
            arguments.add("--in-memory");
        }
        arguments.addAll(options);
        server = Millrace.start(MillraceCommand.parse(arguments.toArray(String[]::new)));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
        }
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(EmbeddedMillrace::delete);
            }
        }
    }

    /** Cleartext endpoint: HTTP/1.1, or HTTP/2 with prior knowledge (what the async client sends on http://). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Where Firehose delivers S3 objects: {@code <data-dir>/s3/<bucket>/<key>}; only {@link #onDisk()}. */
    public Path s3Directory() {
        if (dataDir == null) {
            throw new IllegalStateException("an in-memory server keeps its delivered objects to itself");
        }
        return dataDir.resolve("s3");
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
