package io.millrace.compat.kpl;

import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The KPL against a server that takes any credentials (the default account). */
class KplIT extends KplScenario {
    @RegisterExtension
    static final EmbeddedMillrace MILLRACE = new EmbeddedMillrace();

    @Override
    EmbeddedMillrace millrace() {
        return MILLRACE;
    }

    @Override
    StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAKPL", "secret"));
    }

    @Override
    String accountId() {
        return "000000000000";
    }
}
