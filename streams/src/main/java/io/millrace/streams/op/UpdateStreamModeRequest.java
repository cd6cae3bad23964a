package io.millrace.streams.op;

import io.millrace.streams.model.StreamModeDetails;

/** Input of UpdateStreamMode (addressed by ARN only). */
public record UpdateStreamModeRequest(String streamARN, String streamId, StreamModeDetails streamModeDetails,
        Integer warmThroughputMiBps) {
}
