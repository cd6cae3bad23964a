package io.millrace.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * After the TLS handshake, installs HTTP/2 or HTTP/1.1 as ALPN chose; clients without ALPN get HTTP/1.1.
 * One instance per connection.
 */
final class AlpnNegotiator extends ApplicationProtocolNegotiationHandler {
    private final ProtocolPipelines pipelines;

    AlpnNegotiator(ProtocolPipelines pipelines) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.pipelines = pipelines;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            pipelines.configureHttp2(ctx.channel());
        } else if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
            pipelines.configureHttp1(ctx.channel());
        } else {
            throw new IllegalStateException("unexpected ALPN protocol: " + protocol);
        }
    }
}
