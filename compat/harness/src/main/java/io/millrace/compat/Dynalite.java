package io.millrace.compat;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JUnit 5 extension that runs dynalite (an open-source DynamoDB implementation, in memory) as a child
 * {@code node} process on a free loopback port for the duration of a test class; the KCL keeps its leases there.
 *
 * <p>Tables leave CREATING, UPDATING and DELETING at once, so the KCL's table waiters do not slow the tests.
 *
 * <p>Thread safety: started and stopped by JUnit on one thread; {@link #endpoint()} may be read from any thread
 * once started.
 */
public final class Dynalite implements BeforeAllCallback, AfterAllCallback {
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final String READY_LINE = "Dynalite listening at:";

    private Process process;
    private volatile URI endpoint;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path prefix = NodeTools.ofBuild().installed();
        int port = freeLoopbackPort();
        process = new ProcessBuilder("node", prefix.resolve("node_modules/dynalite/cli.js").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                .redirectErrorStream(true)
                .start();
        awaitReady();
        endpoint = URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The HTTP endpoint to give a DynamoDB client. */
    public URI endpoint() {
        return endpoint;
    }

    private void awaitReady() {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> readOutput(ready, output), "dynalite-output");
        reader.setDaemon(true); // keeps draining the pipe so dynalite never blocks on a full stdout
        reader.start();
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while dynalite started", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            synchronized (output) {
                throw new IllegalStateException("dynalite did not start:\n" + output, e);
            }
        }
    }

    private void readOutput(CompletableFuture<Void> ready, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(READY_LINE)) {
                    ready.complete(null);
                } else if (!ready.isDone()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            }
            ready.completeExceptionally(new IllegalStateException("dynalite exited with " + process.waitFor()));
        } catch (IOException | InterruptedException e) {
            ready.completeExceptionally(e);
        }
    }

    /** dynalite's command line cannot ask for port 0, so take one the kernel just handed out and let it go. */
    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
