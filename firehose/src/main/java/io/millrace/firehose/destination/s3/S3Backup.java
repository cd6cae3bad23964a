package io.millrace.firehose.destination.s3;

import io.millrace.log.object.ObjectStore;
import io.millrace.firehose.destination.BufferedRecord;
import io.millrace.firehose.destination.DeliveryBatch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Writes records to a backup bucket with Firehose's object names: {@link #writeSource} puts a batch's records as
 * received (before any processing) under the backup {@code Prefix}; {@link #writeFailed} puts failure documents of a
 * destination under the {@code ErrorOutputPrefix} with {@code !{firehose:error-output-type}} (default
 * {@code <Prefix><type>/yyyy/MM/dd/HH/}). This is the piece every destination's S3 backup mode calls; immutable and
 * thread-safe.
 */
public final class S3Backup {
    private final ObjectStore store;
    private final S3BackupSettings settings;
    private final ZoneId zone;
    private final PrefixExpression prefix;

    public S3Backup(ObjectStore store, S3BackupSettings settings, ZoneId zone) {
        this.store = store;
        this.settings = settings;
        this.zone = zone;
        this.prefix = PrefixExpression.parse(settings.prefix());
    }

    /** The batch's records byte for byte, in order, as one object under the backup prefix. */
    public String writeSource(DeliveryBatch batch) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (BufferedRecord record : batch.records()) {
            content.writeBytes(record.data());
        }
        String name = name(batch);
        String key = prefix.evaluate(Instant.ofEpochMilli(batch.oldestArrivalMs()), zone, null) + name;
        store.putObject(settings.bucket(), key, settings.compression().encode(content.toByteArray(), entryName(name)));
        return key;
    }

    /**
     * One object of newline-terminated failure documents (FIREHOSE-REFERENCE §4.4) for records of {@code batch}
     * that a destination gave up on; {@code errorOutputType} is for example {@code http-endpoint-failed}.
     */
    public String writeFailed(DeliveryBatch batch, String errorOutputType, List<byte[]> documents)
            throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] document : documents) {
            content.writeBytes(document);
            content.write('\n');
        }
        String name = name(batch);
        String key = errorPrefix(batch, errorOutputType) + name;
        store.putObject(settings.bucket(), key, settings.compression().encode(content.toByteArray(), entryName(name)));
        return key;
    }

    private String errorPrefix(DeliveryBatch batch, String errorOutputType) {
        Instant oldest = Instant.ofEpochMilli(batch.oldestArrivalMs());
        if (settings.errorOutputPrefix() != null) {
            return PrefixExpression.parse(settings.errorOutputPrefix()).evaluate(oldest, zone, errorOutputType);
        }
        String literal = settings.prefix() == null ? "" : settings.prefix();
        return PrefixExpression.parse(literal + errorOutputType + "/").evaluate(oldest, zone, errorOutputType);
    }

    /** A ZIP archive's single entry is named like its object, without the extension. */
    private String entryName(String objectName) {
        return objectName.substring(0, objectName.length() - settings.compression().defaultExtension().length());
    }

    private String name(DeliveryBatch batch) {
        return ObjectKeys.objectName(batch.deliveryStreamName(), batch.versionId(),
                Instant.ofEpochMilli(batch.deliveredAtMs()), zone, settings.compression().defaultExtension());
    }
}
