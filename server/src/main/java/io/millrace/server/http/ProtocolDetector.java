package io.millrace.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Looks at the first bytes of a connection and installs the matching pipeline: TLS (then ALPN), HTTP/2 with prior
 * knowledge (the client preface), or HTTP/1.1. Removes itself; the bytes it held go on to the chosen pipeline.
 * Also runs inside TLS when the client offered no ALPN: the AWS SDK's Netty client does exactly that by default
 * ({@code ProtocolNegotiation.ASSUME_PROTOCOL}) and starts HTTP/2 straight after the handshake.
 * One instance per connection.
 */
final class ProtocolDetector extends ByteToMessageDecoder {
    static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** {@link SslHandler#isEncrypted} needs a whole TLS record header. */
    private static final int TLS_RECORD_HEADER_BYTES = 5;

    private final ProtocolPipelines pipelines;
    private final boolean isInsideTls;
    private boolean isWaitingForTls;

    ProtocolDetector(ProtocolPipelines pipelines, boolean isInsideTls) {
        this.pipelines = pipelines;
        this.isInsideTls = isInsideTls;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < TLS_RECORD_HEADER_BYTES) {
            return;
        }
        if (!isInsideTls && SslHandler.isEncrypted(in, false)) {
            if (!pipelines.tlsContext().isDone()) {
                waitForTls(ctx);
                return;
            }
            pipelines.configureTls(ctx.channel());
        } else if (!isInsideTls && pipelines.isTlsOnly()) {
            // TLS-only: a plain-text client gets no answer at all, so nothing it sent is ever processed.
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        } else {
            int compared = Math.min(in.readableBytes(), HTTP2_PREFACE.length);
            if (!startsWithPreface(in, compared)) {
                pipelines.configureHttp1(ctx.channel());
            } else if (compared < HTTP2_PREFACE.length) {
                return;
            } else {
                pipelines.configureHttp2(ctx.channel());
            }
        }
        ctx.pipeline().remove(this);
    }

    /**
     * A TLS client arrived while the certificate is still loading (only in the first moments after start): hold its
     * bytes, stop reading, and continue on the event loop once the context is ready. Never blocks the loop.
     */
    private void waitForTls(ChannelHandlerContext ctx) {
        if (isWaitingForTls) {
            return;
        }
        isWaitingForTls = true;
        ctx.channel().config().setAutoRead(false);
        pipelines.tlsContext().whenComplete((context, failure) -> ctx.channel().eventLoop().execute(() -> {
            if (failure != null) {
                ctx.close();
                return;
            }
            ctx.channel().config().setAutoRead(true);
            pipelines.configureTls(ctx.channel());
            ctx.pipeline().remove(this);
        }));
    }

    private static boolean startsWithPreface(ByteBuf in, int length) {
        int start = in.readerIndex();
        for (int i = 0; i < length; i++) {
            if (in.getByte(start + i) != HTTP2_PREFACE[i]) {
                return false;
            }
        }
        return true;
    }
}
