package io.millrace.kafka;

import io.millrace.log.LogRecord;
import io.millrace.log.StorageException;
import io.millrace.log.StoredRecord;
import io.millrace.log.crypto.KeyRing;
import io.millrace.log.crypto.MasterKey;
import io.millrace.log.crypto.OneTimeKeyCipher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Turns Kinesis records into Kafka records and back, sealing them at rest when the stream encrypts.
 *
 * <p>A plaintext record is the partition key (UTF-8) as the Kafka key and the data as the value. A sealed record has
 * no Kafka key; its value is AES-256-GCM ({@link OneTimeKeyCipher}, one key per record) of
 * {@code int32 keyLength | partition key | data}, and a {@value #HEADER} header carries what opening it needs and
 * what it authenticates as associated data:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 key ref (KeyRing.refOf(key id), 64 bits)      |
 * |                                                               |
 * +---------------------------------------------------------------+
 * |                       key version (int32)                     |
 * +---------------------------------------------------------------+
 * |                        salt (16 bytes)                        |
 * |                              ...                              |
 * +---------------------------------------------------------------+
 * </pre>
 * Neither the partition key nor the data is then readable from the broker's disks; the key material stays in the
 * gateways' key ring ({@code --keyring}), never in Kafka.
 *
 * <p>Thread safety: thread-safe.
 */
final class RecordCipher {
    static final String HEADER = "millrace.sealed";
    private static final int HEADER_LENGTH = 8 + 4 + OneTimeKeyCipher.SALT_LENGTH;
    private static final byte[] NO_BYTES = new byte[0];

    private final OneTimeKeyCipher cipher;

    RecordCipher(KeyRing keys) {
        this.cipher = new OneTimeKeyCipher(keys);
    }

    KeyRing keys() {
        return cipher.keys();
    }

    /** The Kafka record storing {@code record} in plaintext. */
    static ProducerRecord<byte[], byte[]> plain(String topic, int partition, LogRecord record) {
        return new ProducerRecord<>(topic, partition, null, record.partitionKey().getBytes(StandardCharsets.UTF_8),
                record.data());
    }

    /** The Kafka record storing {@code record} sealed under a one-time key derived from {@code key}. */
    ProducerRecord<byte[], byte[]> sealed(String topic, int partition, LogRecord record, MasterKey key) {
        byte[] salt = OneTimeKeyCipher.newSalt();
        byte[] header = ByteBuffer.allocate(HEADER_LENGTH).putLong(key.keyRef()).putInt(key.version()).put(salt)
                .array();
        byte[] partitionKey = record.partitionKey().getBytes(StandardCharsets.UTF_8);
        byte[] plaintext = ByteBuffer.allocate(4 + partitionKey.length + record.data().length)
                .putInt(partitionKey.length).put(partitionKey).put(record.data()).array();
        byte[] value;
        try {
            Cipher sealing = cipher.init(Cipher.ENCRYPT_MODE, key, salt);
            sealing.updateAAD(header);
            value = sealing.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        return new ProducerRecord<>(topic, partition, null, null, value, List.of(new RecordHeader(HEADER, header)));
    }

    /**
     * The Kinesis record a Kafka record stores, opened if sealed.
     *
     * @throws StorageException {@code KEY_UNAVAILABLE} when the key ring lacks the key version it was sealed with,
     *                          {@code CORRUPT} when it fails authentication
     */
    StoredRecord open(ConsumerRecord<byte[], byte[]> record) {
        Header sealedBy = record.headers().lastHeader(HEADER);
        if (sealedBy == null) {
            byte[] key = record.key() == null ? NO_BYTES : record.key();
            byte[] value = record.value() == null ? NO_BYTES : record.value();
            return new StoredRecord(record.offset(), record.timestamp(), new String(key, StandardCharsets.UTF_8),
                    value);
        }
        byte[] header = sealedBy.value();
        if (header == null || header.length != HEADER_LENGTH || record.value() == null) {
            throw corrupt(record, "has a malformed " + HEADER + " header");
        }
        ByteBuffer fields = ByteBuffer.wrap(header);
        MasterKey key = cipher.keys().find(fields.getLong(), fields.getInt());
        byte[] salt = new byte[OneTimeKeyCipher.SALT_LENGTH];
        fields.get(salt);
        byte[] plaintext;
        try {
            Cipher opening = cipher.init(Cipher.DECRYPT_MODE, key, salt);
            opening.updateAAD(header);
            plaintext = opening.doFinal(record.value());
        } catch (AEADBadTagException e) {
            throw corrupt(record, "fails authentication: it is damaged, or the key ring holds other material for "
                    + key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
        ByteBuffer opened = ByteBuffer.wrap(plaintext);
        int keyLength = opened.getInt();
        if (keyLength < 0 || keyLength > opened.remaining()) {
            throw corrupt(record, "holds an implausible partition key length " + keyLength);
        }
        String partitionKey = new String(plaintext, 4, keyLength, StandardCharsets.UTF_8);
        byte[] data = new byte[plaintext.length - 4 - keyLength];
        System.arraycopy(plaintext, 4 + keyLength, data, 0, data.length);
        return new StoredRecord(record.offset(), record.timestamp(), partitionKey, data, key.keyId());
    }

    private static StorageException corrupt(ConsumerRecord<byte[], byte[]> record, String what) {
        return new StorageException(StorageException.Kind.CORRUPT, "record " + record.offset() + " of "
                + record.topic() + "-" + record.partition() + " " + what, null);
    }
}
