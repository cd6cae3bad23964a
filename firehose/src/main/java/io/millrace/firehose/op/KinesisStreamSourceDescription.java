package io.millrace.firehose.op;

import java.time.Instant;

/** Wire shape {@code KinesisStreamSourceDescription}: the source stream, the role, and since when it is read. */
public record KinesisStreamSourceDescription(String kinesisStreamARN, String roleARN,
                                             Instant deliveryStartTimestamp) {
}
