package io.millrace.compat.kpl;

import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * The KPL against {@code --auth=sigv4}: its native daemon signs with the AWS SDK for C++, whose requests (to STS and
 * to Kinesis) Millrace's signature check must accept, and the identity's account names the stream.
 */
class KplSignedIT extends KplScenario {
    private static final AwsBasicCredentials CREDENTIALS =
            AwsBasicCredentials.create("AKIDPRODUCER", "producer-secret");
    private static final String ACCOUNT_ID = "222222222222";

    @RegisterExtension
    static final EmbeddedMillrace MILLRACE = new EmbeddedMillrace(EmbeddedMillrace.sigV4With(
            CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey(), ACCOUNT_ID, "producer"));

    KplSignedIT() {
        super(CREDENTIALS, ACCOUNT_ID);
    }

    @Override
    EmbeddedMillrace millrace() {
        return MILLRACE;
    }
}
