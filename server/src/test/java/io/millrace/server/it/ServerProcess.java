package io.millrace.server.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Millrace server in a child JVM on 127.0.0.1, for tests that must kill it with SIGKILL (which an in-process
 * server cannot survive) and start it again on the same data directory and port. {@link #start} returns once the
 * server printed its banner. Not thread-safe: one test thread drives it.
 */
final class ServerProcess {
    private final Path dataDir;
    private final int port;
    private final List<String> extraArgs;
    private Process process;

    private ServerProcess(Path dataDir, int port, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.port = port;
        this.extraArgs = extraArgs;
    }

    /** A server for {@code dataDir} on a free loopback port; not started yet. */
    static ServerProcess on(Path dataDir, String... extraArgs) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new ServerProcess(dataDir, socket.getLocalPort(), List.of(extraArgs));
        }
    }

    int port() {
        return port;
    }

    /** Starts the server and waits (at most a minute) until it listens. */
    void start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.millrace.server.Main", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--data-dir", dataDir.toString()));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        StringBuffer output = new StringBuffer();
        Process started = process;
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (line.contains("listening on")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process died; the latch tells the test
            }
        }, "server-output");
        pump.setDaemon(true);
        pump.start();
        assertThat(ready.await(60, TimeUnit.SECONDS)).as(() -> "server printed its banner:\n" + output).isTrue();
    }

    /** SIGKILL: no shutdown hook, no flush; returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then whether the server exited within {@code seconds} (its shutdown hook closes everything). */
    boolean terminate(long seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** Kills a server still running; for test clean-up. */
    void destroy() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
