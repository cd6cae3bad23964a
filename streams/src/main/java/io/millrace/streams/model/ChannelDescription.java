package io.millrace.streams.model;

import java.time.Instant;
import java.util.List;

/** Model shape {@code ChannelDescription}, returned by CreateChannel, DescribeChannel and UpdateChannel. */
public record ChannelDescription(String channelName, String channelARN, String channelId, ChannelStatus channelStatus,
        String channelStatusReason, Instant channelCreationTimestamp, String serviceExecutionRoleARN,
        List<ChannelStreamDescription> streamConfigurationList, S3DestinationConfiguration s3DestinationConfiguration,
        ChannelEncryptionConfiguration encryptionConfiguration, ChannelLoggingConfiguration loggingConfiguration) {
}
