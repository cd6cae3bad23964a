package io.millrace.streams.model;

import java.time.Instant;
import java.util.List;

/** Model shape {@code ChannelSummary}, one entry of ListChannels. */
public record ChannelSummary(String channelName, String channelARN, String channelId, ChannelStatus channelStatus,
        String channelStatusReason, Instant channelCreationTimestamp, ChannelDestinationType channelDestinationType,
        List<ChannelStreamIdentifier> streams) {
}
