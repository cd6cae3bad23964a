package io.millrace.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * STS's GetCallerIdentity through the real AWS SDK's STS client (AWS Query protocol, signed for {@code sts}), on the
 * Kinesis port: the caller is the one Kinesis would see, without authentication and with {@code --auth=sigv4}.
 */
class StsIT {
    @RegisterExtension
    static final TestServer OPEN = new TestServer();

    @RegisterExtension
    static final TestServer SIGNED = TestServer.signed("""
            {"identities": [
              {"accessKeyId": "AKIDALICE", "secretAccessKey": "alice-secret", "accountId": "111111111111",
               "user": "alice"}
            ]}""");

    @Test
    void withoutAuthenticationATwelveDigitAccessKeyIsTheAccountAndAnyOtherTheDefaultOne() {
        try (StsClient sts = sts(OPEN.httpEndpoint(), "123456789012", "anything")) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo("123456789012");
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::123456789012:root");
            assertThat(identity.userId()).isEqualTo("123456789012");
        }
        try (StsClient sts = sts(OPEN.httpEndpoint(), "AKIDANYONE", "anything")) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");
        }
    }

    @Test
    void withSignaturesTheIdentityIsTheSignersAndItsAccountTheOneKinesisUses() {
        try (StsClient sts = sts(SIGNED.httpEndpoint(), "AKIDALICE", "alice-secret");
             KinesisClient kinesis = KinesisClient.builder().endpointOverride(SIGNED.httpEndpoint())
                     .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create("AKIDALICE", "alice-secret"))).build()) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo("111111111111");
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::111111111111:user/alice");
            assertThat(identity.userId()).isEqualTo("AKIDALICE");
            kinesis.createStream(r -> r.streamName("sts-checked").shardCount(1));
            assertThat(kinesis.describeStreamSummary(r -> r.streamName("sts-checked"))
                    .streamDescriptionSummary().streamARN())
                    .isEqualTo("arn:aws:kinesis:us-east-1:" + identity.account() + ":stream/sts-checked");
        }
    }

    @Test
    void aWrongSecretOrAnUnknownKeyIsRefusedWithStsErrorCodes() {
        try (StsClient wrongSecret = sts(SIGNED.httpEndpoint(), "AKIDALICE", "not-the-secret");
             StsClient unknownKey = sts(SIGNED.httpEndpoint(), "AKIDNOBODY", "secret")) {
            assertThatThrownBy(wrongSecret::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
            });
            assertThatThrownBy(unknownKey::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            });
        }
    }

    @Test
    void otherStsActionsAreInvalidActions() {
        try (StsClient sts = sts(OPEN.httpEndpoint(), "AKIDANYONE", "anything")) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/r")
                    .roleSessionName("s"))).isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Could not find operation AssumeRole for version 2011-06-15");
                    });
        }
    }

    private static StsClient sts(URI endpoint, String accessKeyId, String secret) {
        return StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .build();
    }
}
