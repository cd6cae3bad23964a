package io.millrace.server;

import io.millrace.server.config.ConfigException;
import io.millrace.server.config.MillraceCommand;
import io.millrace.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.OptionalInt;

/**
 * {@code bin/millrace}: parse the configuration, start, print a one-line banner, stop cleanly on SIGTERM; or, with
 * {@code log ...} as the first arguments, run an offline data-directory tool ({@link LogCommand}).
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        if (args.length > 0 && args[0].equals("log")) {
            System.exit(LogCommand.run(out, new PrintWriter(System.err, true),
                    java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        OptionalInt helpOrVersion = MillraceCommand.printHelpOrVersion(out, args);
        if (helpOrVersion.isPresent()) {
            System.exit(helpOrVersion.getAsInt());
        }
        ServerConfig config;
        try {
            config = MillraceCommand.parse(args);
        } catch (ConfigException e) {
            System.err.println("millrace: " + e.getMessage());
            System.err.println("Run 'millrace --help' for the options.");
            System.exit(2);
            return;
        }
        Millrace server = Millrace.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "millrace-shutdown"));
        long startedMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        String authority = config.host() + ":" + server.port();
        out.printf("Millrace listening on http://%s and https://%s (%s, durability %s) — ready in %d ms%n",
                authority, authority, config.inMemory() ? "in memory" : "data in " + config.dataDir(),
                config.durability().configName(), startedMs);
        LOG.debug("configuration: {}", config);
    }
}
