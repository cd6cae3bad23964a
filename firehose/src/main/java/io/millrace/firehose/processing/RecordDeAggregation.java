package io.millrace.firehose.processing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.millrace.firehose.model.Processor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The {@code RecordDeAggregation} processor: splits one put record into many before partitioning
 * (FIREHOSE-REFERENCE §5). A KPL aggregate ({@link KplAggregation}) is first unpacked into its user records; then
 * {@code SubRecordType} {@code JSON} splits concatenated (or newline-separated) JSON values, each sub-record keeping its
 * exact bytes, and {@code DELIMITED} splits on the base64-encoded {@code Delimiter}, empty pieces dropped. A record
 * that is not valid JSON, or that yields more than 500 sub-records, fails whole with error code
 * {@code DeAggregation.Failed} [UNVERIFIED]. Immutable and thread-safe.
 */
final class RecordDeAggregation implements RecordProcessor {
    static final String TYPE = "RecordDeAggregation";
    static final int MAX_SUB_RECORDS = 500;
    private static final String ERROR_CODE = "DeAggregation.Failed";
    private static final JsonFactory JSON = new JsonFactory();

    private final byte[] delimiter;

    private RecordDeAggregation(byte[] delimiter) {
        this.delimiter = delimiter;
    }

    /** Checks the parameters ({@code SubRecordType} JSON or DELIMITED; {@code Delimiter} for DELIMITED only). */
    static RecordDeAggregation of(Processor processor) {
        ProcessorParameters parameters = ProcessorParameters.of(processor, Set.of("SubRecordType", "Delimiter"));
        String subRecordType = parameters.required("SubRecordType");
        switch (subRecordType) {
            case "JSON":
                if (parameters.optional("Delimiter", null) != null) {
                    throw new IllegalArgumentException("Delimiter is only valid with SubRecordType DELIMITED.");
                }
                return new RecordDeAggregation(null);
            case "DELIMITED":
                return new RecordDeAggregation(delimiter(parameters.required("Delimiter")));
            default:
                throw new IllegalArgumentException("SubRecordType must be JSON or DELIMITED, not '" + subRecordType
                        + "'.");
        }
    }

    private static byte[] delimiter(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            if (bytes.length > 0) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below with the same message as an empty delimiter
        }
        throw new IllegalArgumentException("Delimiter must be the base64 encoding of a non-empty delimiter.");
    }

    @Override
    public ProcessingResult process(List<ProcessedRecord> records, ProcessingContext context) {
        return ProcessingResult.ofEach(records, context, ERROR_CODE, FailedRecord.PROCESSING_FAILED, record -> {
            List<byte[]> pieces = new ArrayList<>();
            for (byte[] user : userRecords(record.data())) {
                pieces.addAll(delimiter == null ? jsonValues(user) : split(user, delimiter));
            }
            if (pieces.size() > MAX_SUB_RECORDS) {
                throw new IllegalArgumentException("The record holds " + pieces.size()
                        + " sub-records; at most " + MAX_SUB_RECORDS + " are allowed.");
            }
            return pieces.stream().map(record::withData).toList();
        });
    }

    private static List<byte[]> userRecords(byte[] data) {
        List<KplAggregation.UserRecord> aggregated = KplAggregation.deaggregate(data);
        if (aggregated == null) {
            return List.of(data);
        }
        return aggregated.stream().map(KplAggregation.UserRecord::data).toList();
    }

    /** The exact bytes of each top-level JSON value in {@code data}. */
    static List<byte[]> jsonValues(byte[] data) {
        List<byte[]> values = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(data)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                if (token.isStructStart()) {
                    parser.skipChildren();
                }
                int end = (int) parser.currentLocation().getByteOffset();
                values.add(Arrays.copyOfRange(data, start, end));
            }
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("The record is not valid JSON: " + reason);
        }
        return values;
    }

    static List<byte[]> split(byte[] data, byte[] delimiter) {
        List<byte[]> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= data.length - delimiter.length; i++) {
            if (Arrays.equals(data, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                addIfNotEmpty(pieces, data, start, i);
                start = i + delimiter.length;
                i = start - 1;
            }
        }
        addIfNotEmpty(pieces, data, start, data.length);
        return pieces;
    }

    private static void addIfNotEmpty(List<byte[]> pieces, byte[] data, int from, int to) {
        if (to > from) {
            pieces.add(Arrays.copyOfRange(data, from, to));
        }
    }
}
