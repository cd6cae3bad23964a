package io.millrace.streams.stream;

import io.millrace.protocol.error.KinesisError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Addresses one stream: streams are namespaced by account and region. Immutable. */
public record StreamKey(String accountId, String region, String name) {
    private static final Pattern STREAM_ARN =
            Pattern.compile("arn:aws[a-z-]*:kinesis:([^:]+):([^:]+):stream/([a-zA-Z0-9_.-]+)");

    /** The stream's ARN, always in the {@code aws} partition. */
    public String arn() {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + name;
    }

    /** The stream a stream ARN names, or {@code null} when {@code arn} is not a stream ARN. */
    public static StreamKey fromArn(String arn) {
        Matcher m = STREAM_ARN.matcher(arn);
        return m.matches() ? new StreamKey(m.group(2), m.group(1), m.group(3)) : null;
    }

    /**
     * The stream a request addresses with {@code StreamName} (in the caller's account and region) and/or
     * {@code StreamARN} (by the ARN's own account, region and name); when both are given they must agree.
     */
    public static StreamKey resolve(String streamName, String streamArn, String accountId, String region) {
        if (streamArn == null) {
            if (streamName == null) {
                // [UNVERIFIED] AWS's exact text for a request naming no stream.
                throw KinesisError.INVALID_ARGUMENT.exception("Either StreamName or StreamARN must be provided.");
            }
            return new StreamKey(accountId, region, streamName);
        }
        StreamKey key = fromArn(streamArn);
        if (key == null) {
            // [UNVERIFIED] text; the shape phase already checked the model's ARN pattern.
            throw KinesisError.INVALID_ARGUMENT.exception("StreamARN %s is not a valid stream ARN.", streamArn);
        }
        if (streamName != null && !streamName.equals(key.name())) {
            // [UNVERIFIED] AWS's exact text for a StreamName that contradicts the StreamARN.
            throw KinesisError.INVALID_ARGUMENT.exception(
                    "StreamName %s does not match the stream name in StreamARN %s.", streamName, streamArn);
        }
        return key;
    }
}
