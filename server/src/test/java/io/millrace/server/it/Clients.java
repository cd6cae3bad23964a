package io.millrace.server.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.utils.AttributeMap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Real AWS SDK for Java v2 clients pointed at a Millrace endpoint, in each mode the integration tests cover. */
final class Clients {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDMILLRACETEST", "secret"));
    private static final String CBOR_PROPERTY = "aws.cborEnabled";

    private Clients() {
    }

    /** The sync client; the CBOR switch is read when the client is built, so set it only around building. */
    static KinesisClient sync(URI endpoint, boolean cbor) {
        return sync(endpoint, cbor, CREDENTIALS, Region.US_EAST_1);
    }

    /** The sync client signing with other credentials, in another region. */
    static synchronized KinesisClient sync(URI endpoint, boolean cbor, AwsCredentialsProvider credentials,
                                           Region region) {
        String previous = System.getProperty(CBOR_PROPERTY);
        System.setProperty(CBOR_PROPERTY, Boolean.toString(cbor));
        try {
            return KinesisClient.builder()
                    .endpointOverride(endpoint)
                    .region(region)
                    .credentialsProvider(credentials)
                    .httpClient(ApacheHttpClient.builder().build())
                    .build();
        } finally {
            restore(previous);
        }
    }

    /** The async Netty client over HTTP/2: h2c prior knowledge on http://, ALPN on https:// (trusting any cert). */
    /** A Firehose client (JSON; Firehose has no CBOR) of the server listening on 127.0.0.1:{@code port}. */
    static FirehoseClient firehose(int port) {
        return FirehoseClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .build();
    }

    static KinesisAsyncClient async(URI endpoint, boolean cbor) {
        return async(endpoint, cbor, CREDENTIALS);
    }

    /** The async client signing with other credentials. */
    static synchronized KinesisAsyncClient async(URI endpoint, boolean cbor, AwsCredentialsProvider credentials) {
        String previous = System.getProperty(CBOR_PROPERTY);
        System.setProperty(CBOR_PROPERTY, Boolean.toString(cbor));
        try {
            AttributeMap trustAll = AttributeMap.builder()
                    .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE).build();
            return KinesisAsyncClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(credentials)
                    .httpClient(NettyNioAsyncHttpClient.builder()
                            .protocol(Protocol.HTTP2)
                            .connectionTimeout(Duration.ofSeconds(5))
                            .buildWithDefaults(trustAll))
                    .build();
        } finally {
            restore(previous);
        }
    }

    /**
     * A {@link KinesisClient} view of an async client, so one scenario drives both: every call is forwarded to the
     * async method of the same signature and joined.
     */
    static KinesisClient blocking(KinesisAsyncClient async) {
        InvocationHandler handler = (proxy, method, args) -> method.isDefault() && method.getName().endsWith("Paginator")
                ? InvocationHandler.invokeDefault(proxy, method, args) // the sync paginator, driving this proxy
                : forward(async, method, args);
        return (KinesisClient) Proxy.newProxyInstance(Clients.class.getClassLoader(),
                new Class<?>[] {KinesisClient.class}, handler);
    }

    private static Object forward(KinesisAsyncClient async, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close")) {
            async.close();
            return null;
        }
        Method target = KinesisAsyncClient.class.getMethod(method.getName(), method.getParameterTypes());
        Object result;
        try {
            result = target.invoke(async, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof CompletableFuture<?> future) {
            try {
                return future.join();
            } catch (CompletionException e) {
                throw e.getCause();
            }
        }
        return result;
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(CBOR_PROPERTY);
        } else {
            System.setProperty(CBOR_PROPERTY, previous);
        }
    }
}
