package io.millrace.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Flow;

/**
 * Writes a streamed response body ({@link ApiResponse#bodyStream()}) to one channel: an HTTP/2 stream (DATA
 * frames) or an HTTP/1.1 connection (chunks). It requests one chunk at a time, and the next only once the previous
 * is written into the channel and the channel is still writable; when it is not, it waits for
 * {@link #onWritabilityChanged}. So what a slow client has not read is bounded by the channel's high-water mark
 * plus one chunk, and on HTTP/2 by the stream's flow-control window, without touching other streams.
 *
 * <p>Confined to the channel's event loop: the publisher may signal from any thread, and every signal hops over.
 */
final class StreamingBodyWriter implements Flow.Subscriber<byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingBodyWriter.class);

    private final ChannelHandlerContext ctx;
    private final Runnable onFinished;
    private Flow.Subscription subscription;
    private boolean isAwaitingChunk;
    private boolean isFinished;

    /** {@code onFinished} runs once on the event loop when the body has ended, normally or not. */
    StreamingBodyWriter(ChannelHandlerContext ctx, Runnable onFinished) {
        this.ctx = ctx;
        this.onFinished = onFinished;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        onLoop(() -> {
            subscription = s;
            if (isFinished) {
                s.cancel();
            } else {
                requestIfWritable();
            }
        });
    }

    @Override
    public void onNext(byte[] chunk) {
        onLoop(() -> {
            isAwaitingChunk = false;
            if (isFinished) {
                return;
            }
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)))
                    .addListener((ChannelFutureListener) this::onChunkWritten);
            requestIfWritable();
        });
    }

    @Override
    public void onError(Throwable failure) {
        onLoop(() -> {
            LOG.warn("A streamed response failed; closing {}", ctx.channel(), failure);
            finish();
            ctx.close();
        });
    }

    @Override
    public void onComplete() {
        onLoop(() -> {
            if (isFinished) {
                return;
            }
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                    .addListener((ChannelFutureListener) future -> {
                        if (!future.isSuccess()) {
                            ctx.close();
                        }
                        finish();
                    });
        });
    }

    /** The channel's writability changed: resume pulling when it can take more. */
    void onWritabilityChanged() {
        requestIfWritable();
    }

    /** The channel closed or the stream was reset: stop the publisher. Must be called on the event loop. */
    void cancel() {
        if (subscription != null && !isFinished) {
            subscription.cancel();
        }
        finish();
    }

    boolean isFinished() {
        return isFinished;
    }

    private void requestIfWritable() {
        if (subscription != null && !isFinished && !isAwaitingChunk && ctx.channel().isWritable()) {
            isAwaitingChunk = true;
            subscription.request(1);
        }
    }

    private void onChunkWritten(io.netty.channel.ChannelFuture future) {
        if (!future.isSuccess() && !isFinished) {
            LOG.debug("Writing a streamed chunk to {} failed", ctx.channel(), future.cause());
            cancel();
            ctx.close();
        }
    }

    private void finish() {
        if (!isFinished) {
            isFinished = true;
            onFinished.run();
        }
    }

    private void onLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }
}
