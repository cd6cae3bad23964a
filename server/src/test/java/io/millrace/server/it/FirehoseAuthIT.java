package io.millrace.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.FirehoseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --auth=sigv4} for Firehose: the SDK signs for the {@code firehose} signing name, identities map to their
 * accounts, and identity policies are evaluated with {@code firehose:} actions on delivery-stream ARNs.
 */
class FirehoseAuthIT {
    @RegisterExtension
    static final TestServer SERVER = TestServer.signed("""
            {"identities": [
              {"accessKeyId": "AKIDALICE", "secretAccessKey": "alice-secret", "accountId": "111111111111",
               "user": "alice"},
              {"accessKeyId": "AKIDREADER", "secretAccessKey": "reader-secret", "accountId": "111111111111",
               "user": "reader", "policy": {"Version": "2012-10-17", "Statement": [
                 {"Effect": "Allow", "Action": ["firehose:Describe*", "firehose:List*"], "Resource": "*"}]}}
            ]}""");

    @Test
    void requestsSignedForFirehoseAreAcceptedInTheIdentitysAccount() {
        try (FirehoseClient alice = client("AKIDALICE", "alice-secret")) {
            String arn = alice.createDeliveryStream(b -> b.deliveryStreamName("signed")
                    .extendedS3DestinationConfiguration(s3 -> s3.roleARN("arn:aws:iam::111111111111:role/r")
                            .bucketARN("arn:aws:s3:::signed-bucket"))).deliveryStreamARN();
            assertThat(arn).isEqualTo("arn:aws:firehose:us-east-1:111111111111:deliverystream/signed");
            assertThat(alice.listDeliveryStreams(b -> { }).deliveryStreamNames()).contains("signed");
        }
    }

    @Test
    void aWrongSecretIsAnInvalidSignature() {
        try (FirehoseClient wrong = client("AKIDALICE", "not-the-secret")) {
            assertThatThrownBy(() -> wrong.listDeliveryStreams(b -> { }))
                    .isInstanceOfSatisfying(FirehoseException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
        }
    }

    @Test
    void identityPoliciesAreEvaluatedWithFirehoseActionsOnDeliveryStreamArns() {
        try (FirehoseClient reader = client("AKIDREADER", "reader-secret")) {
            assertThatThrownBy(() -> reader.deleteDeliveryStream(b -> b.deliveryStreamName("anything")))
                    .isInstanceOfSatisfying(FirehoseException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: "
                                + "arn:aws:iam::111111111111:user/reader is not authorized to perform: "
                                + "firehose:DeleteDeliveryStream on resource: "
                                + "arn:aws:firehose:us-east-1:111111111111:deliverystream/anything because no "
                                + "identity-based policy allows the firehose:DeleteDeliveryStream action");
                    });
            assertThat(reader.listDeliveryStreams(b -> { }).hasMoreDeliveryStreams()).isFalse();
        }
    }

    private static FirehoseClient client(String accessKeyId, String secret) {
        return FirehoseClient.builder()
                .endpointOverride(SERVER.httpEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .build();
    }
}
