package io.millrace.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingBodyWriterTest {
    private static final int CHUNK_BYTES = 1024;
    private static final int HIGH_WATER_BYTES = 8 * CHUNK_BYTES;

    /** Holds flushes, as a peer that stops reading does: written chunks pile up in the channel's buffer. */
    private static final class SlowPeer extends ChannelOutboundHandlerAdapter {
        boolean isReading;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (isReading) {
                ctx.flush();
            }
        }
    }

    private final SlowPeer peer = new SlowPeer();
    private final AtomicInteger finished = new AtomicInteger();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private StreamingBodyWriter writer;

    private void start(ChunkSource source) {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(HIGH_WATER_BYTES / 2, HIGH_WATER_BYTES));
        channel.pipeline().addLast(peer);
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                writer = new StreamingBodyWriter(ctx, finished::incrementAndGet);
            }

            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                writer.onWritabilityChanged();
            }
        });
        source.subscribe(writer);
    }

    @Test
    void aPeerThatStopsReadingStopsTheDemandAtTheHighWaterMark() {
        ChunkSource source = new ChunkSource();
        start(source);
        int emitted = 0;
        for (int round = 0; round < 1000 && source.requested > source.emitted; round++) {
            emitted += source.emitWhileDemanded(CHUNK_BYTES, 1);
        }
        assertThat(channel.isWritable()).isFalse();
        assertThat(emitted).isLessThanOrEqualTo(HIGH_WATER_BYTES / CHUNK_BYTES + 1);
        assertThat(source.requested).isEqualTo(source.emitted);

        peer.isReading = true;
        channel.flush();
        assertThat(channel.isWritable()).isTrue();
        assertThat(source.requested).isEqualTo(source.emitted + 1);
        drainOutbound();
    }

    @Test
    void demandIsOneChunkAtATimeWhileThePeerKeepsUp() {
        peer.isReading = true;
        ChunkSource source = new ChunkSource();
        start(source);
        assertThat(source.requested).isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            source.emitWhileDemanded(CHUNK_BYTES, 1);
            assertThat(source.requested - source.emitted).isEqualTo(1);
        }
        assertThat(drainOutbound()).isEqualTo(100);
    }

    @Test
    void completionEndsTheBodyOnceAndClosingCancelsThePublisher() {
        peer.isReading = true;
        ChunkSource source = new ChunkSource();
        start(source);
        source.emit(new byte[] {1});
        source.complete();
        Object first = channel.readOutbound();
        Object last = channel.readOutbound();
        assertThat(first).isInstanceOf(HttpContent.class);
        assertThat(last).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
        ReferenceCountUtil.release(first);
        assertThat(finished).hasValue(1);

        ChunkSource other = new ChunkSource();
        EmbeddedChannel second = new EmbeddedChannel();
        AtomicInteger secondFinished = new AtomicInteger();
        second.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                StreamingBodyWriter w = new StreamingBodyWriter(ctx, secondFinished::incrementAndGet);
                other.subscribe(w);
                ctx.channel().closeFuture().addListener(f -> w.cancel());
            }
        });
        second.close();
        assertThat(other.isCancelled).isTrue();
        assertThat(secondFinished).hasValue(1);
    }

    private int drainOutbound() {
        int count = 0;
        Object message;
        while ((message = channel.readOutbound()) != null) {
            ReferenceCountUtil.release(message);
            count++;
        }
        return count;
    }
}
