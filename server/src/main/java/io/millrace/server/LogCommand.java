package io.millrace.server;

import io.millrace.log.crypto.KeyRing;
import io.millrace.log.local.LocalLogStore;
import io.millrace.log.local.LogDumper;
import io.millrace.log.local.LogVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code millrace log verify DIR} and {@code millrace log dump [--batches] DIR}: offline checks and inspection of
 * a data directory, for operators. The logic lives in the log module ({@link LogVerifier}, {@link LogDumper});
 * this class only parses arguments and prints. Exit codes: 0 healthy, 1 corrupt data found, 2 bad usage or an
 * unreadable directory.
 *
 * <p>Thread safety: one instance per run.
 */
@Command(name = "millrace log", description = "Offline tools for a Millrace data directory (stop the server first).",
        mixinStandardHelpOptions = true, subcommands = {LogCommand.Verify.class, LogCommand.Dump.class})
public final class LogCommand {
    static final int HEALTHY = 0;
    static final int CORRUPT = 1;
    static final int FAILED = 2;

    /** Runs {@code millrace log ARGS...} (without the leading "log") and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = new CommandLine(new LogCommand()).setOut(out).setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("millrace log: " + e.getMessage());
                    return FAILED;
                });
        line.getSubcommands().values().forEach(sub -> sub.setExitCodeExceptionMapper(e -> FAILED));
        int code = line.execute(args);
        if (args.length == 0) {
            line.usage(err);
            return FAILED;
        }
        return code == CommandLine.ExitCode.USAGE ? FAILED : code;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks every segment (CRC32C, positions, framing) and index file; changes nothing.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "the data directory (--data-dir of the server)")
        Path dataDir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            LogVerifier.Report report = LogVerifier.verify(dataDir);
            for (LogVerifier.Finding finding : report.findings()) {
                out.printf("%s %s: %s%n", finding.severity(), dataDir.relativize(finding.file()), finding.message());
            }
            out.printf("%s: %d shards, %d segments, %d records, %d bytes of valid batches, %d findings%n",
                    report.isHealthy() ? "HEALTHY" : "CORRUPT", report.shards(), report.segments(), report.records(),
                    report.bytes(), report.findings().size());
            out.flush();
            return report.isHealthy() ? HEALTHY : CORRUPT;
        }
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Describes every shard's segments: positions, sizes, arrival times, index state.")
    static final class Dump implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "the data directory (--data-dir of the server)")
        Path dataDir;

        @Option(names = "--batches", description = "also print one line per batch")
        boolean batches;

        @Option(names = "--keyring", paramLabel = "FILE",
                description = "key ring to name the keys of encrypted batches (default: DIR/keyring if present)")
        Path keyring;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path ring = keyring != null ? keyring : dataDir.resolve(LocalLogStore.KEYRING_FILE);
            KeyRing keys = keyring != null || java.nio.file.Files.exists(ring) ? KeyRing.load(ring) : null;
            LogDumper.dump(dataDir, batches, keys, spec.commandLine().getOut());
            return HEALTHY;
        }
    }
}
