package io.millrace.streams.consumer;

import io.millrace.streams.stream.StreamKey;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names one consumer incarnation: {@code <StreamARN>/consumer/<name>:<creation epoch seconds>}. Re-registering a
 * name gives a new ARN because the creation time differs. Immutable.
 */
public record ConsumerArn(StreamKey stream, String consumerName, long creationSeconds) {
    private static final Pattern CONSUMER_ARN = Pattern.compile(
            "arn:aws[a-z-]*:kinesis:([^:]+):(\\d{12}):stream/([a-zA-Z0-9_.-]+)/consumer/([a-zA-Z0-9_.-]+):(\\d{1,18})");

    /** The consumer an ARN names, or {@code null} when {@code arn} is not a consumer ARN. */
    public static ConsumerArn parse(String arn) {
        Matcher m = CONSUMER_ARN.matcher(arn);
        if (!m.matches()) {
            return null;
        }
        return new ConsumerArn(new StreamKey(m.group(2), m.group(1), m.group(3)), m.group(4),
                Long.parseLong(m.group(5)));
    }

    @Override
    public String toString() {
        return stream.arn() + "/consumer/" + consumerName + ":" + creationSeconds;
    }
}
