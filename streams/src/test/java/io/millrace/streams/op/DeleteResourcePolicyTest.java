package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static org.assertj.core.api.Assertions.assertThat;

class DeleteResourcePolicyTest {
    private static final String ARN = PutResourcePolicyTest.ARN;
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void deletingDetachesThePolicy() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("PutResourcePolicy", new PutResourcePolicyRequest(ARN, null, PutResourcePolicyTest.POLICY));
        kinesis.call("DeleteResourcePolicy", new DeleteResourcePolicyRequest(ARN, null));
        GetResourcePolicyResponse got = kinesis.call("GetResourcePolicy", new GetResourcePolicyRequest(ARN, null));
        assertThat(got.policy()).isEqualTo("{}");
    }

    @Test
    void deletingWhenNoPolicyIsAttachedIsNotFound() {
        kinesis.call("CreateStream", create("s", 1));
        assertThat(kinesis.message("DeleteResourcePolicy", new DeleteResourcePolicyRequest(ARN, null),
                KinesisError.RESOURCE_NOT_FOUND)).isEqualTo("No resource policy found for resource " + ARN + ".");
    }
}
