package io.millrace.streams.op;

import io.millrace.streams.model.ChannelStreamIdentifier;

import java.util.List;

/** Input of ListChannels. */
public record ListChannelsRequest(List<ChannelStreamIdentifier> streamFilter, Integer maxResults, String nextToken) {
}
