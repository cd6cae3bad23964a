package io.millrace.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Streams are namespaced by the account and region of the request's SigV4 credential scope: a 12-digit access key is
 * the account, anything else the configured default; the region is the scope's region.
 */
class AccountsAndRegionsIT {
    @RegisterExtension
    static final TestServer SERVER = new TestServer("--account-id", "999999999999");

    @Test
    void sameStreamNameInTwoAccountsAndRegionsAreDifferentStreams() {
        try (KinesisClient east = client("111111111111", Region.US_EAST_1);
             KinesisClient west = client("222222222222", Region.EU_WEST_1);
             KinesisClient otherRegion = client("111111111111", Region.EU_WEST_1)) {
            east.createStream(r -> r.streamName("shared-name").shardCount(1));
            west.createStream(r -> r.streamName("shared-name").shardCount(2));

            assertThat(east.describeStreamSummary(r -> r.streamName("shared-name")).streamDescriptionSummary())
                    .satisfies(s -> {
                        assertThat(s.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:111111111111:stream/shared-name");
                        assertThat(s.openShardCount()).isEqualTo(1);
                    });
            assertThat(west.describeStreamSummary(r -> r.streamName("shared-name")).streamDescriptionSummary())
                    .satisfies(s -> {
                        assertThat(s.streamARN()).isEqualTo("arn:aws:kinesis:eu-west-1:222222222222:stream/shared-name");
                        assertThat(s.openShardCount()).isEqualTo(2);
                    });
            assertThat(otherRegion.listStreams().streamNames()).isEmpty();
            assertThatThrownBy(() -> otherRegion.describeStreamSummary(r -> r.streamName("shared-name")))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageStartingWith("Stream shared-name under account 111111111111 not found.");
        }
    }

    @Test
    void anAccessKeyThatIsNotAnAccountIdUsesTheConfiguredDefaultAccount() {
        try (KinesisClient kinesis = client("AKIDEXAMPLE", Region.US_EAST_1)) {
            kinesis.createStream(r -> r.streamName("default-account").shardCount(1));
            assertThat(kinesis.describeStreamSummary(r -> r.streamName("default-account"))
                    .streamDescriptionSummary().streamARN())
                    .isEqualTo("arn:aws:kinesis:us-east-1:999999999999:stream/default-account");
        }
    }

    private static KinesisClient client(String accessKeyId, Region region) {
        return KinesisClient.builder()
                .endpointOverride(SERVER.httpEndpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "s")))
                .httpClient(ApacheHttpClient.builder().build())
                .build();
    }
}
