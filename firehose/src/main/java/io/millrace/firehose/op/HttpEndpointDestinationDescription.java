package io.millrace.firehose.op;

import io.millrace.firehose.destination.http.HttpEndpointSettings;
import io.millrace.firehose.model.BufferingHints;
import io.millrace.firehose.model.CloudWatchLoggingOptions;
import io.millrace.firehose.model.ProcessingConfiguration;

import java.util.ArrayList;
import java.util.List;

/** Wire shape {@code HttpEndpointDestinationDescription}; the access key is never described. */
public record HttpEndpointDestinationDescription(Endpoint endpointConfiguration, BufferingHints bufferingHints,
                                                 CloudWatchLoggingOptions cloudWatchLoggingOptions,
                                                 RequestConfiguration requestConfiguration,
                                                 ProcessingConfiguration processingConfiguration, String roleARN,
                                                 RetryOptions retryOptions, String s3BackupMode,
                                                 S3DestinationDescription s3DestinationDescription) {

    /** Wire shape {@code HttpEndpointDescription}. */
    public record Endpoint(String url, String name) {
    }

    /** Wire shape {@code HttpEndpointRequestConfiguration}. */
    public record RequestConfiguration(String contentEncoding, List<Attribute> commonAttributes) {
    }

    /** Wire shape {@code HttpEndpointCommonAttribute}. */
    public record Attribute(String attributeName, String attributeValue) {
    }

    /** Wire shapes {@code HttpEndpointRetryOptions} and {@code RedshiftRetryOptions}. */
    public record RetryOptions(int durationInSeconds) {
    }

    static HttpEndpointDestinationDescription of(HttpEndpointSettings http, S3DestinationDescription s3) {
        List<Attribute> attributes = new ArrayList<>();
        http.commonAttributes().forEach((name, value) -> attributes.add(new Attribute(name, value)));
        return new HttpEndpointDestinationDescription(new Endpoint(http.url(), http.name()),
                new BufferingHints(http.sizeInMBs(), http.intervalInSeconds()), http.cloudWatchLoggingOptions(),
                new RequestConfiguration(http.contentEncoding(), attributes), http.processingConfiguration(),
                http.roleARN(), new RetryOptions(http.retryDurationInSeconds()), http.s3BackupMode(), s3);
    }
}
