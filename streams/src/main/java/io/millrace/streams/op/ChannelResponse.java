package io.millrace.streams.op;

import io.millrace.streams.model.ChannelDescription;

/** Output of CreateChannel, DescribeChannel and UpdateChannel: one {@code ChannelDescription}. */
public record ChannelResponse(ChannelDescription channelDescription) {
}
