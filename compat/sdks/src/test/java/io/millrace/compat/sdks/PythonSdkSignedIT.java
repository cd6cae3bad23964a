package io.millrace.compat.sdks;

import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import java.util.List;

/**
 * boto3 against {@code --auth=sigv4}: Millrace verifies the signatures of botocore's own signer.
 */
class PythonSdkSignedIT extends CrossSdkScenario {
    @RegisterExtension
    static final EmbeddedMillrace MILLRACE = SignedServer.start();

    @Override
    ProcessBuilder scriptCommand(List<String> arguments) {
        return ScenarioScripts.python(arguments);
    }

    @Override
    EmbeddedMillrace millrace() {
        return MILLRACE;
    }

    @Override
    AwsBasicCredentials credentials() {
        return SignedServer.CREDENTIALS;
    }

    @Override
    String accountId() {
        return SignedServer.ACCOUNT_ID;
    }
}
