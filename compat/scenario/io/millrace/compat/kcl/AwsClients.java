package io.millrace.compat.kcl;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import java.net.URI;
import java.time.Duration;

/**
 * The three AWS clients a KCL application needs, each pointed at a local endpoint: Kinesis at Millrace (async,
 * CBOR, HTTP/2 cleartext with prior knowledge, as the KCL uses it against AWS), DynamoDB at dynalite, and a
 * CloudWatch client that must never be called because the tests run the KCL with metrics level NONE.
 *
 * <p>Thread safety: stateless; the clients it builds are thread-safe.
 */
final class AwsClients {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDKCLCOMPAT", "secret"));
    /** The discard port on loopback: nothing listens there, so a stray metrics call would fail loudly. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    private AwsClients() {
    }

    static KinesisAsyncClient kinesis(URI millrace) {
        return KinesisAsyncClient.builder()
                .endpointOverride(millrace)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .build())
                .build();
    }

    static DynamoDbAsyncClient dynamo(URI dynalite) {
        return DynamoDbAsyncClient.builder()
                .endpointOverride(dynalite)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(NettyNioAsyncHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build())
                .build();
    }

    static CloudWatchAsyncClient unusedCloudWatch() {
        return CloudWatchAsyncClient.builder()
                .endpointOverride(NOWHERE)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .build();
    }
}
