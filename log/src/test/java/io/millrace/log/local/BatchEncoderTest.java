package io.millrace.log.local;

import io.millrace.log.LogRecord;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

class BatchEncoderTest {

    @Property(tries = 500)
    void partitionKeysAreEncodedExactlyAsStringGetBytesDoes(@ForAll @StringLength(max = 64) String key) {
        byte[] expected = key.getBytes(StandardCharsets.UTF_8);
        assertThat(LogRecord.utf8Length(key)).isEqualTo(expected.length);
        ByteBuffer batch = new BatchEncoder().encode(List.of(new LogRecord(key, new byte[0])), 0, 0);
        byte[] encoded = new byte[expected.length];
        batch.get(BatchDescriptor.HEADER_LENGTH + 4, encoded);
        assertThat(encoded).isEqualTo(expected);
    }

    @Test
    void aBatchCarriesItsHeaderFieldsAndAValidChecksum() {
        ByteBuffer batch = new BatchEncoder().encode(
                List.of(new LogRecord("a", new byte[] {1, 2}), new LogRecord("bc", new byte[0])), 42, 1234);
        int length = batch.remaining();
        assertThat(batch.getInt(BatchDescriptor.LENGTH_OFFSET)).isEqualTo(length)
                .isEqualTo(BatchDescriptor.HEADER_LENGTH + 2 * BatchDescriptor.RECORD_OVERHEAD + 1 + 2 + 2);
        assertThat(batch.getInt(BatchDescriptor.RECORD_COUNT_OFFSET)).isEqualTo(2);
        assertThat(batch.getLong(BatchDescriptor.BASE_POSITION_OFFSET)).isEqualTo(42);
        assertThat(batch.getLong(BatchDescriptor.ARRIVAL_MS_OFFSET)).isEqualTo(1234);
        assertThat(LogRecovery.isIntact(batch, length, 2, new CRC32C())).isTrue();
        batch.put(length - 1, (byte) 9);
        assertThat(LogRecovery.isIntact(batch, length, 2, new CRC32C())).isFalse();
    }
}
