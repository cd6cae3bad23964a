package io.millrace.firehose.processing;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.millrace.firehose.processing.ProcessorTestSupport.CONTEXT;
import static io.millrace.firehose.processing.ProcessorTestSupport.enabled;
import static io.millrace.firehose.processing.ProcessorTestSupport.processor;
import static io.millrace.firehose.processing.ProcessorTestSupport.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataExtractionTest {

    private static ProcessingPipeline query(String jq) {
        return ProcessingPipeline.of(enabled(processor("MetadataExtraction", "MetadataExtractionQuery", jq,
                "JsonParsingEngine", "JQ-1.6")), LambdaInvoker.none());
    }

    @Test
    void theQueryObjectBecomesTheRecordsPartitionKeys() {
        ProcessingResult result = query("{customer_id: .customer_id, device: .type.device, "
                + "year: .event_timestamp | strftime(\"%Y\"), hour: .event_timestamp | gmtime | strftime(\"%H\"), "
                + "n: .n, ok: .ok}")
                .process(records("{\"customer_id\":\"c-7\",\"type\":{\"device\":\"mobile\"},"
                        + "\"event_timestamp\":1565393709,\"n\":42,\"ok\":true}"), CONTEXT);
        assertThat(result.failures()).isEmpty();
        assertThat(result.records()).singleElement().satisfies(record -> assertThat(record.keys().fromQuery())
                .isEqualTo(Map.of("customer_id", "c-7", "device", "mobile", "year", "2019", "hour", "23", "n", "42",
                        "ok", "true")));
    }

    @Test
    void recordsWithoutUsableKeysGoToTheErrorOutput() {
        ProcessingResult result = query("{customer: .customer}")
                .process(records("not json", "{\"other\":1}", "{\"customer\":\"\"}", "{\"customer\":{}}",
                        "{\"customer\":\"ok\"}"), CONTEXT);
        assertThat(result.records()).hasSize(1);
        assertThat(result.failures()).hasSize(4).allSatisfy(failure -> {
            assertThat(failure.errorCode()).isEqualTo("DynamicPartitioning.MetadataExtractionFailed");
            assertThat(failure.attemptEndingMs()).isEqualTo(CONTEXT.nowMs());
        });
        assertThat(result.failures().get(1).errorMessage()).isEqualTo("partitionKeys values must not be null or empty");
    }

    @Test
    void anInvalidQueryOrEngineIsRefusedWhenConfigured() {
        assertThatThrownBy(() -> query("{a: .a")).hasMessageStartingWith(
                "MetadataExtractionQuery is not a valid JQ-1.6 expression");
        assertThatThrownBy(() -> ProcessingPipeline.of(enabled(processor("MetadataExtraction",
                "MetadataExtractionQuery", "{a:.a}", "JsonParsingEngine", "JQ-1.5")), LambdaInvoker.none()))
                .hasMessage("JsonParsingEngine must be JQ-1.6, not 'JQ-1.5'.");
    }
}
