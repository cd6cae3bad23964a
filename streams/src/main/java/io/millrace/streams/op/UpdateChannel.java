package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.channel.ChannelMetadata;
import io.millrace.streams.channel.ChannelRegistry;
import io.millrace.streams.channel.S3Destination;
import io.millrace.streams.model.ChannelLoggingConfiguration;
import io.millrace.streams.model.ChannelStatus;
import io.millrace.streams.model.CloudWatchLogs;
import io.millrace.streams.model.S3DestinationConfiguration;

import java.time.Clock;

/**
 * UpdateChannel (reference 9.2): changes the data freshness interval and/or the logging settings of an ACTIVE
 * channel, which is UPDATING when the call returns and ACTIVE again after the configured update-stream delay (the new
 * settings apply at once). Everything else is fixed after creation. Every message is [UNVERIFIED]. Thread-safe.
 */
public final class UpdateChannel implements SyncOperation<UpdateChannelRequest, ChannelResponse> {
    private final ChannelRegistry channels;
    private final EngineConfig config;
    private final Clock clock;

    UpdateChannel(ChannelRegistry channels, EngineConfig config, Clock clock) {
        this.channels = channels;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public ChannelResponse call(UpdateChannelRequest request, RequestContext context) {
        ChannelMetadata channel = ChannelShapes.require(channels, request.channelARN());
        if (request.s3TablesDestinationConfiguration() != null) {
            throw KinesisError.INVALID_ARGUMENT.exception("Channel %s delivers to a general purpose S3 bucket, not "
                    + "to S3 Tables; use S3DestinationConfiguration.", channel.name());
        }
        if (request.s3DestinationConfiguration() == null && request.loggingConfiguration() == null) {
            throw KinesisError.INVALID_ARGUMENT.exception("Specify S3DestinationConfiguration or "
                    + "LoggingConfiguration to update channel %s.", channel.name());
        }
        if (channel.status() != ChannelStatus.ACTIVE) {
            throw KinesisError.RESOURCE_IN_USE.exception("Channel %s under account %s is in %s state, not ACTIVE.",
                    channel.name(), channel.accountId(), channel.status());
        }
        S3DestinationConfiguration destination = freshness(channel.destination(), request.s3DestinationConfiguration());
        ChannelLoggingConfiguration logging = logging(channel.logging(), request.loggingConfiguration());
        long dueMs = clock.millis() + config.updateStreamDelayMs();
        ChannelMetadata updated = channels.update(channel.arn(),
                c -> c.withSettings(destination, logging).withStatus(ChannelStatus.UPDATING, dueMs));
        return new ChannelResponse(ChannelShapes.description(updated));
    }

    private static S3DestinationConfiguration freshness(S3DestinationConfiguration current,
            S3DestinationConfiguration update) {
        if (update == null) {
            return current;
        }
        if (update.dataFreshnessInSeconds() == null) {
            throw KinesisError.INVALID_ARGUMENT.exception("S3DestinationConfiguration.DataFreshnessInSeconds is "
                    + "required.");
        }
        return new S3DestinationConfiguration(S3Destination.checkFreshness(update.dataFreshnessInSeconds()),
                current.deadLetterQueueS3Configuration(), current.storageConfiguration());
    }

    /** Names left out keep their current values. */
    private static ChannelLoggingConfiguration logging(ChannelLoggingConfiguration current,
            ChannelLoggingConfiguration update) {
        if (update == null) {
            return current;
        }
        CloudWatchLogs was = current.cloudWatchLogs();
        CloudWatchLogs asked = update.cloudWatchLogs();
        return new ChannelLoggingConfiguration(new CloudWatchLogs(asked.enabled(),
                asked.logGroupName() == null ? was.logGroupName() : asked.logGroupName(),
                asked.logStreamName() == null ? was.logStreamName() : asked.logStreamName()));
    }
}
