package io.millrace.streams.op;

import io.millrace.streams.channel.ChannelRegistry;

/** DescribeChannel (reference 9.2): the channel's configuration and current status. Thread-safe. */
public final class DescribeChannel implements SyncOperation<DescribeChannelRequest, ChannelResponse> {
    private final ChannelRegistry channels;

    DescribeChannel(ChannelRegistry channels) {
        this.channels = channels;
    }

    @Override
    public ChannelResponse call(DescribeChannelRequest request, RequestContext context) {
        return new ChannelResponse(ChannelShapes.description(ChannelShapes.require(channels, request.channelARN())));
    }
}
