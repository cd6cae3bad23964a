package io.millrace.streams.op;

import io.millrace.streams.model.ChannelSummary;

import java.util.List;

/** Output of ListChannels. */
public record ListChannelsResponse(List<ChannelSummary> channelSummaries, String nextToken) {
}
