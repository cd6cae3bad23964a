package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

class GetResourcePolicyTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void aStreamWithoutPolicyAnswersAnEmptyDocument() {
        kinesis.call("CreateStream", create("s", 1));
        GetResourcePolicyResponse got = kinesis.call("GetResourcePolicy",
                new GetResourcePolicyRequest(PutResourcePolicyTest.ARN, null));
        assertThat(got.policy()).isEqualTo("{}");
    }

    @Test
    void anUnknownStreamIsNotFound() {
        kinesis.fails("GetResourcePolicy", new GetResourcePolicyRequest(PutResourcePolicyTest.ARN, null),
                KinesisError.RESOURCE_NOT_FOUND);
    }
}
