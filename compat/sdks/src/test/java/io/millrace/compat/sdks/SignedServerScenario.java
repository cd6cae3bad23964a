package io.millrace.compat.sdks;

import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import java.util.List;
import java.util.function.Function;

/**
 * The scenario against {@code --auth=sigv4} with one identity, whose credentials the Java SDK and the script both
 * sign with, so that Millrace verifies the script's SDK's own signer. Each test class gets a server of its own (JUnit
 * starts and stops the inherited extension around each class).
 */
abstract class SignedServerScenario extends CrossSdkScenario {
    private static final AwsBasicCredentials CREDENTIALS =
            AwsBasicCredentials.create("AKIDSCENARIO", "scenario-secret");
    private static final String ACCOUNT_ID = "333333333333";

    @RegisterExtension
    static final EmbeddedMillrace MILLRACE = EmbeddedMillrace.onDisk(EmbeddedMillrace.sigV4With(
            CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey(), ACCOUNT_ID, "scenario"));

    SignedServerScenario(Function<List<String>, ProcessBuilder> scriptCommand) {
        super(scriptCommand, CREDENTIALS, ACCOUNT_ID);
    }

    @Override
    EmbeddedMillrace millrace() {
        return MILLRACE;
    }
}
