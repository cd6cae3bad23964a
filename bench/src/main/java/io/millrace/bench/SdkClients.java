package io.millrace.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.URI;
import java.time.Duration;

/**
 * The benchmark's AWS SDK for Java v2 clients: sync (Kinesis, Firehose) over the Apache HTTP client, async over Netty with HTTP/2 (h2c
 * with prior knowledge on http://), both without retries so every failure is seen. CBOR or JSON follows the
 * {@code aws.cborEnabled} system property, set before building.
 */
final class SdkClients {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));

    private SdkClients() {
    }

    static KinesisClient sync(URI endpoint, int maxConnections) {
        return synchronous(KinesisClient.builder(), endpoint, maxConnections).build();
    }

    static FirehoseClient firehose(URI endpoint, int maxConnections) {
        return synchronous(FirehoseClient.builder(), endpoint, maxConnections).build();
    }

    /** The settings every sync client of the benchmarks shares, whichever service it speaks to. */
    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B synchronous(
            B builder, URI endpoint, int maxConnections) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(maxConnections))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(60)));
    }

    static KinesisAsyncClient asyncHttp2(URI endpoint) {
        return KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)
                        .connectionTimeout(Duration.ofSeconds(5)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
