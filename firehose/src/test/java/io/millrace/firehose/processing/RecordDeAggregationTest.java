package io.millrace.firehose.processing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.millrace.firehose.processing.ProcessorTestSupport.CONTEXT;
import static io.millrace.firehose.processing.ProcessorTestSupport.enabled;
import static io.millrace.firehose.processing.ProcessorTestSupport.processor;
import static io.millrace.firehose.processing.ProcessorTestSupport.records;
import static io.millrace.firehose.processing.ProcessorTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordDeAggregationTest {
    private static final ProcessingPipeline JSON = ProcessingPipeline.of(enabled(processor("RecordDeAggregation",
            "SubRecordType", "JSON")), LambdaInvoker.none());

    @Test
    void concatenatedAndNewlineSeparatedJsonBecomeOneRecordEachWithTheirExactBytes() {
        ProcessingResult result = JSON.process(records("{\"a\":1}{\"b\": [2, 3]}", "{\"c\":3}\n{\"d\":4}\n"),
                CONTEXT);
        assertThat(texts(result)).containsExactly("{\"a\":1}", "{\"b\": [2, 3]}", "{\"c\":3}", "{\"d\":4}");
        assertThat(result.records()).extracting(ProcessedRecord::arrivalMs).containsExactly(1000L, 1000L, 1001L, 1001L);
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void aRecordThatIsNotJsonFailsWhole() {
        ProcessingResult result = JSON.process(records("{\"a\":1}{oops", "{\"ok\":true}"), CONTEXT);
        assertThat(texts(result)).containsExactly("{\"ok\":true}");
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(new String(failure.rawData(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}{oops");
            assertThat(failure.errorCode()).isEqualTo("DeAggregation.Failed");
        });
    }

    @Test
    void delimitedRecordsSplitOnTheBase64Delimiter() {
        ProcessingPipeline delimited = ProcessingPipeline.of(enabled(processor("RecordDeAggregation",
                "SubRecordType", "DELIMITED", "Delimiter", "IyMjIw==")), LambdaInvoker.none());
        assertThat(texts(delimited.process(records("a####bc########d####"), CONTEXT)))
                .containsExactly("a", "bc", "d");
    }

    @Test
    void kplAggregatesAreUnpackedBeforeJsonSplitting() throws Exception {
        byte[] aggregate = KplAggregationTest.aggregate(List.of("k"), "{\"n\":1}{\"n\":2}", "{\"n\":3}");
        ProcessingResult result = JSON.process(List.of(new io.millrace.firehose.destination.BufferedRecord(7,
                aggregate)), CONTEXT);
        assertThat(texts(result)).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    }

    @Test
    void moreThan500SubRecordsFailTheRecord() {
        ProcessingResult result = JSON.process(records("{}".repeat(501)), CONTEXT);
        assertThat(result.records()).isEmpty();
        assertThat(result.failures()).singleElement()
                .satisfies(f -> assertThat(f.errorMessage()).contains("at most 500"));
    }

    @Test
    void parametersAreChecked() {
        assertThatThrownBy(() -> ProcessingPipeline.of(enabled(processor("RecordDeAggregation",
                "SubRecordType", "CSV")), LambdaInvoker.none()))
                .hasMessage("SubRecordType must be JSON or DELIMITED, not 'CSV'.");
        assertThatThrownBy(() -> ProcessingPipeline.of(enabled(processor("RecordDeAggregation",
                "SubRecordType", "DELIMITED")), LambdaInvoker.none()))
                .hasMessage("The RecordDeAggregation processor requires the parameter Delimiter.");
    }
}
