package io.millrace.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * Serves the requests of one HTTP/1.1 connection. Requests may be pipelined and their answers may complete in any
 * order, but HTTP/1.1 needs answers in request order, so each request takes a slot in a queue and answers leave
 * from the head only. When {@code maxInFlight} answers are owed the connection stops reading (backpressure) until
 * they drain. A streamed answer (SubscribeToShard) is sent chunked and holds the answers behind it until it ends.
 *
 * <p>Confined to the connection's event loop; answers completing elsewhere hop back onto it.
 */
final class Http1RequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Http1RequestHandler.class);

    private final ApiExchange exchange;
    private final ConnectionState state;
    private final int maxInFlight;
    private final ArrayDeque<Slot> owed = new ArrayDeque<>();
    /** Set once an answer carries {@code Connection: close}; later requests on this connection are ignored. */
    private boolean isClosing;
    /** The body writer of the streamed answer being sent; later answers wait for it. */
    private StreamingBodyWriter streaming;

    Http1RequestHandler(ApiExchange exchange, ConnectionState state, int maxInFlight) {
        this.exchange = exchange;
        this.state = state;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (isClosing) {
                return;
            }
            if (msg instanceof FullHttpRequest request) {
                onRequest(ctx, request);
            } else if (msg instanceof OversizedRequest oversized) {
                onOversized(ctx, oversized.headersOnly());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            // The framing is unknown after a malformed request, so the connection cannot be reused.
            ApiRequest apiRequest = ApiExchange.toApiRequest(request, Unpooled.EMPTY_BUFFER, state.isTls(),
                    request.protocolVersion().text(), ctx.executor());
            Slot slot = take(ctx, apiRequest, request.protocolVersion(), false);
            complete(ctx, slot, new ApiResponse(400, Map.of(), new byte[0]));
            return;
        }
        ApiRequest apiRequest = ApiExchange.toApiRequest(request, request.content(), state.isTls(),
                request.protocolVersion().text(), ctx.executor());
        Slot slot = take(ctx, apiRequest, request.protocolVersion(), HttpUtil.isKeepAlive(request));
        exchange.answer(apiRequest).whenComplete((response, failure) -> {
            // answer() never fails; the null check only guards against a future change there.
            ApiResponse answer = response != null ? response : ApiExchange.internalFailure(failure);
            if (ctx.executor().inEventLoop()) {
                complete(ctx, slot, answer);
            } else {
                ctx.executor().execute(() -> complete(ctx, slot, answer));
            }
        });
    }

    private void onOversized(ChannelHandlerContext ctx, HttpRequest headersOnly) {
        ApiRequest apiRequest = ApiExchange.toApiRequest(headersOnly, Unpooled.EMPTY_BUFFER, state.isTls(),
                headersOnly.protocolVersion().text(), ctx.executor());
        Slot slot = take(ctx, apiRequest, headersOnly.protocolVersion(), HttpUtil.isKeepAlive(headersOnly));
        complete(ctx, slot, exchange.answerOversized(apiRequest));
    }

    private Slot take(ChannelHandlerContext ctx, ApiRequest request, HttpVersion version, boolean isKeepAlive) {
        Slot slot = new Slot(request, version, isKeepAlive);
        owed.add(slot);
        state.onRequestStarted();
        if (state.inFlight() >= maxInFlight || !isKeepAlive) {
            ctx.channel().config().setAutoRead(false);
        }
        return slot;
    }

    private void complete(ChannelHandlerContext ctx, Slot slot, ApiResponse response) {
        if (isClosing || !ctx.channel().isActive()) {
            response.release(); // never written: an answer before it closes the connection, or the client left
            return;
        }
        slot.response = response;
        writeReady(ctx);
    }

    /** Writes the answers at the head that are ready; a streamed answer holds back the rest until it ends. */
    private void writeReady(ChannelHandlerContext ctx) {
        while (!owed.isEmpty() && owed.peek().response != null && !isClosing && streaming == null) {
            write(ctx, owed.poll());
        }
    }

    private void write(ChannelHandlerContext ctx, Slot slot) {
        if (slot.response.isStreaming()) {
            stream(ctx, slot);
            return;
        }
        FullHttpResponse http = ApiExchange.toHttpResponse(slot.request, slot.response);
        boolean isKeepAlive = slot.isKeepAlive && !(state.isDraining() && owed.isEmpty());
        HttpUtil.setKeepAlive(http.headers(), slot.version, isKeepAlive);
        ChannelFuture written = ctx.writeAndFlush(http);
        written.addListener((ChannelFutureListener) future -> onWritten(ctx, future));
        if (!isKeepAlive) {
            isClosing = true;
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Status and headers now, then the body in chunks as the connection drains. */
    private void stream(ChannelHandlerContext ctx, Slot slot) {
        boolean isKeepAlive = slot.isKeepAlive && !(state.isDraining() && owed.isEmpty());
        HttpResponse head = ApiExchange.toStreamingHead(slot.request, slot.response, true);
        HttpUtil.setKeepAlive(head.headers(), slot.version, isKeepAlive);
        ctx.writeAndFlush(head);
        StreamingBodyWriter writer = new StreamingBodyWriter(ctx, () -> onStreamFinished(ctx, isKeepAlive));
        streaming = writer;
        slot.response.bodyStream().subscribe(writer);
    }

    private void onStreamFinished(ChannelHandlerContext ctx, boolean isKeepAlive) {
        streaming = null;
        if (!isKeepAlive) {
            isClosing = true;
            ctx.close();
        }
        state.onRequestFinished();
        resumeReading(ctx);
        writeReady(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (streaming != null) {
            streaming.onWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (streaming != null) {
            streaming.cancel();
        }
        for (Slot slot : owed) {
            if (slot.response != null) {
                slot.response.release();
            }
        }
        ctx.fireChannelInactive();
    }

    private void onWritten(ChannelHandlerContext ctx, ChannelFuture future) {
        if (!future.isSuccess()) {
            LOG.debug("Closing {}: writing a response failed", ctx.channel(), future.cause());
            ctx.close();
        }
        state.onRequestFinished();
        resumeReading(ctx);
    }

    private void resumeReading(ChannelHandlerContext ctx) {
        if (!isClosing && !state.isDraining() && state.inFlight() < maxInFlight
                && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Closing {} after an error", ctx.channel(), cause);
        ctx.close();
    }

    /** One owed answer, in request order. */
    private static final class Slot {
        final ApiRequest request;
        final HttpVersion version;
        final boolean isKeepAlive;
        ApiResponse response;

        Slot(ApiRequest request, HttpVersion version, boolean isKeepAlive) {
            this.request = request;
            this.version = version;
            this.isKeepAlive = isKeepAlive;
        }
    }
}
