package io.millrace.firehose.processing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A record that processing could not deliver, written to the error output as AWS's failure document
 * (FIREHOSE-REFERENCE §4.4): {@code attemptsMade}, {@code arrivalTimestamp}, {@code errorCode}, {@code errorMessage},
 * {@code attemptEndingTimestamp}, {@code rawData} (base64) and, for Lambda failures, {@code lambdaARN} (the spelling
 * seen in real error objects; the developer guide writes {@code lambdaArn}).
 *
 * @param lambdaArn the function's ARN, or {@code null} when no Lambda was involved
 */
public record FailedRecord(long arrivalMs, byte[] rawData, String errorCode, String errorMessage, int attemptsMade,
                           long attemptEndingMs, String lambdaArn) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The failure document as one line of JSON, newline-terminated. */
    public byte[] toJsonLine() {
        ObjectNode node = JSON.createObjectNode();
        node.put("attemptsMade", attemptsMade);
        node.put("arrivalTimestamp", arrivalMs);
        node.put("errorCode", errorCode);
        node.put("errorMessage", errorMessage);
        node.put("attemptEndingTimestamp", attemptEndingMs);
        node.put("rawData", Base64.getEncoder().encodeToString(rawData));
        if (lambdaArn != null) {
            node.put("lambdaARN", lambdaArn);
        }
        return (node.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
