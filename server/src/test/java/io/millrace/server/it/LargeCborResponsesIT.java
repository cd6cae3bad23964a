package io.millrace.server.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CBOR responses of every size up to the 10 MiB GetRecords cap decode in the real SDK (an existing emulator
 * truncates CBOR bodies over 16 KiB), and the cap itself holds.
 */
class LargeCborResponsesIT {
    private static final long GET_RECORDS_CAP_BYTES = 10L * 1024 * 1024;

    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    private static KinesisClient kinesis;

    @BeforeAll
    static void client() {
        kinesis = Clients.sync(SERVER.httpEndpoint(), true);
    }

    @AfterAll
    static void close() {
        kinesis.close();
    }

    @ParameterizedTest(name = "{0} bytes of records")
    @ValueSource(ints = {1_000, 16_385, 100_000, 1_000_000, 5_000_000, 12_000_000})
    void getRecordsResponsesOfAnySizeDecodeByteExact(int totalBytes) {
        String stream = "large-" + totalBytes;
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        Random random = new Random(totalBytes);
        List<byte[]> written = new ArrayList<>();
        int recordBytes = Math.min(totalBytes, 1_000_000);
        for (int remaining = totalBytes; remaining > 0; remaining -= recordBytes) {
            byte[] data = KinesisScenario.randomBytes(random, Math.min(recordBytes, remaining));
            written.add(data);
            kinesis.putRecords(r -> r.streamName(stream).records(PutRecordsRequestEntry.builder()
                    .partitionKey("k").data(SdkBytes.fromByteArray(data)).build()));
        }
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<byte[]> read = new ArrayList<>();
        while (read.size() < written.size()) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
            long pageBytes = page.records().stream().mapToLong(rec -> rec.data().asByteArray().length + 1).sum();
            assertThat(pageBytes).isLessThanOrEqualTo(GET_RECORDS_CAP_BYTES);
            assertThat(page.records()).isNotEmpty();
            page.records().stream().map(Record::data).map(SdkBytes::asByteArray).forEach(read::add);
            iterator = page.nextShardIterator();
        }
        assertThat(read).hasSameSizeAs(written);
        for (int i = 0; i < written.size(); i++) {
            assertThat(read.get(i)).isEqualTo(written.get(i));
        }
        kinesis.deleteStream(r -> r.streamName(stream));
    }
}
