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
 * @param lambdaArn       the function's ARN, or {@code null} when no Lambda was involved
 * @param errorOutputType the {@code !{firehose:error-output-type}} the record is written under:
 *                        {@link #PROCESSING_FAILED}, or {@link #DECOMPRESSION_FAILED} for a record the
 *                        {@code Decompression} processor could not gunzip
 */
public record FailedRecord(long arrivalMs, byte[] rawData, String errorCode, String errorMessage, int attemptsMade,
                           long attemptEndingMs, String lambdaArn, String errorOutputType) {
    /** The error output of processing failures (FIREHOSE-REFERENCE §4.3). */
    public static final String PROCESSING_FAILED = "processing-failed";
    /** The error output of records that fail to decompress (AWS developer guide, "Troubleshoot decompression"). */
    public static final String DECOMPRESSION_FAILED = "decompression-failed";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A failure written to the {@code processing-failed} error output. */
    public FailedRecord(long arrivalMs, byte[] rawData, String errorCode, String errorMessage, int attemptsMade,
                        long attemptEndingMs, String lambdaArn) {
        this(arrivalMs, rawData, errorCode, errorMessage, attemptsMade, attemptEndingMs, lambdaArn, PROCESSING_FAILED);
    }

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
