package io.millrace.streams.op;

import io.millrace.streams.model.ScalingType;

/** Input of UpdateShardCount. */
public record UpdateShardCountRequest(String streamName, Integer targetShardCount, ScalingType scalingType,
        String streamARN, String streamId) {
}
