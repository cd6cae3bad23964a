package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.channel.ChannelArn;
import io.millrace.streams.channel.ChannelMetadata;
import io.millrace.streams.channel.ChannelRegistry;
import io.millrace.streams.channel.S3Destination;
import io.millrace.streams.model.ChannelLoggingConfiguration;
import io.millrace.streams.model.ChannelStatus;
import io.millrace.streams.model.ChannelStreamConfiguration;
import io.millrace.streams.model.CloudWatchLogs;
import io.millrace.streams.model.S3DestinationConfiguration;
import io.millrace.streams.model.StreamMode;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamMetadata;
import io.millrace.streams.stream.StreamRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * CreateChannel (reference 9.2): a channel delivering one ON_DEMAND stream to a general purpose S3 bucket, which
 * here is the engine's embedded S3 directory. The channel is CREATING when the call returns and ACTIVE after the
 * configured create-stream delay. S3 Tables destinations and ZSTD compression are refused, as is any channel when the
 * engine has no object store. Every message is [UNVERIFIED]: the model documents none. Thread-safe.
 */
public final class CreateChannel implements SyncOperation<CreateChannelRequest, ChannelResponse> {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    private final StreamRegistry streams;
    private final ChannelRegistry channels;
    private final EngineConfig config;
    private final Clock clock;

    CreateChannel(StreamRegistry streams, ChannelRegistry channels, EngineConfig config, Clock clock) {
        this.streams = streams;
        this.channels = channels;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public ChannelResponse call(CreateChannelRequest request, RequestContext context) {
        if (!NAME.matcher(request.channelName()).matches()) {
            throw KinesisError.INVALID_ARGUMENT.exception("ChannelName %s must be 1 to 128 letters, digits, "
                    + "'_', '.' or '-'.", request.channelName());
        }
        S3DestinationConfiguration requested = destination(request);
        if (request.streamConfigurationList().size() != 1) {
            throw KinesisError.INVALID_ARGUMENT.exception("StreamConfigurationList must name exactly one stream, "
                    + "got %d.", request.streamConfigurationList().size());
        }
        ChannelStreamConfiguration source = request.streamConfigurationList().get(0);
        S3DestinationConfiguration destination = S3Destination.complete(requested, source.recordConfiguration());
        StreamMetadata stream = sourceStream(source.streamARN());
        checkTags(request, context.accountId());
        long nowMs = clock.millis();
        String id = UUID.randomUUID().toString();
        ChannelMetadata channel = new ChannelMetadata(context.accountId(), context.region(), request.channelName(),
                ChannelArn.of(context.accountId(), context.region(), request.channelName()), id, nowMs,
                ChannelStatus.CREATING, nowMs + config.createStreamDelayMs(), null, request.serviceExecutionRoleARN(),
                stream.storageKey(), stream.arn(), stream.creationMs(), source.recordConfiguration(), destination,
                request.encryptionConfiguration(), logging(request.loggingConfiguration(), request.channelName(), id),
                new TreeMap<>(request.tags() == null ? Map.of() : request.tags()), new TreeMap<>(), nowMs);
        return new ChannelResponse(ChannelShapes.description(channels.create(channel)));
    }

    private S3DestinationConfiguration destination(CreateChannelRequest request) {
        boolean s3 = request.s3DestinationConfiguration() != null;
        boolean tables = request.s3TablesDestinationConfiguration() != null;
        if (s3 == tables) {
            throw KinesisError.INVALID_ARGUMENT.exception("Exactly one of S3DestinationConfiguration and "
                    + "S3TablesDestinationConfiguration must be specified.");
        }
        if (tables) {
            throw KinesisError.INVALID_ARGUMENT.exception("S3TablesDestinationConfiguration (Apache Iceberg "
                    + "streaming tables) is not supported by this version of Millrace.");
        }
        if (config.objectStore() == null) {
            throw KinesisError.INVALID_ARGUMENT.exception("This Millrace engine has no object store, "
                    + "so channels cannot deliver to S3.");
        }
        return request.s3DestinationConfiguration();
    }

    private StreamMetadata sourceStream(String streamArn) {
        StreamKey key = StreamKey.resolve(null, streamArn, null, null);
        StreamMetadata stream = streams.require(key).metadata();
        if (stream.mode() != StreamMode.ON_DEMAND) {
            throw KinesisError.INVALID_ARGUMENT.exception("Stream %s under account %s is not in ON_DEMAND mode; "
                    + "channels work only on on-demand streams.", key.name(), key.accountId());
        }
        return stream;
    }

    /** The same tag rules as TagResource on the channel later. */
    private static void checkTags(CreateChannelRequest request, String accountId) {
        if (request.tags() == null) {
            return;
        }
        List<String> texts = new ArrayList<>(request.tags().keySet());
        texts.addAll(request.tags().values());
        StreamTags.checkCharacters(texts, "add tags to", "channel", request.channelName(), accountId);
        StreamTags.checkCount(request.tags().size(), "channel", request.channelName(), accountId);
    }

    /**
     * Logging as requested, with the documented defaults for names left out: log group
     * {@code /aws/kinesis/{channelName}/{channelId}}, log stream {@code DestinationDelivery}. Millrace keeps the
     * settings but writes no CloudWatch Logs.
     */
    private static ChannelLoggingConfiguration logging(ChannelLoggingConfiguration requested, String name, String id) {
        CloudWatchLogs logs = requested == null ? new CloudWatchLogs(false, null, null) : requested.cloudWatchLogs();
        return new ChannelLoggingConfiguration(new CloudWatchLogs(logs.enabled(),
                logs.logGroupName() == null ? "/aws/kinesis/" + name + "/" + id : logs.logGroupName(),
                logs.logStreamName() == null ? "DestinationDelivery" : logs.logStreamName()));
    }
}
