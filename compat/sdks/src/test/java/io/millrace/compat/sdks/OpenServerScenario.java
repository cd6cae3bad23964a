package io.millrace.compat.sdks;

import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import java.util.List;
import java.util.function.Function;

/**
 * The scenario against a server without authentication: any credentials act in the default account. Each test class
 * gets a server of its own (JUnit starts and stops the inherited extension around each class).
 */
abstract class OpenServerScenario extends CrossSdkScenario {
    @RegisterExtension
    static final EmbeddedMillrace MILLRACE = EmbeddedMillrace.onDisk();

    OpenServerScenario(Function<List<String>, ProcessBuilder> scriptCommand) {
        super(scriptCommand, AwsBasicCredentials.create("AKIDANYONE", "anything"), "000000000000");
    }

    @Override
    EmbeddedMillrace millrace() {
        return MILLRACE;
    }
}
