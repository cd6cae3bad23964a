package io.millrace.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.millrace.firehose.destination.BufferedRecord;
import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.log.object.LocalObjectStore;
import io.millrace.firehose.destination.s3.S3Destination;
import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.model.ProcessingConfiguration;
import io.millrace.firehose.model.Processor;
import io.millrace.firehose.model.ProcessorParameter;
import io.millrace.firehose.processing.LambdaInvoker;
import io.millrace.firehose.processing.ProcessingPipeline;
import io.millrace.firehose.retry.DeliveryDeferredException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Processors in front of a retried destination: a batch is processed once however often its delivery is attempted,
 * records that arrived while it waited are processed on their own, and failures are written once.
 */
class ProcessedDestinationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:f";

    @TempDir
    Path dir;
    private final List<Integer> invocationSizes = new ArrayList<>();
    private final List<List<String>> attempts = new ArrayList<>();

    /** Upper-cases every record and fails those that start with "bad". */
    private final LambdaInvoker upperCase = (function, event) -> {
        JsonNode records = JSON.readTree(event).path("records");
        invocationSizes.add(records.size());
        ObjectNode answer = JSON.createObjectNode();
        for (JsonNode record : records) {
            String text = new String(Base64.getDecoder().decode(record.path("data").asText()), StandardCharsets.UTF_8);
            answer.withArray("records").addObject().put("recordId", record.path("recordId").asText())
                    .put("result", text.startsWith("bad") ? "ProcessingFailed" : "Ok")
                    .put("data", Base64.getEncoder().encodeToString(text.toUpperCase().getBytes(
                            StandardCharsets.UTF_8)));
        }
        return JSON.writeValueAsBytes(answer);
    };

    @Test
    void aRetriedBatchIsProcessedOnceAndOnlyItsNewRecordsAreProcessedLater() throws IOException {
        ProcessedBatches cache = new ProcessedBatches();
        boolean[] accept = {false};
        ProcessedDestination destination = destination(cache, batch -> {
            attempts.add(batch.records().stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList());
            if (!accept[0]) {
                throw new DeliveryDeferredException("endpoint down");
            }
        });

        assertThatThrownBy(() -> destination.deliver(batch("a", "bad-b"))).isInstanceOf(DeliveryDeferredException.class);
        assertThatThrownBy(() -> destination.deliver(batch("a", "bad-b"))).isInstanceOf(DeliveryDeferredException.class);
        accept[0] = true;
        destination.deliver(batch("a", "bad-b", "c"));

        assertThat(attempts).containsExactly(List.of("A"), List.of("A"), List.of("A", "C"));
        assertThat(invocationSizes).as("the first two records once, the new one once").containsExactly(2, 1);
        assertThat(failureObjects()).as("the failure written once").hasSize(1);
        destination.deliver(batch("a"));
        assertThat(invocationSizes).as("a delivered batch is forgotten").containsExactly(2, 1, 1);
    }

    @Test
    void aBatchWhoseRecordsAllFailIsDoneWithoutADelivery() throws IOException {
        ProcessedDestination destination = destination(new ProcessedBatches(), batch -> attempts.add(List.of()));

        destination.deliver(batch("bad-1", "bad-2"));

        assertThat(attempts).isEmpty();
        assertThat(failureObjects()).singleElement().satisfies(object -> assertThat(
                Files.readString(object).lines()).hasSize(2));
    }

    private ProcessedDestination destination(ProcessedBatches cache,
                                             io.millrace.firehose.destination.Destination next) {
        ProcessingPipeline pipeline = ProcessingPipeline.of(new ProcessingConfiguration(true, List.of(
                new Processor("Lambda", List.of(new ProcessorParameter("LambdaArn", FUNCTION))))), upperCase);
        S3Settings s3 = new S3Settings(false, "arn:aws:iam::123456789012:role/r", "arn:aws:s3:::errors", null, null,
                5, 300, "UNCOMPRESSED", null, null, null, null);
        return new ProcessedDestination("stream-key", pipeline,
                new S3Destination(new LocalObjectStore(dir), s3), next, cache);
    }

    private static DeliveryBatch batch(String... texts) {
        List<BufferedRecord> records = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            records.add(new BufferedRecord(1_000 + i, texts[i].getBytes(StandardCharsets.UTF_8)));
        }
        return new DeliveryBatch("s", 1, records, 5_000, "arn:aws:firehose:us-east-1:123456789012:deliverystream/s");
    }

    private List<Path> failureObjects() throws IOException {
        Path errors = dir.resolve("errors");
        if (!Files.isDirectory(errors)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(errors)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().contains("processing-failed"))
                    .toList();
        }
    }
}
