package io.millrace.server.it;

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
 * A JUnit 5 extension that runs Millrace in-process on an ephemeral loopback port with a durable store in a
 * temporary directory, for the duration of a test class.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback {
    private final List<String> extraArgs;
    private Path dataDir;
    private Millrace server;

    public TestServer(String... extraArgs) {
        this.extraArgs = List.of(extraArgs);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("millrace-it");
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString()));
        args.addAll(extraArgs);
        server = Millrace.start(MillraceCommand.parse(args.toArray(String[]::new)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
        deleteRecursively(dataDir);
    }

    public URI httpEndpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public URI httpsEndpoint() {
        return URI.create("https://127.0.0.1:" + server.port());
    }

    /** The server's data directory (channels deliver into its {@code s3/} subdirectory). */
    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return server.port();
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
