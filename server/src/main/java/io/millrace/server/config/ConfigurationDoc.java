package io.millrace.server.config;

/**
 * Renders {@code docs/configuration.md} from {@link ConfigKey}, so the document cannot drift from the code:
 * {@code ConfigurationDocTest} fails when the file differs from {@link #render()}.
 */
public final class ConfigurationDoc {
    private ConfigurationDoc() {
    }

    public static String render() {
        StringBuilder doc = new StringBuilder()
                .append("# Configuration\n\n")
                .append("Generated from `ConfigKey` (regenerate with `mvn -pl server test "
                        + "-Dtest=ConfigurationDocTest -Dmillrace.writeDocs=true`).\n\n")
                .append("Every option is a command-line flag, an environment variable and a key of the optional ")
                .append("properties file given by `--config FILE` or `").append(ConfigKey.CONFIG_FILE_ENV)
                .append("`. Precedence: flag, then environment, then file, then default.\n\n")
                .append("| flag | environment | default | description |\n|---|---|---|---|\n");
        for (ConfigKey key : ConfigKey.values()) {
            doc.append("| `").append(key.option()).append('=').append(key.paramLabel()).append("` | `")
                    .append(key.environmentVariable()).append("` | ")
                    .append(key.defaultValue() == null ? "none" : "`" + key.defaultValue() + "`").append(" | ")
                    .append(key.description().replace("|", "\\|")).append(" |\n");
        }
        return doc.toString();
    }
}
