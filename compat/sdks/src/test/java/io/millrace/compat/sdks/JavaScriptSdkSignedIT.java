package io.millrace.compat.sdks;

import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import java.util.List;

/**
 * The AWS SDK for JavaScript v3 against {@code --auth=sigv4}: Millrace verifies the signatures of its own signer, over
 * HTTP/2 (where the signed {@code host} arrives as {@code :authority}) and HTTP/1.1.
 */
class JavaScriptSdkSignedIT extends CrossSdkScenario {
    @RegisterExtension
    static final EmbeddedMillrace MILLRACE = SignedServer.start();

    @Override
    ProcessBuilder scriptCommand(List<String> arguments) {
        return ScenarioScripts.node(arguments);
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
