package io.millrace.server.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentInputStatus;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutputStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encryption, monitoring, resource policy, max record size, account settings and enforced limits via the SDK. */
class ModelOperationsIT {
    @RegisterExtension
    static final TestServer SERVER = new TestServer("--enforce-limits");
    private static final String ARN_PREFIX = "arn:aws:kinesis:us-east-1:000000000000:stream/";
    private static KinesisClient kinesis;

    @BeforeAll
    static void client() {
        kinesis = Clients.sync(SERVER.httpEndpoint(), true);
    }

    @AfterAll
    static void closeClient() {
        kinesis.close();
    }

    private static StreamDescriptionSummary summary(String stream) {
        return kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary();
    }

    @Test
    void encryptionMonitoringAndPolicyAreVisibleThroughTheSdk() {
        kinesis.createStream(r -> r.streamName("model").shardCount(1));
        kinesis.startStreamEncryption(r -> r.streamName("model").encryptionType(EncryptionType.KMS)
                .keyId("alias/aws/kinesis"));
        EnableEnhancedMonitoringResponse monitoring = kinesis.enableEnhancedMonitoring(r -> r.streamName("model")
                .shardLevelMetrics(MetricsName.ALL));
        kinesis.putResourcePolicy(r -> r.resourceARN(ARN_PREFIX + "model").policy("{\"Statement\":[]}"));

        StreamDescriptionSummary described = summary("model");
        assertThat(described.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(described.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(described.keyId()).isEqualTo("alias/aws/kinesis");
        assertThat(described.enhancedMonitoring().get(0).shardLevelMetrics()).hasSize(7);
        assertThat(monitoring.currentShardLevelMetrics()).isEmpty();
        assertThat(monitoring.desiredShardLevelMetrics()).hasSize(7);
        assertThat(kinesis.putRecord(r -> r.streamName("model").partitionKey("k")
                .data(SdkBytes.fromUtf8String("v"))).encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(kinesis.getResourcePolicy(r -> r.resourceARN(ARN_PREFIX + "model")).policy())
                .isEqualTo("{\"Statement\":[]}");
        kinesis.deleteResourcePolicy(r -> r.resourceARN(ARN_PREFIX + "model"));
        assertThat(kinesis.getResourcePolicy(r -> r.resourceARN(ARN_PREFIX + "model")).policy()).isEqualTo("{}");
    }

    @Test
    void theMaximumRecordSizeIsEnforcedOnPuts() {
        kinesis.createStream(r -> r.streamName("sizes").shardCount(1));
        SdkBytes oneAndAHalfMiB = SdkBytes.fromByteArray(new byte[1536 * 1024]);
        assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName("sizes").partitionKey("k")
                .data(oneAndAHalfMiB))).isInstanceOf(InvalidArgumentException.class);
        kinesis.updateMaxRecordSize(r -> r.streamARN(ARN_PREFIX + "sizes").maxRecordSizeInKiB(2048));
        assertThat(summary("sizes").maxRecordSizeInKiB()).isEqualTo(2048);
        // The record is over one second of the shard's write rate; admitted on a full bucket, then repaid.
        assertThat(kinesis.putRecord(r -> r.streamName("sizes").partitionKey("k").data(oneAndAHalfMiB))
                .shardId()).isEqualTo("shardId-000000000000");
    }

    @Test
    void accountSettingsFollowTheCommitmentStateMachine() {
        var enabled = kinesis.updateAccountSettings(r -> r.minimumThroughputBillingCommitment(c -> c
                .status(MinimumThroughputBillingCommitmentInputStatus.ENABLED))).minimumThroughputBillingCommitment();
        assertThat(enabled.status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
        assertThat(enabled.earliestAllowedEndAt()).isAfter(enabled.startedAt());
        var pending = kinesis.updateAccountSettings(r -> r.minimumThroughputBillingCommitment(c -> c
                .status(MinimumThroughputBillingCommitmentInputStatus.DISABLED))).minimumThroughputBillingCommitment();
        assertThat(pending.status())
                .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
        assertThat(kinesis.describeAccountSettings(r -> { }).minimumThroughputBillingCommitment().status())
                .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
    }

    @Test
    void aBurstBeyondAShardsWriteRateFailsOnlyTheExcessRecords() {
        kinesis.createStream(r -> r.streamName("burst").shardCount(1));
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(PutRecordsRequestEntry.builder().partitionKey("k")
                    .data(SdkBytes.fromByteArray(new byte[300 * 1024])).build());
        }
        PutRecordsResponse response = kinesis.putRecords(r -> r.streamName("burst").records(entries));
        assertThat(response.failedRecordCount()).isEqualTo(2);
        assertThat(response.records().subList(0, 3)).allSatisfy(e -> assertThat(e.errorCode()).isNull());
        assertThat(response.records().subList(3, 5)).allSatisfy(e -> {
            assertThat(e.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(e.errorMessage()).isEqualTo("Rate exceeded for shard shardId-000000000000 in stream burst "
                    + "under account 000000000000.");
        });
    }
}
