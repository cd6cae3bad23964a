package io.millrace.server.config;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The {@code millrace} command line. Each {@link ConfigKey} is a flag, an environment variable and a config-file
 * property; a flag beats the environment, which beats the config file ({@code --config FILE} or
 * {@code MILLRACE_CONFIG}), which beats the default. Stateless and thread-safe.
 *
 * <p>Typical use in {@code main}: {@link #printHelpOrVersion} first (exit with its code when present), then
 * {@link #parse}, reporting a {@link ConfigException}'s message and {@link #usage()} on bad input.
 */
public final class MillraceCommand {
    public static final String NAME = "millrace";
    private static final String CONFIG_OPTION = "--config";

    private MillraceCommand() {
    }

    /** Resolves the configuration from the arguments, the process environment, the config file and defaults. */
    public static ServerConfig parse(String... args) {
        return parse(System.getenv(), args);
    }

    /** As {@link #parse(String...)}, with the environment given (tests, embedding). */
    public static ServerConfig parse(Map<String, String> environment, String... args) {
        ParseResult flags = parseFlags(args);
        Properties file = readConfigFile(configFile(flags, environment));
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        Map<ConfigKey, String> origins = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            if (flags.hasMatchedOption(key.option())) {
                values.put(key, flags.matchedOption(key.option()).getValue());
                origins.put(key, "flag " + key.option());
            } else if (environment.get(key.environmentVariable()) != null) {
                values.put(key, environment.get(key.environmentVariable()));
                origins.put(key, "environment variable " + key.environmentVariable());
            } else if (file.getProperty(key.propertyName()) != null) {
                values.put(key, file.getProperty(key.propertyName()));
                origins.put(key, "config file property " + key.propertyName());
            }
        }
        return ServerConfig.from(values, origins);
    }

    /**
     * Prints the help ({@code --help}, {@code -h}) or version ({@code --version}, {@code -V}) when asked and returns
     * the exit code; empty when neither was asked, so the caller goes on to {@link #parse}.
     */
    public static OptionalInt printHelpOrVersion(PrintWriter out, String... args) {
        CommandLine commandLine = new CommandLine(spec());
        ParseResult result;
        try {
            result = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return OptionalInt.empty();
        }
        if (result.isUsageHelpRequested()) {
            commandLine.usage(out);
        } else if (result.isVersionHelpRequested()) {
            commandLine.printVersionHelp(out);
        } else {
            return OptionalInt.empty();
        }
        out.flush();
        return OptionalInt.of(0);
    }

    /** The help text: every option with its environment variable and default. */
    public static String usage() {
        return new CommandLine(spec()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    public static String version() {
        String version = MillraceCommand.class.getPackage().getImplementationVersion();
        return NAME + " " + (version != null ? version : "(development build)");
    }

    private static ParseResult parseFlags(String... args) {
        try {
            return new CommandLine(spec()).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static Path configFile(ParseResult flags, Map<String, String> environment) {
        if (flags.hasMatchedOption(CONFIG_OPTION)) {
            return Path.of(flags.matchedOption(CONFIG_OPTION).<String>getValue());
        }
        String fromEnvironment = environment.get(ConfigKey.CONFIG_FILE_ENV);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment);
    }

    private static Properties readConfigFile(Path file) {
        Properties properties = new Properties();
        if (file == null) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + file + ": " + e, e);
        }
        TreeSet<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        for (ConfigKey key : ConfigKey.values()) {
            unknown.remove(key.propertyName());
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("Unknown keys in config file " + file + ": " + unknown);
        }
        return properties;
    }

    /** Built from {@link ConfigKey} so the help cannot miss an option or show a stale default. */
    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name(NAME).version(version()).mixinStandardHelpOptions(true);
        spec.usageMessage()
                .description("Self-hostable Amazon Kinesis Data Streams.")
                .footer("", "Every option can also be set by its environment variable or, without the dashes, as "
                        + "a property in the --config file. Precedence: flag > environment > config file > default.");
        spec.addOption(OptionSpec.builder(CONFIG_OPTION).paramLabel("FILE").type(String.class)
                .description("Java properties file with any of the options below, e.g. port=4567. "
                        + "Env: " + ConfigKey.CONFIG_FILE_ENV + ".")
                .build());
        for (ConfigKey key : ConfigKey.values()) {
            String defaultText = key.defaultValue() == null ? "none" : "${DEFAULT-VALUE}";
            OptionSpec.Builder option = OptionSpec.builder(key.option())
                    .paramLabel(key.paramLabel())
                    .type(String.class)
                    .defaultValue(key.defaultValue())
                    .description(key.description(),
                            "Env: " + key.environmentVariable() + ". Default: " + defaultText + ".");
            if (key.isFlag()) {
                option.arity("0..1").fallbackValue("true");
            }
            spec.addOption(option.build());
        }
        return spec;
    }
}
