package io.millrace.firehose.destination.redshift;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests, started from the machine's PostgreSQL binaries ({@code initdb},
 * {@code pg_ctl}; Debian's {@code postgresql} package, which {@code .ci/run} installs) on 127.0.0.1 and a free
 * port, trusting local connections. PostgreSQL refuses to run as root, so under root it runs as the
 * {@code postgres} user. {@code pg_ctl -w} waits until the server accepts connections.
 */
final class LocalPostgres implements AutoCloseable {
    static final String USER = "firehose";
    static final String DATABASE = "dev";

    private final Path dir;
    private final Path bin;
    private final int port;

    private LocalPostgres(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    static LocalPostgres start() throws IOException, InterruptedException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("millrace-pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        LocalPostgres postgres = new LocalPostgres(dir, bin, port);
        if (isRoot()) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        postgres.runAsOwner(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                "--auth=trust", "--no-sync", "-E", "UTF8");
        postgres.runAsOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
                "-l", dir.resolve("log").toString(), "-o", "-p " + port + " -k " + dir
                        + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        postgres.runAsOwner(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", USER, DATABASE);
        return postgres;
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        runAsOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                "stop");
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void runAsOwner(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("command failed: " + command + "\n" + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The directory of initdb and pg_ctl: Debian's versioned directory, else wherever PATH has them. */
    private static Path binaries() throws IOException {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path newest = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(java.util.Comparator.comparing(Path::toString)).orElse(null);
                if (newest != null) {
                    return newest;
                }
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb"))) {
                return Path.of(entry);
            }
        }
        throw new IOException("PostgreSQL binaries (initdb, pg_ctl) not found; install Debian's postgresql package "
                + "(.ci/run does)");
    }
}
