package io.millrace.compat.sdks;

import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import java.util.List;

/**
 * boto3 without authentication: AWS JSON 1.1 over HTTP/1.1 for Kinesis and Firehose, SubscribeToShard's event
 * stream included.
 */
class PythonSdkIT extends CrossSdkScenario {
    @RegisterExtension
    static final EmbeddedMillrace MILLRACE = EmbeddedMillrace.onDisk();

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
        return AwsBasicCredentials.create("AKIDANYONE", "anything");
    }

    @Override
    String accountId() {
        return "000000000000";
    }
}
