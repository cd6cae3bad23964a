package io.millrace.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --auth=none} (the default): a 12-digit access key id names the account, accounts do not see each other's
 * streams, and another account's stream ARN is refused, since no resource policy lets anyone in.
 */
class NoAuthIsolationIT {
    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    @Test
    void anAccountNamedByItsAccessKeyCannotSeeOrReachAnotherAccountsStreams() {
        try (KinesisClient first = client("333333333333"); KinesisClient second = client("444444444444")) {
            first.createStream(r -> r.streamName("mine").shardCount(1));

            assertThat(second.listStreams().streamNames()).doesNotContain("mine");
            assertThatThrownBy(() -> second.describeStreamSummary(r -> r.streamARN(
                    "arn:aws:kinesis:us-east-1:333333333333:stream/mine")))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::444444444444:root"
                                + " is not authorized to perform: kinesis:DescribeStreamSummary on resource: "
                                + "arn:aws:kinesis:us-east-1:333333333333:stream/mine because no resource-based policy "
                                + "allows the kinesis:DescribeStreamSummary action");
                    });
            assertThat(first.describeStreamSummary(r -> r.streamARN(
                    "arn:aws:kinesis:us-east-1:333333333333:stream/mine")).streamDescriptionSummary().streamName())
                    .isEqualTo("mine");
        }
    }

    private static KinesisClient client(String accessKeyId) {
        return Clients.sync(SERVER.httpEndpoint(), true,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "any secret")),
                Region.US_EAST_1);
    }
}
