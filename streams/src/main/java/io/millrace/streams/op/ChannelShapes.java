package io.millrace.streams.op;

import io.millrace.streams.channel.ChannelArn;
import io.millrace.streams.channel.ChannelErrors;
import io.millrace.streams.channel.ChannelMetadata;
import io.millrace.streams.channel.ChannelRegistry;
import io.millrace.streams.model.ChannelDescription;
import io.millrace.streams.model.ChannelDestinationType;
import io.millrace.streams.model.ChannelStreamDescription;
import io.millrace.streams.model.ChannelStreamIdentifier;
import io.millrace.streams.model.ChannelSummary;

import java.time.Instant;
import java.util.List;

/** Channel metadata as the wire shapes show it, and the ARN lookup the channel operations share. Stateless. */
final class ChannelShapes {
    private ChannelShapes() {
    }

    static ChannelDescription description(ChannelMetadata channel) {
        return new ChannelDescription(channel.name(), channel.arn(), channel.id(), channel.status(),
                channel.statusReason(),
                Instant.ofEpochMilli(channel.creationMs()), channel.serviceExecutionRoleArn(),
                List.of(new ChannelStreamDescription(channel.streamArn(), streamCreation(channel),
                        channel.recordConfiguration())),
                channel.destination(), channel.encryption(), channel.logging());
    }

    static ChannelSummary summary(ChannelMetadata channel) {
        return new ChannelSummary(channel.name(), channel.arn(), channel.id(), channel.status(),
                channel.statusReason(),
                Instant.ofEpochMilli(channel.creationMs()), ChannelDestinationType.S3,
                List.of(new ChannelStreamIdentifier(channel.streamArn(), streamCreation(channel))));
    }

    /** The channel an ARN names: InvalidArgument for a malformed ARN, ResourceNotFound for an unknown one. */
    static ChannelMetadata require(ChannelRegistry channels, String arn) {
        if (!ChannelArn.isChannelArn(arn)) {
            throw ChannelErrors.invalidArn(arn);
        }
        return channels.find(arn).orElseThrow(() -> ChannelErrors.notFound(arn));
    }

    /** The same instant DescribeStreamSummary shows for the stream. */
    private static Instant streamCreation(ChannelMetadata channel) {
        return Instant.ofEpochMilli(channel.streamCreationMs());
    }
}
