package io.millrace.kafka;

import io.millrace.log.LogRecord;
import io.millrace.log.StorageException;
import io.millrace.log.StoredRecord;
import io.millrace.log.crypto.KeyRing;
import io.millrace.log.crypto.MasterKey;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sealed Kafka record format on its own, without a broker. */
class RecordCipherTest {
    private static final String KEY = "alias/k";
    private static final RecordCipher CIPHER = new RecordCipher(keyRing());

    @Property(tries = 200)
    void whatIsSealedOpensToTheSameRecord(@ForAll @StringLength(max = 256) String partitionKey,
                                          @ForAll @Size(max = 2048) byte[] data) {
        MasterKey key = CIPHER.keys().newest(KEY);
        ProducerRecord<byte[], byte[]> sealed = CIPHER.sealed("t", 0, new LogRecord(partitionKey, data), key);

        StoredRecord opened = CIPHER.open(stored(sealed, 7));

        assertThat(sealed.key()).isNull();
        assertThat(opened.partitionKey()).isEqualTo(new String(partitionKey.getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8));
        assertThat(opened.data()).isEqualTo(data);
        assertThat(opened.position()).isEqualTo(7);
        assertThat(opened.encryptionKeyId()).isEqualTo(KEY);
    }

    @Test
    void aFlippedBitFailsAuthenticationAsCorruption() {
        MasterKey key = CIPHER.keys().newest(KEY);
        ProducerRecord<byte[], byte[]> sealed = CIPHER.sealed("t", 0, new LogRecord("pk", new byte[64]), key);
        sealed.value()[10] ^= 1;

        assertThatThrownBy(() -> CIPHER.open(stored(sealed, 0)))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.CORRUPT));
    }

    @Test
    void plaintextRecordsPassThrough() {
        ProducerRecord<byte[], byte[]> plain = RecordCipher.plain("t", 0, new LogRecord("pk", new byte[] {1, 2}));

        StoredRecord opened = CIPHER.open(stored(plain, 3));

        assertThat(opened.partitionKey()).isEqualTo("pk");
        assertThat(opened.data()).containsExactly(1, 2);
        assertThat(opened.isEncrypted()).isFalse();
    }

    private static ConsumerRecord<byte[], byte[]> stored(ProducerRecord<byte[], byte[]> sent, long offset) {
        return new ConsumerRecord<>(sent.topic(), 0, offset, 1_000L, TimestampType.LOG_APPEND_TIME,
                sent.key() == null ? -1 : sent.key().length, sent.value().length, sent.key(), sent.value(),
                new RecordHeaders(sent.headers().toArray()), Optional.empty());
    }

    private static KeyRing keyRing() {
        try {
            Path file = Files.createTempFile("keyring", ".txt");
            byte[] material = new byte[KeyRing.KEY_BYTES];
            for (int i = 0; i < material.length; i++) {
                material[i] = (byte) i;
            }
            Files.writeString(file, KEY + " 1 " + Base64.getEncoder().encodeToString(material) + "\n");
            KeyRing ring = KeyRing.load(file);
            Files.delete(file);
            return ring;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
