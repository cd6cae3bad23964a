package io.millrace.streams.position;

/**
 * The fields of a decoded "version 2" sequence number. {@code sequenceIndex} is the log position plus one, so the
 * shard's starting sequence number (index 0) sorts below every record of the shard.
 */
public record SequenceNumber(long shardCreationSeconds, int shardIndex, long sequenceIndex, long arrivalSeconds) {

    /** The log position of the record this number names; a starting number (index 0) maps to position 0. */
    public long atPosition() {
        return Math.max(sequenceIndex - 1, 0);
    }

    /** The log position just after the record this number names. */
    public long afterPosition() {
        return sequenceIndex;
    }
}
