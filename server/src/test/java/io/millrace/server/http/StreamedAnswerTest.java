package io.millrace.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** A streamed answer on HTTP/1.1: chunked, and the answers pipelined behind it wait until it ends. */
class StreamedAnswerTest {
    private final ChunkSource source = new ChunkSource();

    private final ApiDispatcher dispatcher = new ApiDispatcher() {
        @Override
        public CompletionStage<ApiResponse> dispatch(ApiRequest request) {
            if (request.path().equals("/stream")) {
                return CompletableFuture.completedFuture(ApiResponse.streaming(200,
                        Map.of("Content-Type", "application/vnd.amazon.eventstream"), source));
            }
            return CompletableFuture.completedFuture(new ApiResponse(200, Map.of(),
                    "plain".getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        public ApiResponse rejectOversized(ApiRequest headersOnly) {
            return new ApiResponse(413, Map.of(), new byte[0]);
        }
    };

    @Test
    void aStreamedAnswerIsChunkedAndHoldsBackTheNextAnswerUntilItEnds() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(new HttpServerCodec(), new BoundedBodyAggregator(1024),
                new Http1RequestHandler(new ApiExchange(dispatcher), new ConnectionState(channel), 8));

        channel.writeInbound(request("/stream"));
        channel.writeInbound(request("/plain"));
        source.emit("abc".getBytes(StandardCharsets.US_ASCII));
        String beforeEnd = readAll(channel);
        assertThat(beforeEnd).startsWith("HTTP/1.1 200 OK").contains("transfer-encoding: chunked")
                .contains("application/vnd.amazon.eventstream").contains("\r\n\r\n3\r\nabc\r\n")
                .doesNotContain("plain");

        source.complete();
        String afterEnd = readAll(channel);
        assertThat(afterEnd).startsWith("0\r\n\r\n").contains("HTTP/1.1 200 OK").endsWith("plain");
        channel.finishAndReleaseAll();
    }

    @Test
    void closingTheConnectionCancelsTheStream() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(new HttpServerCodec(), new BoundedBodyAggregator(1024),
                new Http1RequestHandler(new ApiExchange(dispatcher), new ConnectionState(channel), 8));
        channel.writeInbound(request("/stream"));
        channel.close();
        assertThat(source.isCancelled).isTrue();
        channel.finishAndReleaseAll();
    }

    private static String readAll(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        ByteBuf next;
        while ((next = channel.readOutbound()) != null) {
            text.append(next.toString(StandardCharsets.US_ASCII));
            next.release();
        }
        return text.toString();
    }

    private static ByteBuf request(String path) {
        return Unpooled.copiedBuffer("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
                StandardCharsets.US_ASCII);
    }
}
