package io.millrace.server.http;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Drives the AWS SDK's own Netty HTTP client (what KinesisAsyncClient uses) directly, over HTTP/2. */
final class SdkHttpCall {
    private SdkHttpCall() {
    }

    record Answer(int status, String body) {
    }

    static SdkAsyncHttpClient http2Client(ProtocolNegotiation negotiation) {
        return NettyNioAsyncHttpClient.builder()
                .protocol(Protocol.HTTP2)
                .protocolNegotiation(negotiation)
                .buildWithDefaults(AttributeMap.builder()
                        .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true)
                        .build());
    }

    static Answer post(SdkAsyncHttpClient client, URI uri, byte[] body) throws Exception {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(uri)
                .putHeader("Content-Length", String.valueOf(body.length))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .build();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        CompletableFuture<String> content = new CompletableFuture<>();
        client.execute(AsyncExecuteRequest.builder()
                .request(request)
                .requestContentPublisher(new OneShotPublisher(body))
                .responseHandler(new SdkAsyncHttpResponseHandler() {
                    @Override
                    public void onHeaders(SdkHttpResponse headers) {
                        status.complete(headers.statusCode());
                    }

                    @Override
                    public void onStream(Publisher<ByteBuffer> stream) {
                        stream.subscribe(new Collector(content));
                    }

                    @Override
                    public void onError(Throwable error) {
                        status.completeExceptionally(error);
                        content.completeExceptionally(error);
                    }
                })
                .build()).get(10, TimeUnit.SECONDS);
        return new Answer(status.get(10, TimeUnit.SECONDS), content.get(10, TimeUnit.SECONDS));
    }

    private static final class OneShotPublisher implements SdkHttpContentPublisher {
        private final byte[] body;

        OneShotPublisher(byte[] body) {
            this.body = body;
        }

        @Override
        public Optional<Long> contentLength() {
            return Optional.of((long) body.length);
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
            AtomicBoolean isDone = new AtomicBoolean();
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    if (n > 0 && isDone.compareAndSet(false, true)) {
                        subscriber.onNext(ByteBuffer.wrap(body));
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    isDone.set(true);
                }
            });
        }
    }

    private static final class Collector implements Subscriber<ByteBuffer> {
        private final CompletableFuture<String> content;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Collector(CompletableFuture<String> content) {
            this.content = content;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.writeBytes(chunk);
        }

        @Override
        public void onError(Throwable error) {
            content.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            content.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
