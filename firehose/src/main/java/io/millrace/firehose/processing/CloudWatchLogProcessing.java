package io.millrace.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.firehose.model.Processor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code CloudWatchLogProcessing} processor with {@code DataMessageExtraction} {@code true} (the only value AWS
 * accepts): after {@link Decompression}, each record is a CloudWatch Logs subscription document
 * {@code {messageType, owner, logGroup, logStream, subscriptionFilters, logEvents: [{id, timestamp, message}]}}; a
 * {@code DATA_MESSAGE} becomes one record per log event holding only its {@code message} (the developer guide's
 * "Message extraction"), and a {@code CONTROL_MESSAGE} (CloudWatch Logs checking that the destination is reachable)
 * is dropped. A record that is not such a document goes to the {@code processing-failed} error output.
 *
 * <p>Immutable and thread-safe.
 */
final class CloudWatchLogProcessing implements RecordProcessor {
    static final String TYPE = "CloudWatchLogProcessing";
    static final String ERROR_CODE = "CloudWatchLogProcessing.Failed"; // [UNVERIFIED] AWS's code is not documented
    private static final String DATA_MESSAGE = "DATA_MESSAGE";
    private static final String CONTROL_MESSAGE = "CONTROL_MESSAGE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudWatchLogProcessing() {
    }

    static CloudWatchLogProcessing of(Processor processor) {
        ProcessorParameters parameters = ProcessorParameters.of(processor, Set.of("DataMessageExtraction"));
        String extraction = parameters.required("DataMessageExtraction");
        if (!"true".equalsIgnoreCase(extraction)) {
            // [UNVERIFIED] own wording; the CDK documents that the value must be true.
            throw new IllegalArgumentException("DataMessageExtraction of the CloudWatchLogProcessing processor must "
                    + "be true, not '" + extraction + "'.");
        }
        return new CloudWatchLogProcessing();
    }

    @Override
    public ProcessingResult process(List<ProcessedRecord> records, ProcessingContext context) {
        return ProcessingResult.ofEach(records, context, ERROR_CODE, FailedRecord.PROCESSING_FAILED,
                record -> messages(record.data()).stream()
                        .map(message -> record.withData(message.getBytes(StandardCharsets.UTF_8)))
                        .toList());
    }

    /** The messages of one subscription document; none for a control message. */
    static List<String> messages(byte[] data) {
        JsonNode document;
        try {
            document = JSON.readTree(data);
        } catch (IOException e) {
            document = null;
        }
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("The record is not a CloudWatch Logs subscription document (JSON).");
        }
        String type = document.path("messageType").asText("");
        if (CONTROL_MESSAGE.equals(type)) {
            return List.of();
        }
        JsonNode events = document.path("logEvents");
        if (!DATA_MESSAGE.equals(type) || !events.isArray()) {
            throw new IllegalArgumentException("The record is not a CloudWatch Logs subscription document: it needs "
                    + "messageType DATA_MESSAGE or CONTROL_MESSAGE and a logEvents array.");
        }
        List<String> messages = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            JsonNode message = event.path("message");
            if (!message.isTextual()) {
                throw new IllegalArgumentException("A log event of the CloudWatch Logs document has no message.");
            }
            messages.add(message.asText());
        }
        return messages;
    }
}
