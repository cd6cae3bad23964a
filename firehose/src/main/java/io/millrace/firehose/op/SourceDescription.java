package io.millrace.firehose.op;

/** Wire shape {@code SourceDescription}: one member per source type, the stream's own set. */
public record SourceDescription(DirectPutSourceConfiguration directPutSourceDescription,
                                KinesisStreamSourceDescription kinesisStreamSourceDescription,
                                MSKSourceDescription mSKSourceDescription) {

    public SourceDescription(DirectPutSourceConfiguration directPutSourceDescription) {
        this(directPutSourceDescription, null, null);
    }
}
