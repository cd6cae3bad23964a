package io.millrace.server.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md is exactly what {@link ConfigurationDoc} renders from the key table. */
class ConfigurationDocTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void configurationDocumentMatchesTheKeyTable() throws IOException {
        String expected = ConfigurationDoc.render();
        if (Boolean.getBoolean("millrace.writeDocs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void everyKeyIsDocumented() {
        String rendered = ConfigurationDoc.render();
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(rendered).contains(key.option(), key.environmentVariable());
        }
    }
}
