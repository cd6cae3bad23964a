package io.millrace.firehose;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Buffering hints drive delivery on the injected clock; nothing is delivered early, nothing is left behind. */
class DeliveryTest {
    @TempDir
    Path dir;
    private FirehoseHarness firehose;

    @BeforeEach
    void open() {
        firehose = new FirehoseHarness(dir);
    }

    @AfterEach
    void close() {
        firehose.close();
    }

    @Test
    void deliversWhenTheOldestRecordHasWaitedTheInterval() {
        firehose.create("s", "\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":60}");
        firehose.put("s", "one ");
        firehose.clock.advanceMs(30_000);
        firehose.put("s", "two");
        assertThat(firehose.engine.deliverDue()).isZero();
        firehose.clock.advanceMs(29_999);
        assertThat(firehose.engine.deliverDue()).isZero();
        firehose.clock.advanceMs(1);
        assertThat(firehose.engine.deliverDue()).isEqualTo(1);
        assertThat(firehose.objects()).singleElement().satisfies(object -> {
            assertThat(object.toString().replace('\\', '/')).matches(
                    "2026/03/04/05/s-1-2026-03-04-05-07-07-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(firehose.content(object)).isEqualTo("one two");
        });
        assertThat(firehose.engine.deliverDue()).isZero();
    }

    @Test
    void deliversAsSoonAsTheSizeHintIsReachedInSizeHintChunks() {
        firehose.create("s", "\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":900}");
        String half = Base64.getEncoder().encodeToString(new byte[512 * 1024]);
        String records = IntStream.range(0, 3).mapToObj(i -> "{\"Data\":\"" + half + "\"}")
                .collect(Collectors.joining(","));
        firehose.call("PutRecordBatch", "{\"DeliveryStreamName\":\"s\",\"Records\":[" + records + "]}");
        assertThat(firehose.engine.deliverDue()).isEqualTo(1);
        assertThat(firehose.objects()).hasSize(1);
        assertThat(firehose.engine.deliverDue()).as("half a MiB left waits for the interval").isZero();
        assertThat(firehose.engine.flushAll()).isEqualTo(1);
        assertThat(firehose.objects()).hasSize(2);
    }

    @Test
    void closingTheEngineDeliversWhatIsBuffered() {
        firehose.create("s", "");
        firehose.put("s", "pending");
        firehose.engine.close();
        assertThat(firehose.objects()).singleElement()
                .satisfies(object -> assertThat(firehose.content(object)).isEqualTo("pending"));
    }

    @Test
    void eachStreamBuffersSeparately() {
        firehose.create("a", "\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":10}");
        firehose.create("b", "\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":20}");
        firehose.put("a", "A");
        firehose.put("b", "B");
        firehose.clock.advanceMs(10_000);
        assertThat(firehose.engine.deliverDue()).isEqualTo(1);
        firehose.clock.advanceMs(10_000);
        assertThat(firehose.engine.deliverDue()).isEqualTo(1);
        assertThat(firehose.objects()).extracting(p -> p.getFileName().toString().substring(0, 2))
                .containsExactly("a-", "b-");
    }
}
