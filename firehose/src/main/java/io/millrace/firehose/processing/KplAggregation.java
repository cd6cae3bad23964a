package io.millrace.firehose.processing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads records aggregated by the Kinesis Producer Library: the magic bytes {@code F3 89 9A C2}, a protobuf
 * {@code AggregatedRecord}, and the MD5 of those protobuf bytes. The message is
 * <pre>
 * AggregatedRecord { repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2;
 *                    repeated Record records = 3; }
 * Record           { required uint64 partition_key_index = 1; optional uint64 explicit_hash_key_index = 2;
 *                    required bytes data = 3; repeated Tag tags = 4; }
 * </pre>
 * It is parsed by hand: two small messages do not justify protobuf-java and generated code.
 *
 * <p>Like the KCL, a record that merely starts with the magic bytes but whose checksum or protobuf does not hold is
 * not aggregated, and is returned whole. Stateless and thread-safe.
 */
public final class KplAggregation {
    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int MD5_BYTES = 16;

    /** One user record of an aggregate; {@code explicitHashKey} is {@code null} when the record had none. */
    public record UserRecord(String partitionKey, String explicitHashKey, byte[] data) {
    }

    private KplAggregation() {
    }

    /** Whether {@code data} is a well-formed KPL aggregate (magic, protobuf and checksum). */
    public static boolean isAggregated(byte[] data) {
        return parse(data) != null;
    }

    /** The user records of an aggregate, or {@code null} when {@code data} is not one. */
    public static List<UserRecord> deaggregate(byte[] data) {
        return parse(data);
    }

    private static List<UserRecord> parse(byte[] data) {
        if (data.length < MAGIC.length + MD5_BYTES || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        int end = data.length - MD5_BYTES;
        byte[] digest = md5(data, MAGIC.length, end - MAGIC.length);
        if (!Arrays.equals(digest, 0, MD5_BYTES, data, end, data.length)) {
            return null;
        }
        try {
            return aggregatedRecord(new ProtoReader(data, MAGIC.length, end));
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static List<UserRecord> aggregatedRecord(ProtoReader reader) {
        List<String> partitionKeys = new ArrayList<>();
        List<String> hashKeys = new ArrayList<>();
        List<long[]> indexes = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        while (reader.hasMore()) {
            long tag = reader.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == 1 && wireType == 2) {
                partitionKeys.add(new String(reader.bytes(), StandardCharsets.UTF_8));
            } else if (field == 2 && wireType == 2) {
                hashKeys.add(new String(reader.bytes(), StandardCharsets.UTF_8));
            } else if (field == 3 && wireType == 2) {
                byte[] message = reader.bytes();
                long[] index = {-1, -1};
                payloads.add(record(new ProtoReader(message, 0, message.length), index));
                indexes.add(index);
            } else {
                reader.skip(wireType);
            }
        }
        List<UserRecord> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            long[] index = indexes.get(i);
            records.add(new UserRecord(lookup(partitionKeys, index[0]),
                    index[1] < 0 ? null : lookup(hashKeys, index[1]), payloads.get(i)));
        }
        return records;
    }

    /** Parses one {@code Record}, leaving its key indexes in {@code index}; returns its data. */
    private static byte[] record(ProtoReader reader, long[] index) {
        byte[] data = null;
        while (reader.hasMore()) {
            long tag = reader.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == 1 && wireType == 0) {
                index[0] = reader.varint();
            } else if (field == 2 && wireType == 0) {
                index[1] = reader.varint();
            } else if (field == 3 && wireType == 2) {
                data = reader.bytes();
            } else {
                reader.skip(wireType);
            }
        }
        if (data == null || index[0] < 0) {
            throw new IllegalArgumentException("record without data or partition key index");
        }
        return data;
    }

    private static String lookup(List<String> table, long index) {
        if (index >= table.size()) {
            throw new IllegalArgumentException("key index " + index + " outside a table of " + table.size());
        }
        return table.get((int) index);
    }

    private static byte[] md5(byte[] data, int offset, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(data, offset, length);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    /** The protobuf wire format, as far as these two messages need it; throws IllegalArgumentException when cut. */
    private static final class ProtoReader {
        private final byte[] buffer;
        private final int end;
        private int at;

        ProtoReader(byte[] buffer, int from, int end) {
            this.buffer = buffer;
            this.at = from;
            this.end = end;
        }

        boolean hasMore() {
            return at < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= end) {
                    throw new IllegalArgumentException("varint cut short");
                }
                byte b = buffer[at++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes");
        }

        byte[] bytes() {
            long length = varint();
            if (length < 0 || length > end - at) {
                throw new IllegalArgumentException("length " + length + " beyond the message");
            }
            byte[] out = Arrays.copyOfRange(buffer, at, at + (int) length);
            at += (int) length;
            return out;
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> bytes();
                case 5 -> advance(4);
                default -> throw new IllegalArgumentException("wire type " + wireType + " not supported");
            }
        }

        private void advance(int count) {
            if (count > end - at) {
                throw new IllegalArgumentException("field cut short");
            }
            at += count;
        }
    }
}
