package io.millrace.firehose.destination.s3;

import io.millrace.firehose.destination.BufferedRecord;
import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.firehose.destination.Destination;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;

/**
 * Delivers one batch as one S3 object: records concatenated byte for byte in arrival order (a {@code \n} after each
 * when {@code AppendDelimiterToRecord} is on), compressed as configured, named by {@link ObjectKeys} under the
 * evaluated {@link PrefixExpression}. Immutable: a configuration change builds a new instance. Thread-safe.
 */
public final class S3Destination implements Destination {
    private final ObjectStore store;
    private final S3Settings settings;
    private final PrefixExpression prefix;

    public S3Destination(ObjectStore store, S3Settings settings) {
        this.store = store;
        this.settings = settings;
        this.prefix = PrefixExpression.parse(settings.prefix());
    }

    @Override
    public void deliver(DeliveryBatch batch) throws IOException {
        String key = keyFor(batch);
        store.putObject(settings.bucket(), key, settings.compression().encode(content(batch)));
    }

    /** The object key a delivery of {@code batch} gets (random parts differ per call). */
    public String keyFor(DeliveryBatch batch) {
        String evaluated = prefix.evaluate(Instant.ofEpochMilli(batch.oldestArrivalMs()), settings.zone(), null);
        return evaluated + ObjectKeys.objectName(batch.deliveryStreamName(), batch.versionId(),
                Instant.ofEpochMilli(batch.deliveredAtMs()), settings.zone(), settings.extension());
    }

    private byte[] content(DeliveryBatch batch) {
        boolean delimit = settings.appendsDelimiter();
        long total = 0;
        for (BufferedRecord record : batch.records()) {
            total += record.data().length + (delimit ? 1 : 0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, total));
        for (BufferedRecord record : batch.records()) {
            out.writeBytes(record.data());
            if (delimit) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }
}
