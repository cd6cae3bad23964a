package io.millrace.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates a request body up to {@code maxRequestBytes}. Netty's aggregator answers an oversized request itself
 * and may close the connection; AWS clients instead expect an API error and a connection they can reuse, so this
 * one hands an {@link OversizedRequest} to the next handler and lets the base class discard the rest of the body
 * (it drops content until the next request starts). One instance per connection or stream; event-loop confined.
 */
final class BoundedBodyAggregator extends HttpObjectAggregator {

    BoundedBodyAggregator(int maxRequestBytes) {
        super(maxRequestBytes);
    }

    /** An oversized {@code Expect: 100-continue} request gets the API answer instead of Netty's bare 413. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > maxContentLength) {
            return null;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (!(oversized instanceof HttpRequest request)) {
            ctx.close();
            return;
        }
        // Copy what the answer needs: the base class releases the oversized message when this returns.
        HttpHeaders headers = request.headers().copy();
        HttpRequest headersOnly = new DefaultHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                headers);
        ctx.fireChannelRead(new OversizedRequest(headersOnly));
    }
}
