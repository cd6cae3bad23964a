package io.millrace.firehose.retry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.millrace.firehose.destination.BufferedRecord;
import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.firehose.destination.DestinationException;
import io.millrace.firehose.destination.s3.ObjectKeys;
import io.millrace.log.object.ObjectStore;
import io.millrace.firehose.destination.s3.PrefixExpression;
import io.millrace.firehose.destination.s3.S3Settings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Writes a given-up batch as one object of error records (FIREHOSE-REFERENCE §4.4), one JSON document per line:
 * {@code attemptsMade}, {@code arrivalTimestamp}, {@code errorCode}, {@code errorMessage},
 * {@code attemptEndingTimestamp}, {@code rawData} (base64), and for HTTP endpoints {@code subsequenceNumber} and
 * {@code dataId} ({@code <requestId>.<index>} [UNVERIFIED format]). The key is the evaluated
 * {@code ErrorOutputPrefix} with {@code !{firehose:error-output-type}} set to {@code errorOutputType}, or without
 * one {@code <Prefix><errorOutputType>/yyyy/MM/dd/HH/}, followed by the usual object name. The object is compressed
 * as the S3 configuration says. Immutable and thread-safe.
 */
public final class S3ErrorOutput implements ErrorOutput {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter HOUR_FOLDERS = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/");

    private final ObjectStore store;
    private final S3Settings settings;
    private final String errorOutputType;
    private final boolean httpEndpointFields;

    public S3ErrorOutput(ObjectStore store, S3Settings settings, String errorOutputType, boolean httpEndpointFields) {
        this.store = store;
        this.settings = settings;
        this.errorOutputType = errorOutputType;
        this.httpEndpointFields = httpEndpointFields;
    }

    @Override
    public void write(DeliveryBatch batch, int attemptsMade, DestinationException lastFailure, String requestId,
                      long attemptEndingMs) throws IOException {
        String name = ObjectKeys.objectName(batch.deliveryStreamName(), batch.versionId(),
                Instant.ofEpochMilli(batch.deliveredAtMs()), settings.zone(), settings.extension());
        byte[] content = content(batch, attemptsMade, lastFailure, requestId, attemptEndingMs);
        String zipEntry = name.substring(0, name.length() - settings.extension().length());
        store.putObject(settings.bucket(), prefix(batch) + name, settings.compression().encode(content, zipEntry));
    }

    private String prefix(DeliveryBatch batch) {
        Instant oldest = Instant.ofEpochMilli(batch.oldestArrivalMs());
        String errorPrefix = settings.errorOutputPrefix();
        if (errorPrefix == null || errorPrefix.isEmpty()) {
            String prefix = settings.prefix() == null ? "" : settings.prefix();
            return prefix + errorOutputType + "/" + HOUR_FOLDERS.format(oldest.atZone(settings.zone()));
        }
        return PrefixExpression.parse(errorPrefix).evaluate(oldest, settings.zone(), errorOutputType);
    }

    private byte[] content(DeliveryBatch batch, int attemptsMade, DestinationException failure, String requestId,
                           long attemptEndingMs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int index = 0;
        for (BufferedRecord record : batch.records()) {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeNumberField("attemptsMade", attemptsMade);
                json.writeNumberField("arrivalTimestamp", record.arrivalMs());
                json.writeStringField("errorCode", failure.errorCode());
                json.writeStringField("errorMessage", failure.getMessage());
                json.writeNumberField("attemptEndingTimestamp", attemptEndingMs);
                json.writeFieldName("rawData");
                json.writeBinary(record.data());
                if (httpEndpointFields) {
                    json.writeNumberField("subsequenceNumber", 0);
                    json.writeStringField("dataId", requestId + "." + index);
                }
                json.writeEndObject();
            }
            out.write('\n');
            index++;
        }
        return out.toByteArray();
    }
}
