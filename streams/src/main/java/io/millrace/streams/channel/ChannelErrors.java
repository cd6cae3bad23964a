package io.millrace.streams.channel;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;

/**
 * The channel errors raised in more than one place. The model documents no messages for channel operations, so
 * every text here is [UNVERIFIED], worded like the stream messages of reference 7.
 */
public final class ChannelErrors {
    private ChannelErrors() {
    }

    public static ApiException notFound(String arn) {
        return KinesisError.RESOURCE_NOT_FOUND.exception("Channel %s not found.", arn); // [UNVERIFIED]
    }

    public static ApiException invalidArn(String arn) {
        return KinesisError.INVALID_ARGUMENT.exception("%s is not a valid channel ARN.", arn); // [UNVERIFIED]
    }
}
