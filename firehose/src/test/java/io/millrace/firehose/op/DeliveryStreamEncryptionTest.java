package io.millrace.firehose.op;

import io.millrace.firehose.FirehoseHarness;
import io.millrace.firehose.stream.DeliveryStreamEncryption;
import io.millrace.log.crypto.KeyRing;
import io.millrace.log.local.Durability;
import io.millrace.log.local.LocalLogConfig;
import io.millrace.log.local.LocalLogStore;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.FirehoseError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start/StopDeliveryStreamEncryption against the durable store and a fixed key ring. */
class DeliveryStreamEncryptionTest {
    private static final String CUSTOMER_KEY = "arn:aws:kms:us-east-1:123456789012:key/1f0e";

    @TempDir
    Path dir;
    private FirehoseHarness firehose;

    @BeforeEach
    void open() throws IOException {
        Path keyring = dir.resolve("keyring.txt");
        String material = Base64.getEncoder().encodeToString(new byte[KeyRing.KEY_BYTES]);
        Files.writeString(keyring, DeliveryStreamEncryption.AWS_OWNED_KEY_ID + " 1 " + material + "\n"
                + CUSTOMER_KEY + " 1 " + material + "\n");
        LocalLogStore store = LocalLogStore.open(dir.resolve("data"),
                LocalLogConfig.builder().durability(Durability.NONE).build(), KeyRing.load(keyring));
        firehose = new FirehoseHarness(dir, store, new io.millrace.firehose.ManualClock(FirehoseHarness.START
                .toEpochMilli()));
        firehose.create("orders", "\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":60}");
    }

    @AfterEach
    void close() {
        firehose.close();
    }

    @Test
    void anEncryptedStreamBuffersNoPlaintextAndStillDeliversIt() throws IOException {
        firehose.call("StartDeliveryStreamEncryption", "{\"DeliveryStreamName\":\"orders\","
                + "\"DeliveryStreamEncryptionConfigurationInput\":{\"KeyType\":\"AWS_OWNED_CMK\"}}");
        assertThat(describeEncryption()).isEqualTo(
                "\"DeliveryStreamEncryptionConfiguration\":{\"KeyType\":\"AWS_OWNED_CMK\",\"Status\":\"ENABLED\"}");
        PutRecordResponse put = putRecord("secret-order-1");
        assertThat(put.encrypted()).isTrue();
        assertThat(filesContaining(dir.resolve("data"), "secret-order")).isEmpty();

        firehose.call("StopDeliveryStreamEncryption", "{\"DeliveryStreamName\":\"orders\"}");
        assertThat(describeEncryption()).isEqualTo("\"DeliveryStreamEncryptionConfiguration\":{\"Status\":\"DISABLED\"}");
        assertThat(putRecord("plain-order-2").encrypted()).isFalse();
        assertThat(filesContaining(dir.resolve("data"), "plain-order-2")).isNotEmpty();
        assertThat(filesContaining(dir.resolve("data"), "secret-order")).isEmpty();

        firehose.engine.flushAll();
        assertThat(firehose.objects()).hasSize(1);
        assertThat(firehose.content(firehose.objects().get(0))).isEqualTo("secret-order-1plain-order-2");
    }

    @Test
    void aCustomerManagedKeyIsReportedWithItsArn() {
        firehose.call("StartDeliveryStreamEncryption", "{\"DeliveryStreamName\":\"orders\","
                + "\"DeliveryStreamEncryptionConfigurationInput\":{\"KeyType\":\"CUSTOMER_MANAGED_CMK\","
                + "\"KeyARN\":\"" + CUSTOMER_KEY + "\"}}");
        assertThat(describeEncryption()).isEqualTo("\"DeliveryStreamEncryptionConfiguration\":{\"KeyARN\":\""
                + CUSTOMER_KEY + "\",\"KeyType\":\"CUSTOMER_MANAGED_CMK\",\"Status\":\"ENABLED\"}");
        assertThat(putRecord("x").encrypted()).isTrue();
    }

    @Test
    void aKeyTheKeyRingLacksIsAnInvalidKmsResource() {
        assertThatThrownBy(() -> firehose.call("StartDeliveryStreamEncryption", "{\"DeliveryStreamName\":\"orders\","
                + "\"DeliveryStreamEncryptionConfigurationInput\":{\"KeyType\":\"CUSTOMER_MANAGED_CMK\","
                + "\"KeyARN\":\"arn:aws:kms:us-east-1:123456789012:key/unknown\"}}"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(FirehoseError.INVALID_KMS_RESOURCE));
        assertThat(describeEncryption()).contains("\"Status\":\"DISABLED\"");
    }

    @Test
    void aCustomerManagedKeyNeedsItsArn() {
        assertThatThrownBy(() -> firehose.call("StartDeliveryStreamEncryption", "{\"DeliveryStreamName\":\"orders\","
                + "\"DeliveryStreamEncryptionConfigurationInput\":{\"KeyType\":\"CUSTOMER_MANAGED_CMK\"}}"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(FirehoseError.INVALID_ARGUMENT));
    }

    @Test
    void aStreamCreatedWithEncryptionEncryptsFromItsFirstRecord() throws IOException {
        firehose.call("CreateDeliveryStream", "{\"DeliveryStreamName\":\"sealed\","
                + "\"DeliveryStreamEncryptionConfigurationInput\":{\"KeyType\":\"AWS_OWNED_CMK\"},"
                + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::123456789012:role/firehose\","
                + "\"BucketARN\":\"arn:aws:s3:::my-bucket\"}}");
        firehose.put("sealed", "first-sealed-record");
        assertThat(filesContaining(dir.resolve("data"), "first-sealed-record")).isEmpty();
    }

    @Test
    void statusMovesThroughEnablingAndDisablingAtItsTransitionTime() {
        DeliveryStreamEncryption enabling = new DeliveryStreamEncryption("AWS_OWNED_CMK", null, true, 1000);
        assertThat(enabling.status(999)).isEqualTo("ENABLING");
        assertThat(enabling.keyIdAt(999)).isNull();
        assertThat(enabling.status(1000)).isEqualTo("ENABLED");
        assertThat(enabling.keyIdAt(1000)).isEqualTo(DeliveryStreamEncryption.AWS_OWNED_KEY_ID);
        DeliveryStreamEncryption disabling = new DeliveryStreamEncryption("AWS_OWNED_CMK", null, false, 2000);
        assertThat(disabling.status(1999)).isEqualTo("DISABLING");
        assertThat(disabling.keyIdAt(1999)).isNull();
        assertThat(disabling.status(2000)).isEqualTo("DISABLED");
    }

    private PutRecordResponse putRecord(String text) {
        String base64 = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        return firehose.call("PutRecord", "{\"DeliveryStreamName\":\"orders\",\"Record\":{\"Data\":\"" + base64
                + "\"}}");
    }

    private String describeEncryption() {
        String json = FirehoseHarness.json(firehose.call("DescribeDeliveryStream",
                "{\"DeliveryStreamName\":\"orders\"}"));
        int start = json.indexOf("\"DeliveryStreamEncryptionConfiguration\"");
        return json.substring(start, json.indexOf('}', start) + 1);
    }

    private static List<Path> filesContaining(Path root, String needle) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(needle)) {
                    found.add(file);
                }
            }
        }
        return found;
    }
}
