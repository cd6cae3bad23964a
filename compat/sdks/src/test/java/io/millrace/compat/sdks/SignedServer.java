package io.millrace.compat.sdks;

import io.millrace.compat.EmbeddedMillrace;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server with {@code --auth=sigv4} and one identity, whose credentials the Java SDK and the script both sign with.
 * The credentials file is written to a temporary file that the JVM deletes on exit. Stateless.
 */
final class SignedServer {
    static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("AKIDSCENARIO", "scenario-secret");
    static final String ACCOUNT_ID = "333333333333";

    private SignedServer() {
    }

    static EmbeddedMillrace start() {
        try {
            Path file = Files.createTempFile("millrace-scenario-credentials", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, """
                    {"identities": [
                      {"accessKeyId": "%s", "secretAccessKey": "%s", "accountId": "%s", "user": "scenario"}
                    ]}""".formatted(CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey(), ACCOUNT_ID));
            return EmbeddedMillrace.onDisk("--auth", "sigv4", "--credentials", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
