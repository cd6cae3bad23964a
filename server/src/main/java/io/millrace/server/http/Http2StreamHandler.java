package io.millrace.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the one request of one HTTP/2 stream. An oversized body is answered on its stream alone; the connection
 * and its other streams carry on. A streamed answer (SubscribeToShard) keeps the stream open and sends its body as
 * DATA frames, paced by the stream's writability.
 *
 * <p>Confined to the stream's event loop, which is its connection's; answers completing elsewhere hop back.
 */
final class Http2StreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Http2StreamHandler.class);

    private final ApiExchange exchange;
    private final ConnectionState state;
    private boolean isAnswered;
    /** The body writer of a streamed answer, once one is being sent. */
    private StreamingBodyWriter streaming;

    Http2StreamHandler(ApiExchange exchange, ConnectionState state) {
        this.exchange = exchange;
        this.state = state;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (isAnswered) {
                return;
            }
            if (msg instanceof FullHttpRequest request) {
                isAnswered = true;
                ApiRequest apiRequest = ApiExchange.toApiRequest(request, request.content(), state.isTls(),
                        ApiRequest.HTTP_2, ctx.executor());
                state.onRequestStarted();
                exchange.answer(apiRequest).whenComplete((response, failure) -> {
                    ApiResponse answer = response != null ? response : ApiExchange.internalFailure(failure);
                    if (ctx.executor().inEventLoop()) {
                        write(ctx, apiRequest, answer);
                    } else {
                        ctx.executor().execute(() -> write(ctx, apiRequest, answer));
                    }
                });
            } else if (msg instanceof OversizedRequest oversized) {
                isAnswered = true;
                ApiRequest apiRequest = ApiExchange.toApiRequest(oversized.headersOnly(), Unpooled.EMPTY_BUFFER,
                        state.isTls(), ApiRequest.HTTP_2, ctx.executor());
                state.onRequestStarted();
                write(ctx, apiRequest, exchange.answerOversized(apiRequest));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void write(ChannelHandlerContext ctx, ApiRequest request, ApiResponse response) {
        if (response.isStreaming()) {
            stream(ctx, request, response);
            return;
        }
        ctx.writeAndFlush(ApiExchange.toHttpResponse(request, response))
                .addListener((ChannelFutureListener) future -> state.onRequestFinished());
    }

    /** Headers now, then the body as DATA frames while the stream's flow-control window allows. */
    private void stream(ChannelHandlerContext ctx, ApiRequest request, ApiResponse response) {
        if (!ctx.channel().isActive()) {
            // The client reset the stream before the answer was ready; nobody will read the body.
            streaming = new StreamingBodyWriter(ctx, state::onRequestFinished);
            response.bodyStream().subscribe(streaming);
            streaming.cancel();
            return;
        }
        ctx.writeAndFlush(ApiExchange.toStreamingHead(request, response, false));
        streaming = new StreamingBodyWriter(ctx, state::onRequestFinished);
        response.bodyStream().subscribe(streaming);
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
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Resetting stream {} after an error", ctx.channel(), cause);
        ctx.close();
    }
}
