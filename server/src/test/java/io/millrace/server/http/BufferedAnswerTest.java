package io.millrace.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers whose body is a buffer the transport owns: sent intact, and released whether or not they are sent. */
@Timeout(30)
class BufferedAnswerTest {
    @TempDir
    Path tlsDir;

    private final EchoDispatcher dispatcher = new EchoDispatcher();
    private HttpServer server;

    @BeforeEach
    void start() {
        server = HttpServer.start(TransportConfig.defaults().withPort(0).withTls(null, null, tlsDir), dispatcher);
    }

    @AfterEach
    void stop() {
        server.shutdownGracefully(Duration.ofSeconds(2)).join();
    }

    @Test
    void aBufferedBodyIsSentWithItsLengthAndThenReleased() throws Exception {
        TrackedBuffer body = new TrackedBuffer("{\"answer\":42}");
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            connection.send(RawHttp1Connection.post("/hold", 0));
            dispatcher.nextHeld().answer().complete(ApiResponse.buffered(200, Map.of(), body));

            RawHttp1Connection.Response response = connection.read();

            assertThat(response.body()).isEqualTo("{\"answer\":42}");
            assertThat(response.headers()).containsEntry("content-length", "13");
        }
        assertThat(body.released.await(10, TimeUnit.SECONDS)).as("released after the write").isTrue();
    }

    @Test
    void aBufferedBodyIsReleasedWhenTheClientLeftBeforeTheAnswer() throws Exception {
        TrackedBuffer body = new TrackedBuffer("never read");
        EchoDispatcher.Held held;
        try (RawHttp1Connection connection = new RawHttp1Connection(server.port())) {
            connection.send(RawHttp1Connection.post("/hold", 0));
            held = dispatcher.nextHeld();
        }

        held.answer().complete(ApiResponse.buffered(200, Map.of(), body));

        assertThat(body.released.await(10, TimeUnit.SECONDS)).as("released although never written").isTrue();
    }

    @Test
    void chunkedBodiesKeepEveryByteInOrderAcrossChunks() {
        byte[] expected = new byte[3 * ChunkedBodyOutputStream.CHUNK_BYTES + 777];
        new Random(7).nextBytes(expected);
        ChunkedBodyOutputStream out = new ChunkedBodyOutputStream(ByteBufAllocator.DEFAULT);

        out.write(expected[0]);
        int offset = 1;
        for (int piece = 1; offset < expected.length; piece = piece * 3 + 1) {
            int length = Math.min(piece, expected.length - offset);
            out.write(expected, offset, length);
            offset += length;
        }
        ByteBuf body = out.body();

        assertThat(ByteBufUtil.getBytes(body)).isEqualTo(expected);
        assertThat(body.release()).isTrue();
    }

    @Test
    void aDiscardedChunkedBodyFreesItsChunks() {
        ChunkedBodyOutputStream out = new ChunkedBodyOutputStream(UnpooledByteBufAllocator.DEFAULT);
        out.write(new byte[ChunkedBodyOutputStream.CHUNK_BYTES + 1], 0, ChunkedBodyOutputStream.CHUNK_BYTES + 1);

        out.discard();

        assertThat(out.body().refCnt()).isZero();
    }

    /** A heap buffer that says when it has been freed. */
    private static final class TrackedBuffer extends UnpooledHeapByteBuf {
        final CountDownLatch released = new CountDownLatch(1);

        TrackedBuffer(String text) {
            super(UnpooledByteBufAllocator.DEFAULT, text.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            released.countDown();
        }
    }
}
