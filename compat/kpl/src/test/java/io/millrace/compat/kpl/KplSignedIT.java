package io.millrace.compat.kpl;

import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The KPL against {@code --auth=sigv4}: its native daemon signs with the AWS SDK for C++, whose requests (to STS and
 * to Kinesis) Millrace's signature check must accept, and the identity's account names the stream.
 */
class KplSignedIT extends KplScenario {
    private static final Path CREDENTIALS = credentialsFile();

    @RegisterExtension
    static final EmbeddedMillrace MILLRACE = new EmbeddedMillrace("--auth", "sigv4", "--credentials",
            CREDENTIALS.toString());

    @AfterAll
    static void deleteCredentials() throws IOException {
        Files.deleteIfExists(CREDENTIALS);
    }

    @Override
    EmbeddedMillrace millrace() {
        return MILLRACE;
    }

    @Override
    StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPRODUCER", "producer-secret"));
    }

    @Override
    String accountId() {
        return "222222222222";
    }

    private static Path credentialsFile() {
        try {
            Path file = Files.createTempFile("millrace-kpl-credentials", ".json");
            Files.writeString(file, """
                    {"identities": [
                      {"accessKeyId": "AKIDPRODUCER", "secretAccessKey": "producer-secret",
                       "accountId": "222222222222", "user": "producer"}
                    ]}""");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
