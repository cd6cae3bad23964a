package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

class PutResourcePolicyTest {
    static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/s";
    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void thePolicyIsStoredVerbatimAndSurvivesARestart() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("PutResourcePolicy", new PutResourcePolicyRequest(ARN, null, POLICY));
        kinesis.restart();
        GetResourcePolicyResponse got = kinesis.call("GetResourcePolicy", new GetResourcePolicyRequest(ARN, null));
        assertThat(got.policy()).isEqualTo(POLICY);
    }

    @Test
    void aDocumentThatIsNotAJsonObjectIsRefused() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.fails("PutResourcePolicy", new PutResourcePolicyRequest(ARN, null, "not json"),
                KinesisError.INVALID_ARGUMENT);
        kinesis.fails("PutResourcePolicy", new PutResourcePolicyRequest(ARN, null, "[]"),
                KinesisError.INVALID_ARGUMENT);
    }

    @Test
    void aConsumerArnIsNotFoundWhileConsumersDoNotExist() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.fails("PutResourcePolicy", new PutResourcePolicyRequest(ARN + "/consumer/c:1", null, POLICY),
                KinesisError.RESOURCE_NOT_FOUND);
    }

    @Test
    void anUnknownStreamIsNotFound() {
        assertThat(kinesis.message("PutResourcePolicy", new PutResourcePolicyRequest(ARN, null, POLICY),
                KinesisError.RESOURCE_NOT_FOUND)).isEqualTo("Stream s under account 123456789012 not found.");
    }
}
