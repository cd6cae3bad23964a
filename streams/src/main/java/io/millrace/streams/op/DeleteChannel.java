package io.millrace.streams.op;

import io.millrace.streams.EngineConfig;
import io.millrace.streams.channel.ChannelMetadata;
import io.millrace.streams.channel.ChannelRegistry;
import io.millrace.streams.model.ChannelStatus;

import java.time.Clock;

/**
 * DeleteChannel (reference 9.2): delivery stops at once (the channel turns DELETING) and the channel disappears
 * after the configured delete-stream delay; objects already delivered stay. Repeating the call while DELETING
 * changes nothing. Thread-safe.
 */
public final class DeleteChannel implements SyncOperation<DeleteChannelRequest, Void> {
    private final ChannelRegistry channels;
    private final EngineConfig config;
    private final Clock clock;

    DeleteChannel(ChannelRegistry channels, EngineConfig config, Clock clock) {
        this.channels = channels;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Void call(DeleteChannelRequest request, RequestContext context) {
        ChannelMetadata channel = ChannelShapes.require(channels, request.channelARN());
        if (channel.status() != ChannelStatus.DELETING) {
            long dueMs = clock.millis() + config.deleteStreamDelayMs();
            channels.update(channel.arn(), c -> c.withStatus(ChannelStatus.DELETING, dueMs));
        }
        return null;
    }
}
