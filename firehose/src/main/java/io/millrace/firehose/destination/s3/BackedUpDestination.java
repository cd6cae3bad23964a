package io.millrace.firehose.destination.s3;

import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.firehose.destination.Destination;

import java.io.IOException;

/**
 * An ExtendedS3 destination with {@code S3BackupMode Enabled}: every batch is first written as received to the
 * backup bucket, then delivered. A failure of either fails the delivery, which is retried whole, so both hold every
 * record at least once. Must wrap the destination before any record processing, as the backup holds source records.
 */
public final class BackedUpDestination implements Destination {
    private final Destination primary;
    private final S3Backup backup;

    public BackedUpDestination(Destination primary, S3Backup backup) {
        this.primary = primary;
        this.backup = backup;
    }

    @Override
    public void deliver(DeliveryBatch batch) throws IOException {
        backup.writeSource(batch);
        primary.deliver(batch);
    }
}
