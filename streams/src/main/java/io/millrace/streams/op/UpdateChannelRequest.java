package io.millrace.streams.op;

import io.millrace.streams.model.ChannelLoggingConfiguration;
import io.millrace.streams.model.S3DestinationConfiguration;
import io.millrace.streams.model.S3TablesDestinationConfiguration;

/** Input of UpdateChannel: only the freshness interval and the logging settings can change. */
public record UpdateChannelRequest(String channelARN, S3DestinationConfiguration s3DestinationConfiguration,
        S3TablesDestinationConfiguration s3TablesDestinationConfiguration,
        ChannelLoggingConfiguration loggingConfiguration) {
}
