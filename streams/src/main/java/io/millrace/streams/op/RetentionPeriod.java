package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamMetadata;

/** The retention rules shared by Increase/DecreaseStreamRetentionPeriod (reference 3.3). Stateless. */
final class RetentionPeriod {
    static final int MIN_HOURS = 24;
    static final int MAX_HOURS = 8760;

    private RetentionPeriod() {
    }

    static void checkRange(int hours) {
        if (hours < MIN_HOURS) {
            throw KinesisError.INVALID_ARGUMENT.exception("Minimum allowed retention period is 24 hours. "
                    + "Requested retention period (%d hours) is too short.", hours);
        }
        if (hours > MAX_HOURS) {
            // [UNVERIFIED] text, worded after the recorded minimum message.
            throw KinesisError.INVALID_ARGUMENT.exception("Maximum allowed retention period is 8760 hours. "
                    + "Requested retention period (%d hours) is too long.", hours);
        }
    }

    /**
     * The stream with {@code hours} of retention. Records already past the old retention stay hidden: the floor
     * moves up to the old cutoff, so an increase never brings expired data back.
     */
    static StreamMetadata apply(StreamMetadata stream, int hours, long nowMs) {
        StreamErrors.checkChangeable(stream);
        return stream.withRetention(hours, stream.readableFromMs(nowMs));
    }
}
