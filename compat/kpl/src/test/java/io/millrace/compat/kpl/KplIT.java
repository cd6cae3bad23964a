package io.millrace.compat.kpl;

import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** The KPL against a server that takes any credentials (the default account). */
class KplIT extends KplScenario {
    @RegisterExtension
    static final EmbeddedMillrace MILLRACE = new EmbeddedMillrace();

    KplIT() {
        super(AwsBasicCredentials.create("AKIAKPL", "secret"), "000000000000");
    }

    @Override
    EmbeddedMillrace millrace() {
        return MILLRACE;
    }
}
