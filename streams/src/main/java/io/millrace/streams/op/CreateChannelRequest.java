package io.millrace.streams.op;

import io.millrace.streams.model.ChannelEncryptionConfiguration;
import io.millrace.streams.model.ChannelLoggingConfiguration;
import io.millrace.streams.model.ChannelStreamConfiguration;
import io.millrace.streams.model.S3DestinationConfiguration;
import io.millrace.streams.model.S3TablesDestinationConfiguration;

import java.util.List;
import java.util.Map;

/** Input of CreateChannel. */
public record CreateChannelRequest(String channelName, String serviceExecutionRoleARN,
        List<ChannelStreamConfiguration> streamConfigurationList, S3DestinationConfiguration s3DestinationConfiguration,
        S3TablesDestinationConfiguration s3TablesDestinationConfiguration,
        ChannelEncryptionConfiguration encryptionConfiguration, Map<String, String> tags,
        ChannelLoggingConfiguration loggingConfiguration) {
}
