package io.millrace.compat.sdks;

import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import java.util.List;

/**
 * The AWS SDK for JavaScript v3 without authentication: its Kinesis client speaks AWS JSON 1.1 over cleartext HTTP/2
 * for every operation, SubscribeToShard's event stream included, and its Firehose client speaks it over HTTP/1.1.
 */
class JavaScriptSdkIT extends CrossSdkScenario {
    @RegisterExtension
    static final EmbeddedMillrace MILLRACE = EmbeddedMillrace.onDisk();

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
        return AwsBasicCredentials.create("AKIDANYONE", "anything");
    }

    @Override
    String accountId() {
        return "000000000000";
    }
}
