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
 * temporary directory, for the duration of a test class; {@link #signed} also with {@code --auth sigv4}.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback {
    private final String credentialsJson;
    private final List<String> extraArgs;
    private Path dataDir;
    private Path credentialsFile;
    private Millrace server;

    public TestServer(String... extraArgs) {
        this(null, extraArgs);
    }

    private TestServer(String credentialsJson, String... extraArgs) {
        this.credentialsJson = credentialsJson;
        this.extraArgs = List.of(extraArgs);
    }

    /** With {@code --auth sigv4} and the credentials file {@code credentialsJson}, written for the test class. */
    public static TestServer signed(String credentialsJson, String... extraArgs) {
        return new TestServer(credentialsJson, extraArgs);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("millrace-it");
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString()));
        if (credentialsJson != null) {
            credentialsFile = Files.createTempFile("millrace-it-credentials", ".json");
            Files.writeString(credentialsFile, credentialsJson);
            args.addAll(List.of("--auth", "sigv4", "--credentials", credentialsFile.toString()));
        }
        args.addAll(extraArgs);
        server = Millrace.start(MillraceCommand.parse(args.toArray(String[]::new)));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.close();
        deleteRecursively(dataDir);
        if (credentialsFile != null) {
            Files.deleteIfExists(credentialsFile);
        }
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
