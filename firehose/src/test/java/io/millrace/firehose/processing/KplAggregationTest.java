package io.millrace.firehose.processing;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KplAggregationTest {

    /** An aggregate as the KPL writes it: magic, AggregatedRecord protobuf, MD5 of the protobuf. */
    static byte[] aggregate(List<String> partitionKeys, String... records) throws Exception {
        ByteArrayOutputStream proto = new ByteArrayOutputStream();
        for (String key : partitionKeys) {
            field(proto, 1, key.getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < records.length; i++) {
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            record.write(1 << 3);
            record.write(i % partitionKeys.size());
            field(record, 3, records[i].getBytes(StandardCharsets.UTF_8));
            field(proto, 3, record.toByteArray());
        }
        byte[] body = proto.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2});
        out.write(body);
        out.write(MessageDigest.getInstance("MD5").digest(body));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] value) {
        out.write(number << 3 | 2);
        int length = value.length;
        while (length >= 0x80) {
            out.write(length & 0x7F | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(value);
    }

    @Test
    void anAggregateYieldsItsUserRecordsWithTheirPartitionKeys() throws Exception {
        String big = "y".repeat(300);
        List<KplAggregation.UserRecord> records = KplAggregation.deaggregate(
                aggregate(List.of("pk-a", "pk-b"), "one", big, "three"));
        assertThat(records).extracting(r -> new String(r.data(), StandardCharsets.UTF_8))
                .containsExactly("one", big, "three");
        assertThat(records).extracting(KplAggregation.UserRecord::partitionKey).containsExactly("pk-a", "pk-b", "pk-a");
        assertThat(records.get(0).explicitHashKey()).isNull();
    }

    @Test
    void aRecordWithTheMagicButABadChecksumIsNotAnAggregate() throws Exception {
        byte[] aggregate = aggregate(List.of("k"), "x");
        aggregate[aggregate.length - 1] ^= 1;
        assertThat(KplAggregation.deaggregate(aggregate)).isNull();
        assertThat(KplAggregation.isAggregated(Arrays.copyOf(aggregate, 10))).isFalse();
        assertThat(KplAggregation.isAggregated("plain".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
