package io.millrace.streams.channel;

import java.util.regex.Pattern;

/**
 * Channel ARNs: {@code arn:aws:kinesis:<region>:<account>:channel/<name>} (reference 9.1: the resource type the
 * endpoint rules accept is {@code channel}). Stateless.
 */
public final class ChannelArn {
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:kinesis:[^:]+:[^:]+:channel/[^/]+");

    private ChannelArn() {
    }

    public static String of(String accountId, String region, String name) {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":channel/" + name;
    }

    public static boolean isChannelArn(String arn) {
        return arn != null && ARN.matcher(arn).matches();
    }
}
