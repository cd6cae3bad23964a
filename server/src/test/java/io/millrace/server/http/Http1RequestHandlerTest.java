package io.millrace.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Http1RequestHandlerTest {
    private static final int MAX_IN_FLIGHT = 2;

    private final EchoDispatcher dispatcher = new EchoDispatcher();

    private EmbeddedChannel connection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ConnectionState state = new ConnectionState(channel);
        channel.pipeline().addLast(new HttpServerCodec(), new BoundedBodyAggregator(1024),
                new Http1RequestHandler(new ApiExchange(dispatcher), state, MAX_IN_FLIGHT));
        return channel;
    }

    @Test
    void stopsReadingAtTheInFlightLimitAndResumesWhenAnswersDrain() throws Exception {
        EmbeddedChannel channel = connection();

        channel.writeInbound(request("/hold/1"));
        assertThat(channel.config().isAutoRead()).isTrue();
        channel.writeInbound(request("/hold/2"));
        assertThat(channel.config().isAutoRead()).isFalse();

        dispatcher.nextHeld().release();
        channel.runPendingTasks();

        assertThat(channel.config().isAutoRead()).isTrue();
        ByteBuf written = channel.readOutbound();
        assertThat(written.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 OK");
        written.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void malformedRequestIsAnsweredWith400AndTheConnectionClosed() {
        EmbeddedChannel channel = connection();

        channel.writeInbound(channel.alloc().buffer().writeBytes(
                "POST / HTTP/1.1\r\nContent-Length: nope\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        channel.runPendingTasks();

        ByteBuf written = channel.readOutbound();
        assertThat(written.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400").contains("connection: close");
        written.release();
        assertThat(channel.isOpen()).isFalse();
        assertThat(dispatcher.seen).isEmpty();
        channel.finishAndReleaseAll();
    }

    private static ByteBuf request(String path) {
        return io.netty.buffer.Unpooled.copiedBuffer("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
                StandardCharsets.US_ASCII);
    }
}
