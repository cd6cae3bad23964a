package io.millrace.firehose.processing;

import io.millrace.firehose.destination.BufferedRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static io.millrace.firehose.processing.ProcessorTestSupport.CONTEXT;
import static io.millrace.firehose.processing.ProcessorTestSupport.enabled;
import static io.millrace.firehose.processing.ProcessorTestSupport.processor;
import static io.millrace.firehose.processing.ProcessorTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudWatchLogsProcessorsTest {
    private static final ProcessingPipeline DECOMPRESS = ProcessingPipeline.of(enabled(
            processor("Decompression", "CompressionFormat", "GZIP")), LambdaInvoker.none());
    /** Listed in the "wrong" order on purpose: the pipeline always decompresses first. */
    private static final ProcessingPipeline EXTRACT = ProcessingPipeline.of(enabled(
            processor("CloudWatchLogProcessing", "DataMessageExtraction", "true"),
            processor("Decompression", "CompressionFormat", "GZIP")), LambdaInvoker.none());

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String dataMessage(String... messages) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < messages.length; i++) {
            events.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"timestamp\":1432826855000,")
                    .append("\"message\":\"").append(messages[i].replace("\"", "\\\"")).append("\"}");
        }
        return "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"111111111111\",\"logGroup\":\"g\",\"logStream\":\"s\","
                + "\"subscriptionFilters\":[\"f\"],\"logEvents\":[" + events + "]}";
    }

    private static List<BufferedRecord> raw(byte[]... data) {
        return java.util.stream.IntStream.range(0, data.length)
                .mapToObj(i -> new BufferedRecord(1_000 + i, data[i])).toList();
    }

    @Test
    void decompressionGunzipsEachRecordAndSendsWhatIsNotGzipToDecompressionFailedUnchanged() {
        byte[] notGzip = "plain".getBytes(StandardCharsets.UTF_8);
        ProcessingResult result = DECOMPRESS.process(raw(gzip("one"), notGzip, gzip("two")), CONTEXT);

        assertThat(texts(result)).containsExactly("one", "two");
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.rawData()).isEqualTo(notGzip);
            assertThat(failure.errorOutputType()).isEqualTo("decompression-failed");
            assertThat(failure.errorCode()).isEqualTo("Decompression.Failed");
            assertThat(failure.arrivalMs()).isEqualTo(1_001);
        });
    }

    @Test
    void messageExtractionMakesOneRecordPerLogEventAndDropsControlMessages() {
        String control = "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\","
                + "\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1,"
                + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Firehose.\"}]}";
        ProcessingResult result = EXTRACT.process(raw(gzip(dataMessage("{\"a\":1}", "second line")),
                gzip(control), gzip(dataMessage("third"))), CONTEXT);

        assertThat(texts(result)).containsExactly("{\"a\":1}", "second line", "third");
        assertThat(result.records()).extracting(ProcessedRecord::arrivalMs).containsExactly(1_000L, 1_000L, 1_002L);
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void aDecompressedRecordThatIsNotASubscriptionDocumentGoesToProcessingFailed() {
        ProcessingResult result = EXTRACT.process(raw(gzip("[1,2]"), gzip("{\"messageType\":\"DATA_MESSAGE\"}"),
                gzip(dataMessage("kept"))), CONTEXT);

        assertThat(texts(result)).containsExactly("kept");
        assertThat(result.failures()).hasSize(2).allSatisfy(failure -> {
            assertThat(failure.errorOutputType()).isEqualTo("processing-failed");
            assertThat(failure.errorCode()).isEqualTo("CloudWatchLogProcessing.Failed");
        });
    }

    @Test
    void messageExtractionRequiresDecompressionAndTheValueTrue() {
        assertThatThrownBy(() -> ProcessingPipeline.of(enabled(processor("CloudWatchLogProcessing",
                "DataMessageExtraction", "true")), LambdaInvoker.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requires a Decompression processor");
        assertThatThrownBy(() -> ProcessingPipeline.of(enabled(processor("Decompression"),
                processor("CloudWatchLogProcessing", "DataMessageExtraction", "false")), LambdaInvoker.none()))
                .hasMessageContaining("must be true");
        assertThatThrownBy(() -> ProcessingPipeline.of(enabled(processor("Decompression",
                "CompressionFormat", "ZIP")), LambdaInvoker.none()))
                .hasMessageContaining("must be GZIP");
    }

    @Test
    void decompressionDefaultsToGzipAndRefusesARecordThatInflatesBeyondTheBound() {
        ProcessingPipeline pipeline = ProcessingPipeline.of(enabled(processor("Decompression")),
                LambdaInvoker.none());
        ProcessingResult result = pipeline.process(raw(gzip("x".repeat(Decompression.MAX_DECOMPRESSED_BYTES + 1))),
                CONTEXT);
        assertThat(result.records()).isEmpty();
        assertThat(result.failures()).singleElement()
                .satisfies(f -> assertThat(f.errorMessage()).contains("more than"));
    }
}
